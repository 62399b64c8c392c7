import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { useForgetPostedFlag } from "~/components/draft-textarea";
import { PostEditor } from "~/components/post-editor";
import { ServerMarkup } from "~/components/server-markup";
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
import { formatDateTime } from "~/platform/time";
import { followSchema, replySchema } from "~/forum/schemas/post";

const postBodyId = (id: number) => `post-body-${id}`;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.title ?? "Thread"} · Council` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const url = new URL(request.url);
  const view = await load(() => openThread(getDb(), actor, idParam(params.id, "thread"), { page: intQuery(url, "page"), quotePostId: intQuery(url, "quote") }));
  if (view.redirect !== null) throw redirect(view.redirect);
  // Each body is sent once: as markup in a document, as data only to a client-side navigation.
  const posts = view.posts.map((p) => ({ ...p, body_html: markupOnce(context, postBodyId(p.id), p.body_html) }));
  return { ...view, posts, actorId: actor.id, canReply: can(actor, "reply"), posted: url.searchParams.get("posted"), flag: url.searchParams.get("flag"), maxLength: MAX_POST_LENGTH };
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
  const { thread, posts, page, pageCount, firstUnread, quote, actorId, canReply, posted, flag, lastNumber, maxLength } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const preview = result?.ok ? result.preview : null;
  const submitting = useNavigation().formData?.get("intent") === "post";
  useForgetPostedFlag(posted);
  const replyText = failure?.values.body ?? (result?.ok ? result.values.body : undefined) ?? quote;
  return (
    <article className="thread">
      <p className="back-link"><Link to={`/threads?area=${thread.lifecycle_area}&discipline=${thread.discipline}`}>← Back to the cell</Link></p>
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
      {posts.map((p) => (
        <section key={p.id} id={`post-${p.number}`} className={`post${p.number === firstUnread ? " first-unread" : ""}`} aria-label={`Post ${p.number} by ${p.author_name}`}>
          {p.number === firstUnread ? <p className="unread-marker" role="note">New since you last read</p> : null}
          <header>
            <strong>{p.author_name}</strong>
            {p.author_title ? <span className="meta">{p.author_title}, {p.author_company}</span> : null}
            <a className="meta" href={`#post-${p.number}`}>#{p.number} · {formatDateTime(p.created_at)}</a>
            {p.edited_at && p.status !== "deleted" ? <a className="meta" href={`/posts/${p.id}/history`}>edited · history</a> : null}
            {p.status === "held" ? <span className="status held">Held for review — only you can see it</span> : null}
            {p.status === "rejected" ? <span className="status held">Not published — only you can see it</span> : null}
            {p.status === "hidden" ? <span className="status held">Hidden pending review after flags — only you and moderators can see it</span> : null}
          </header>
          {p.status === "deleted" || p.status === "removed" ? (
            <p className="muted tombstone">{p.status === "deleted" ? "This post was deleted by its author." : "This post was removed by a moderator."}</p>
          ) : (
            <ServerMarkup id={postBodyId(p.id)} className="body" html={p.body_html} />
          )}
          {p.status === "rejected" && p.rejection_reason ? (
            <div className="warning" role="note"><strong>A moderator rejected this post:</strong> {p.rejection_reason}
              <br />You can edit it and resubmit; it is checked again. Nothing you wrote is lost.</div>
          ) : null}
          {p.hold_reasons?.length ? (
            <div className="warning"><strong>Why it was held:</strong>
              <ul>{p.hold_reasons.map((r, i) => <li key={i}>{r.label}: “{r.excerpt}”</li>)}</ul>
            </div>
          ) : null}
          {p.status === "published" || p.status === "held" || p.status === "rejected" || p.status === "hidden" ? (
            <p className="post-actions">
              {/* Plain links: thirty posts' worth of router links cost more to render than they save. */}
              {canReply && p.status === "published" ? <a href={`/threads/${thread.id}?page=${page}&quote=${p.id}#reply`}>Quote</a> : null}
              {p.author_id === actorId ? <a href={`/posts/${p.id}/edit`}>{p.status === "rejected" ? "Edit and resubmit" : "Edit or delete"}</a> : null}
              <a href={`/posts/${p.id}`} aria-label={`Link to post ${p.number}`}>Link</a>
              {/* The flag page shows the post and the reasons; a form under every post would weigh the page down. */}
              {p.status === "published" && p.author_id !== actorId && !p.flagged_by_me ? <a href={`/posts/${p.id}/flag`} aria-label={`Flag post ${p.number}`}>Flag</a> : null}
            </p>
          ) : null}
          {p.status === "published" && p.author_id !== actorId && p.flagged_by_me ? (
            <Form method="post" action={`/posts/${p.id}/flag`} className="inline-form">
              <span className="meta">You flagged this post. </span>
              <button type="submit" name="intent" value="withdraw" className="link-button">Withdraw flag</button>
            </Form>
          ) : null}
        </section>
      ))}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
            <Link key={n} to={`/threads/${thread.id}?page=${n}`} aria-current={n === page ? "page" : undefined}>{n}</Link>
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
