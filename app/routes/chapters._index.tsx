import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listChapters } from "~/governance/chapters.server";
import { getDb } from "~/platform/db.server";
import { can } from "~/accounts/permissions";
import { requirePermission } from "~/accounts/session.server";

export const meta: MetaFunction = () => [{ title: "Chapters · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return { chapters: await listChapters(getDb()), myChapterId: actor.chapterId, canCreate: can(actor, "manage_chapters") };
}

export default function Chapters() {
  const { chapters, myChapterId, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Chapters</h1>
      <p className="muted">Members meet in regional chapters. You may belong to one chapter; joining another moves you there.</p>
      {canCreate ? <p><Link to="/chapters/new" className="button">Create a chapter</Link></p> : null}
      {chapters.length === 0 ? (
        <p>There are no chapters yet.{canCreate ? " Create the first one." : " The founders will announce the first ones."}</p>
      ) : (
        <ul className="thread-list" aria-label="Chapters">
          {chapters.map((c) => (
            <li key={c.id}>
              <Link to={`/chapters/${c.slug}`}>{c.name}</Link>
              {c.id === myChapterId ? <span className="badge">Your chapter</span> : null}
              <div className="meta">
                {c.member_count === 1 ? "1 member" : `${c.member_count} members`}
                {c.president ? ` · president ${c.president.name}` : " · no president yet"}
              </div>
              {c.description ? <p>{c.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
