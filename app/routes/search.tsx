import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { getDb } from "~/platform/db.server";
import { Invalid } from "~/platform/errors";
import { toResponse } from "~/platform/http.server";
import { searchPosts, type SearchPage } from "~/forum/search.server";
import { requirePermission } from "~/accounts/session.server";
import { getFramework } from "~/forum/threads.server";
import { formatDate } from "~/platform/time";
import { searchSchema } from "~/forum/schemas/search";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.query ? `${data.query} · Search · Council` : "Search · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "read_council");
  const input = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filters = { lifecycleArea: input.area, discipline: input.discipline, maturityStage: input.stage, author: input.author, from: input.from, to: input.to };
  const db = getDb();
  const framework = await getFramework(db);
  try {
    const page: SearchPage = await searchPosts(db, actor, input.q, filters, input.page);
    return { ...page, input, framework, error: null as string | null };
  } catch (error) {
    if (!(error instanceof Invalid)) throw toResponse(error);
    const empty: SearchPage = { query: input.q, results: [], page: 1, hasNext: false, searched: false };
    return data({ ...empty, input, framework, error: error.message as string | null }, { status: 400 });
  }
}

export default function Search() {
  const { results, input, framework, error, page, hasNext, searched } = useLoaderData<typeof loader>();
  const searching = useNavigation().state === "loading";
  const areaName = Object.fromEntries(framework.areas.map((a) => [a.key, a.name]));
  const disciplineName = Object.fromEntries(framework.disciplines.map((d) => [d.key, d.name]));
  return (
    <>
      <h1>Search the council</h1>
      <Form method="get" role="search" className="card search-form" aria-label="Search posts">
        <div className="field">
          <label htmlFor="search-q">Words to find</label>
          <input id="search-q" type="search" name="q" defaultValue={input.q} aria-invalid={error ? true : undefined}
            aria-describedby="search-hint" />
          <span id="search-hint" className="hint">All words must match. Use "double quotes" for a phrase and a trailing * for the start of a word (measur*).</span>
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor="search-area">Lifecycle area</label>
            <select id="search-area" name="area" defaultValue={input.area ?? ""}>
              <option value="">Any area</option>
              {framework.areas.map((a) => <option key={a.key} value={a.key}>{a.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-discipline">Discipline</label>
            <select id="search-discipline" name="discipline" defaultValue={input.discipline ?? ""}>
              <option value="">Any discipline</option>
              {framework.disciplines.map((d) => <option key={d.key} value={d.key}>{d.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-stage">Maturity stage</label>
            <select id="search-stage" name="stage" defaultValue={input.stage ?? ""}>
              <option value="">Any stage</option>
              {framework.stages.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-author">Author</label>
            <input id="search-author" type="text" name="author" defaultValue={input.author ?? ""} placeholder="Part of a name" />
          </div>
          <div className="field">
            <label htmlFor="search-from">From</label>
            <input id="search-from" type="date" name="from" defaultValue={input.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="search-to">To</label>
            <input id="search-to" type="date" name="to" defaultValue={input.to ?? ""} />
          </div>
        </div>
        <button type="submit" disabled={searching}>{searching ? "Searching…" : "Search"}</button>
      </Form>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {searched && results.length === 0 ? (
        <p>No posts you can read match that search. Try fewer words or remove a filter.</p>
      ) : null}
      {results.length ? (
        <ol className="search-results" aria-label="Search results" start={(page - 1) * 20 + 1}>
          {results.map((r) => (
            <li key={r.postId}>
              <h2>
                {r.titleHtml ? (
                  <Link to={r.href} dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
                ) : (
                  <Link to={r.href}>{r.threadTitle}</Link>
                )}
              </h2>
              {/* snippetHtml is escaped text with <mark> around hits only (app/forum/search-query.ts). */}
              <p className="snippet" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
              <div className="meta">
                Post #{r.number} by <Link to={`/members/${r.authorId}`}>{r.authorName}</Link> · {formatDate(r.createdAt)} · {areaName[r.lifecycleArea]} · {disciplineName[r.discipline]}
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      <Pager path="/search" query={input} page={page} hasNext={hasNext} label="Result pages" />
    </>
  );
}
