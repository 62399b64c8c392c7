import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ThreadList, ThreadListItem, type ThreadListRow } from "~/components/thread-list";
import { FrameworkGrid } from "~/components/framework-grid";
import { ServerMarkup } from "~/components/server-markup";
import { gridMarkup, threadListMarkup } from "~/forum/forum-version.server";
import { markupOnce } from "~/platform/request-context";
import { useClientNavigation } from "~/components/client-navigation";
import { getDb } from "~/platform/db.server";
import { can } from "~/accounts/permissions";
import { getActor } from "~/accounts/session.server";
import { getHome } from "~/forum/threads.server";

export const meta: MetaFunction = () => [{ title: "Council" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (!actor) return { signedIn: false as const };
  const maturityStage = new URL(request.url).searchParams.get("stage") || undefined;
  const db = getDb();
  const { cells, forumVersion, framework, latest, newSinceVisit } = await getHome(db, actor, { maturityStage });
  const grid = { areas: framework.areas, disciplines: framework.disciplines, cells };
  const html = gridMarkup(db, forumVersion, `${maturityStage ?? ""}|${JSON.stringify(cells)}`, () => renderToStaticMarkup(<FrameworkGrid {...grid} />));
  const areaName = new Map(framework.areas.map((a) => [a.key, a.name]));
  const disciplineName = new Map(framework.disciplines.map((d) => [d.key, d.name]));
  const list = (id: string, threads: (ThreadListRow & { lifecycle_area: string; discipline: string })[]) => {
    const rows = threads.map(({ lifecycle_area, discipline, ...t }) => ({ ...t, where: `${areaName.get(lifecycle_area)} · ${disciplineName.get(discipline)} · ` }));
    return { id, empty: rows.length === 0, html: markupOnce(context, id, threadListMarkup(db, rows, (row) => renderToStaticMarkup(<ThreadListItem thread={row} />))) };
  };
  return {
    signedIn: true as const,
    stages: framework.stages.map(({ key, name }) => ({ key, name })),
    // Sent once: as markup in a document, as data only to a client-side navigation.
    gridHtml: markupOnce(context, "framework-grid", html),
    newSinceVisit: list("new-threads", newSinceVisit),
    // Threads already listed as new are not repeated here.
    latest: list("latest-threads", latest.filter((t) => !newSinceVisit.some((n) => n.id === t.id))),
    maturityStage: maturityStage ?? "",
    canEditFramework: can(actor, "edit_framework"),
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const navigate = useClientNavigation();
  if (!data.signedIn) return <Landing />;
  const { stages, gridHtml, latest, newSinceVisit, maturityStage, canEditFramework } = data;
  return (
    <>
      <h1>The Social Business Framework</h1>
      <p className="muted">Five enterprise lifecycles, transformed through social strategy, execution and measurement.</p>
      <div className="toolbar">
        <Link to="/threads/new" className="button">Start a thread</Link>
        {canEditFramework ? <Link to="/framework/edit">Edit the framework</Link> : null}
      </div>
      <Form method="get" className="field stage-filter">
        <label htmlFor="stage">Maturity stage</label>
        <select id="stage" name="stage" defaultValue={maturityStage} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          <option value="">All stages</option>
          {stages.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
        </select>
        <noscript><button type="submit">Filter</button></noscript>
      </Form>
      <div onClick={navigate}><ServerMarkup id="framework-grid" html={gridHtml} /></div>
      <h2>New since your last visit</h2>
      {newSinceVisit.empty ? <p className="muted">Nothing new since your last visit. You are up to date.</p> : <ThreadList {...newSinceVisit} />}
      <h2>Latest discussions</h2>
      {latest.empty ? <p className="muted">No threads yet. Start the first one.</p> : <ThreadList {...latest} />}
    </>
  );
}

function Landing() {
  return (
    <section className="stack landing">
      <h1>A private council for the executives who own social strategy</h1>
      <p>
        Council is an invitation-only forum for C-level officers, EVPs, SVPs, VPs and Directors who carry social
        strategy or social media responsibility in large organizations. Exclusive in role, inclusive of competitors.
      </p>
      <p>
        Membership follows a written, versioned eligibility policy applied uniformly to everyone. The room is
        free of sales pitches and cold contact: consultants are welcome as members, and executives decide when and
        with whom they engage.
      </p>
      <p>
        <Link to="/apply" className="button">Request an invitation</Link>{" "}
        <Link to="/login" className="button secondary">Sign in</Link>
      </p>
    </section>
  );
}
