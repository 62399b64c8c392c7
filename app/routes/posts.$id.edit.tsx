import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/field";
import { PostEditor } from "~/components/post-editor";
import { getDb } from "~/platform/db.server";
import { formValues, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { MAX_POST_LENGTH } from "~/forum/markdown.server";
import { deletePost, editPost, getPostForEdit, previewPost } from "~/forum/posts.server";
import { idParam } from "~/platform/route-params";
import { requirePermission } from "~/accounts/session.server";
import { postPath } from "~/forum/post-links";
import { editPostSchema } from "~/forum/schemas/post";

export const meta: MetaFunction = () => [{ title: "Edit your post · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const post = await load(() => getPostForEdit(getDb(), actor, idParam(params.id, "post")));
  return { ...post, maxLength: MAX_POST_LENGTH };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council"); // authorship is checked by the domain (edit_post)
  const postId = idParam(params.id, "post");
  const formData = await readFormData(request);
  if (formData.get("intent") === "delete") {
    const deleted = await load(() => deletePost(getDb(), actor, { postId }));
    return redirect(postPath(deleted.threadId, deleted.number));
  }
  const parsed = parseForm(editPostSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    if (parsed.data.intent === "preview") return { ok: true as const, preview: previewPost(parsed.data.body), values: formValues(formData) };
    const r = await editPost(getDb(), actor, { postId, body: parsed.data.body });
    return redirect(postPath(r.threadId, r.number, `&posted=edit-${postId}`));
  });
}

export default function EditPost() {
  const post = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const submitting = useNavigation().formData?.get("intent") === "post";
  return (
    <section>
      <p><Link to={postPath(post.thread_id, post.number)}>← Back to “{post.thread_title}”</Link></p>
      <h1>Edit your post</h1>
      <p className="muted">Post #{post.number}. Members can see earlier versions in the post’s edit history.</p>
      {post.status === "rejected" ? (
        <p className="warning" role="note"><strong>A moderator rejected this post:</strong> {post.rejection_reason} Saving resubmits it: it is checked again, and published if it passes.</p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <PostEditor storageKey={`draft:edit:${post.id}`} mode="replace" label="Your post" defaultValue={result?.values.body ?? post.body_markdown}
          error={failure?.fieldErrors.body} previewHtml={result?.ok ? result.preview : null} maxLength={post.maxLength} submitLabel="Save changes" submitting={submitting} />
      </Form>
      <Form method="post" className="card danger-zone" onSubmit={(e) => { if (!window.confirm("Delete this post? A note that it was deleted stays in the thread.")) e.preventDefault(); }}>
        <h2>Delete this post</h2>
        <p className="muted">Its words are removed; a short note keeps its place so the thread still reads.</p>
        <button type="submit" name="intent" value="delete" className="danger">Delete post</button>
      </Form>
    </section>
  );
}
