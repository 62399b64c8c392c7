import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useForgetPostedFlag } from "~/components/draft-textarea";
import { PostEditor } from "~/components/post-editor";
import { ServerMarkup } from "~/components/server-markup";
import { renderToStaticMarkup } from "react-dom/server";
import { markupOnce } from "~/platform/request-context";
import { getDb } from "~/platform/db.server";
import { formValues, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { MAX_POST_LENGTH } from "~/forum/markdown.server";
import { setThreadFollow } from "~/forum/notifications.server";
import { can } from "~/accounts/permissions";
import { previewPost, replyToThread } from "~/forum/posts.server";
import { idParam, intQuery } from "~/platform/route-params";
import { requirePermission } from "~/accounts/session.server";
import { postPath } from "~/forum/post-links";
import { openThread } from "~/forum/threads.server";
import { PostList, postListVariant } from "~/components/post-list";
import { useClientNavigation } from "~/components/client-navigation";
import { postListMarkup } from "~/forum/thread-page-cache.server";
import { followSchema, replySchema } from "~/forum/schemas/post";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.title ?? "Thread"} · Council` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const url = new URL(request.url);
  const view = await load(() => openThread(getDb(), actor, idParam(params.id, "thread"), { page: intQuery(url, "page"), quotePostId: intQuery(url, "quote") }));
  if (view.redirect !== null) throw redirect(view.redirect);
  const { posts, contentVersion, ...rest } = view;
  const canReply = can(actor, "reply");
  const list = { threadId: view.thread.id, page: view.page, posts, firstUnread: view.firstUnread, actorId: actor.id, canReply };
  const html = postListMarkup(getDb(), { threadId: list.threadId, page: list.page, variant: postListVariant(list) }, contentVersion, () => renderToStaticMarkup(<PostList {...list} />));
  // The posts go out once: as markup in a document, as data only to a client-side navigation.
  const postsHtml = markupOnce(context, "posts", html);
  return { ...rest, postsHtml, canReply, posted: url.searchParams.get("posted"), flag: url.searchParams.get("flag"), maxLength: MAX_POST_LENGTH };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "reply");
  const threadId = idParam(params.id, "thread");
  const formData = await readFormData(request);
  const follow = followSchema.safeParse(Object.fromEntries(formData));
  if (follow.success) {
    await load(() => setThreadFollow(getDb(), actor, { threadId, follow: follow.data.intent === "follow" }));
    return { ok: true as const, preview: null, values: {} as Record<string, string> };
  }
  const parsed = parseForm(replySchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    if (parsed.data.intent === "preview") return { ok: true as const, preview: previewPost(parsed.data.body), values: formValues(formData) };
    const r = await replyToThread(getDb(), actor, { threadId, body: parsed.data.body });
    return redirect(postPath(r.threadId, r.number, "&posted=reply"));
  });
}

// A preview or a follow changes nothing on the page; do not reload it (and never jump away from the form).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export default function ThreadPage() {
  const { thread, postsHtml, page, pageCount, quote, canReply, posted, flag, lastNumber, maxLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const preview = result?.ok ? result.preview : null;
  const submitting = useNavigation().formData?.get("intent") === "post";
  const navigate = useClientNavigation();
  useForgetPostedFlag(posted);
  const replyText = failure?.values.body ?? (result?.ok ? result.values.body : undefined) ?? quote;
  return (
    <article className="thread">
      <p className="back-link" onClick={navigate}><a href={`/threads?area=${thread.lifecycle_area}&discipline=${thread.discipline}`}>← Back to the cell</a></p>
      <h1>{thread.title}</h1>
      {thread.status === "held" ? <p className="warning" role="status">This thread is held for review: only you can see it until a moderator publishes it.</p> : null}
      {thread.status === "rejected" ? <p className="warning" role="status">A moderator did not publish this thread: only you can see it. Edit its opening post to resubmit it.</p> : null}
      {flag === "sent" ? <p className="notice" role="status">Thank you: your flag is recorded. Moderators review a post once members of several companies flag it.</p> : null}
      {flag === "withdrawn" ? <p className="notice" role="status">Your flag is withdrawn.</p> : null}
      <Form method="post" action={`/threads/${thread.id}?page=${page}`} className="inline-form follow">
        <input type="hidden" name="intent" value={thread.following ? "unfollow" : "follow"} />
        <button type="submit" className="secondary">{thread.following ? "Stop following" : "Follow this thread"}</button>
        <span className="meta">{thread.following ? " You are notified of new replies." : " Get a notification when someone replies."}</span>
      </Form>
      <ServerMarkup id="posts" className="posts" html={postsHtml} />
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages" onClick={navigate}>
          {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
            <a key={n} href={`/threads/${thread.id}?page=${n}`} aria-current={n === page ? "page" : undefined}>{n}</a>
          ))}
        </nav>
      ) : null}
      {canReply ? (
        <Form method="post" action={`/threads/${thread.id}?page=${page}#reply`} id="reply" className="card reply-form" noValidate>
          <h2>Reply</h2>
          {failure?.formError ? <p className="form-error" role="alert">{failure.formError}</p> : null}
          <PostEditor key={`${lastNumber}:${quote}`} storageKey={`draft:reply:${thread.id}`} label="Your reply" defaultValue={replyText}
            error={failure?.fieldErrors.body} clearDraft={posted === "reply"} previewHtml={preview} maxLength={maxLength} submitLabel="Post reply" submitting={submitting} />
        </Form>
      ) : null}
    </article>
  );
}
