import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FlagForm } from "~/components/flag-form";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { flagPost, getPostForFlag, withdrawFlag } from "~/moderation/moderation.server";
import { postPath } from "~/forum/post-links";
import { idParam } from "~/platform/route-params";
import { requirePermission } from "~/accounts/session.server";
import { flagSchema } from "~/moderation/schemas/moderation";

export const meta: MetaFunction = () => [{ title: "Flag a post · Council" }];

// The flag page: each post's Flag link on the thread page leads here (the post, the reasons, a note); the
// thread page's "Withdraw flag" button posts here too.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(() => getPostForFlag(getDb(), actor, idParam(params.id, "post")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "read_council"); // flag_post (not your own post) is checked by the domain
  const postId = idParam(params.id, "post");
  const formData = await readFormData(request);
  const parsed = parseForm(flagSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const d = parsed.data;
    const r = d.intent === "flag" ? await flagPost(getDb(), actor, { postId, reason: d.reason, note: d.note }) : await withdrawFlag(getDb(), actor, { postId });
    return redirect(postPath(r.threadId, r.number, `&flag=${d.intent === "flag" ? "sent" : "withdrawn"}`));
  });
}

export default function FlagPost() {
  const post = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <section>
      <p><Link to={postPath(post.thread_id, post.number)}>← Back to “{post.thread_title}”</Link></p>
      <h1>Flag a post by {post.author_name}</h1>
      <div className="card body" dangerouslySetInnerHTML={{ __html: post.body_html }} />
      {post.own ? (
        <p className="card">This is your own post: flags are for other members' posts.</p>
      ) : post.flagged_by_me ? (
        <Form method="post" className="card">
          <p>You have flagged this post. A moderator reviews it once members of enough different companies flag it.</p>
          <button type="submit" name="intent" value="withdraw" className="secondary">Withdraw my flag</button>
        </Form>
      ) : (
        <FlagForm postId={post.id} failure={failure} />
      )}
    </section>
  );
}
