import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/lib/db.server";
import { requirePermission } from "~/lib/session.server";
import { getFramework, listLatestThreads } from "~/lib/threads.server";
import { formatDate } from "~/lib/time";

export const meta: MetaFunction = () => [{ title: "Threads · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const params = new URL(request.url).searchParams;
  const filter = {
    lifecycleArea: params.get("area") || undefined,
    discipline: params.get("discipline") || undefined,
    maturityStage: params.get("stage") || undefined,
    limit: 50,
  };
  const db = getDb();
  const [framework, threads] = await Promise.all([getFramework(db), listLatestThreads(db, actor, filter)]);
  return { framework, threads, filter };
}

export default function Threads() {
  const { framework, threads, filter } = useLoaderData<typeof loader>();
  const area = framework.areas.find((a) => a.key === filter.lifecycleArea);
  const discipline = framework.disciplines.find((d) => d.key === filter.discipline);
  return (
    <>
      <p><Link to="/">← Framework</Link></p>
      <h1>{[area?.name, discipline?.name].filter(Boolean).join(" · ") || "All threads"}</h1>
      {area ? <p className="muted">{area.description}</p> : null}
      {threads.length === 0 ? (
        <p className="muted">No threads here yet.</p>
      ) : (
        <ul className="thread-list">
          {threads.map((t) => (
            <li key={t.id}>
              <Link to={`/threads/${t.id}`}>{t.title}</Link>
              <div className="meta">{t.post_count} posts · by {t.author_name} · last activity {formatDate(t.last_post_at)}</div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
