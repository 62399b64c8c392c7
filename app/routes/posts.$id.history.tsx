import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { getPostHistory } from "~/forum/posts.server";
import { idParam } from "~/platform/route-params";
import { requirePermission } from "~/accounts/session.server";
import { postPath } from "~/forum/post-links";
import { formatDateTime } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Edit history · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(() => getPostHistory(getDb(), actor, idParam(params.id, "post")));
}

export default function PostHistory() {
  const { post, versions } = useLoaderData<typeof loader>();
  return (
    <section>
      <p><Link to={postPath(post.thread_id, post.number)}>← Back to the thread</Link></p>
      <h1>Edit history</h1>
      <p className="muted">Post #{post.number} by {post.author_name} in “{post.thread_title}”. Every version stays readable to members.</p>
      {versions.length === 0 ? <p>This post was deleted; its versions are no longer shown.</p> : null}
      {versions.map((v, i) => (
        <section key={v.id} className="post" aria-label={v.current ? "Current version" : `Version ${versions.length - i}`}>
          <header>
            <strong>{v.current ? "Current version" : `Version ${versions.length - i}`}</strong>
            <span className="meta">written {formatDateTime(v.written_at)}</span>
          </header>
          <div className="body" dangerouslySetInnerHTML={{ __html: v.body_html }} />
        </section>
      ))}
    </section>
  );
}
