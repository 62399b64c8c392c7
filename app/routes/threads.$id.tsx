import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "~/lib/db.server";
import { NotFound } from "~/lib/errors";
import { load } from "~/lib/http.server";
import { requirePermission } from "~/lib/session.server";
import { getThreadPage } from "~/lib/threads.server";
import { formatDateTime } from "~/lib/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.thread.title ?? "Thread"} · Council` }];

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });
const pageSchema = z.coerce.number().int().positive().catch(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  return load(async () => {
    const parsed = paramsSchema.safeParse(params);
    if (!parsed.success) throw new NotFound("There is no thread at this address.");
    const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
    return getThreadPage(getDb(), actor, parsed.data.id, page);
  });
}

export default function ThreadPage() {
  const { thread, posts, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <article>
      <p><Link to={`/threads?area=${thread.lifecycle_area}&discipline=${thread.discipline}`}>← Back to the cell</Link></p>
      <h1>{thread.title}</h1>
      {posts.map((p) => (
        <section key={p.id} id={`post-${p.number}`} className="post" aria-label={`Post ${p.number} by ${p.author_name}`}>
          <header>
            <strong>{p.author_name}</strong>
            <span className="meta">{p.author_title}, {p.author_company}</span>
            <a className="meta" href={`#post-${p.number}`}>#{p.number} · {formatDateTime(p.created_at)}</a>
            {p.status === "held" ? <span className="status held">Held for review — only you can see it</span> : null}
          </header>
          {p.status === "deleted" || p.status === "removed" ? (
            <p className="muted">{p.status === "deleted" ? "This post was deleted by its author." : "This post was removed by a moderator."}</p>
          ) : (
            <div className="body" dangerouslySetInnerHTML={{ __html: p.body_html }} />
          )}
        </section>
      ))}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
            <Link key={n} to={`?page=${n}`} aria-current={n === page ? "page" : undefined}>{n}</Link>
          ))}
        </nav>
      ) : null}
    </article>
  );
}
