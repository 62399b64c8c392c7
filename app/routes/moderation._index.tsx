import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/lib/db.server";
import { Forbidden } from "~/lib/errors";
import { load } from "~/lib/http.server";
import { listHeldPosts } from "~/lib/moderation.server";
import { can } from "~/lib/permissions";
import { requireMember } from "~/lib/session.server";
import { formatDateTime } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Review queue · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return load(async () => {
    // Moderators and founders see every queue; chapter presidents see their chapter's.
    if (!can(actor, "moderate") && actor.presidentOf.length === 0) throw new Forbidden();
    return { held: await listHeldPosts(getDb(), actor) };
  });
}

export default function ModerationQueue() {
  const { held } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Review queue</h1>
      <h2>Held posts</h2>
      {held.length === 0 ? (
        <p>Nothing is held for review.</p>
      ) : (
        held.map((p) => (
          <section key={p.id} className="post" aria-label={`Held post by ${p.author_name}`}>
            <header>
              <strong>{p.author_name}</strong>
              <span className="meta">in <Link to={`/threads/${p.thread_id}`}>{p.thread_title}</Link> · {formatDateTime(p.created_at)}</span>
            </header>
            <div className="body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
            <h3>Why it was held</h3>
            <ul>{p.hold_reasons.map((r, i) => <li key={i}>{r.label ?? r.signal}: “{r.excerpt}”</li>)}</ul>
          </section>
        ))
      )}
    </>
  );
}
