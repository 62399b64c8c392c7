import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ThreadList } from "~/components/thread-list";
import { FrameworkGrid } from "~/components/framework-grid";
import { ServerMarkup } from "~/components/server-markup";
import { gridMarkup } from "~/forum/forum-version.server";
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
  const { cells, forumVersion, ...home } = await getHome(getDb(), actor, { maturityStage });
  const grid = { areas: home.framework.areas, disciplines: home.framework.disciplines, cells };
  const html = gridMarkup(getDb(), forumVersion, `${maturityStage ?? ""}|${JSON.stringify(cells)}`, () => renderToStaticMarkup(<FrameworkGrid {...grid} />));
  // Sent once: as markup in a document, as data only to a client-side navigation.
  const gridHtml = markupOnce(context, "framework-grid", html);
  return { signedIn: true as const, ...home, gridHtml, maturityStage: maturityStage ?? "", canEditFramework: can(actor, "edit_framework") };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const navigate = useClientNavigation();
  if (!data.signedIn) return <Landing />;
  const { framework, gridHtml, latest, newSinceVisit, maturityStage, canEditFramework } = data;
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
      <div onClick={navigate}><ServerMarkup id="framework-grid" html={gridHtml} /></div>
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
