import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ThreadList } from "~/components/thread-list";
import { useClientNavigation } from "~/components/client-navigation";
import { getDb } from "~/platform/db.server";
import { can } from "~/accounts/permissions";
import { getActor } from "~/accounts/session.server";
import { getHome } from "~/forum/threads.server";
import { formatDate } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (!actor) return { signedIn: false as const };
  const maturityStage = new URL(request.url).searchParams.get("stage") || undefined;
  const home = await getHome(getDb(), actor, { maturityStage });
  return { signedIn: true as const, ...home, maturityStage: maturityStage ?? "", canEditFramework: can(actor, "edit_framework") };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const navigate = useClientNavigation();
  if (!data.signedIn) return <Landing />;
  const { framework, cells, latest, newSinceVisit, maturityStage, canEditFramework } = data;
  const areaName = Object.fromEntries(framework.areas.map((a) => [a.key, a.name]));
  const disciplineName = Object.fromEntries(framework.disciplines.map((d) => [d.key, d.name]));
  const where = (t: { lifecycle_area?: string; discipline?: string }) => `${areaName[t.lifecycle_area ?? ""]} · ${disciplineName[t.discipline ?? ""]} · `;
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
          {framework.stages.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
        </select>
        <noscript><button type="submit">Filter</button></noscript>
      </Form>
      {/* A table on a wide screen; on a phone it stacks by lifecycle area, one labelled row per discipline.
          Each link names its area and discipline in its own text (visually hidden only where the
          column and row headers already show them), so its accessible name contains what is seen. */}
      <div className="grid" role="table" aria-label="Threads by lifecycle area and discipline" onClick={navigate}>
        <div role="row" className="grid-row grid-head-row">
          <div className="head corner" role="columnheader">Lifecycle area</div>
          {framework.disciplines.map((d) => <div key={d.key} className="head discipline-head" role="columnheader">{d.name}</div>)}
        </div>
        {framework.areas.map((area) => (
          <div key={area.key} role="row" className="grid-row">
            <div className="head area-head" role="rowheader" title={area.description}>{area.name}</div>
            {framework.disciplines.map((d) => {
              const cell = cells[`${area.key}:${d.key}`];
              return (
                <div key={d.key} className="cell" role="cell">
                  <a href={`/threads?area=${area.key}&discipline=${d.key}`}>
                    <span className="cell-name">{area.name} · {d.name} </span>
                    <span className="cell-count">{cell?.threadCount ?? 0} {cell?.threadCount === 1 ? "thread" : "threads"}</span>
                  </a>
                  <div className="meta">{cell?.latest ? `Latest ${formatDate(cell.latest)}` : "No threads yet"}</div>
                  {cell?.newCount ? <div className="new">{cell.newCount} new for you</div> : null}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <h2>New since your last visit</h2>
      {newSinceVisit.length === 0 ? (
        <p className="muted">Nothing new since your last visit. You are up to date.</p>
      ) : (
        <ThreadList threads={newSinceVisit} meta={where} />
      )}
      <h2>Latest discussions</h2>
      {latest.length === 0 ? <p className="muted">No threads yet. Start the first one.</p> : (
        // Threads already listed as new above are not repeated here.
        <ThreadList threads={latest.filter((t) => !newSinceVisit.some((n) => n.id === t.id))} meta={where} />
      )}
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
