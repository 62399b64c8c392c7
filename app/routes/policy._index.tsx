import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { getPolicyOverview } from "~/membership/policy.server";
import { requireMember } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Eligibility policy · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return load(() => getPolicyOverview(getDb(), actor));
}

export default function Policy() {
  const { current, versions, canManage, draftVersion } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Eligibility policy</h1>
      <p className="muted">Who may join is decided by this written, versioned policy, applied the same way to everyone.</p>
      <section className="card" aria-labelledby="current-title">
        <h2 id="current-title">Version {current.version}, in force{current.adoptedAt ? ` since ${formatDate(current.adoptedAt)}` : ""}</h2>
        <p>{current.summary}</p>
        <ul>{current.lines.map((line) => <li key={line}>{line}</li>)}</ul>
      </section>
      <p><Link to="/policy/proposals">Policy proposals and votes</Link>: members propose and vote on changes to this policy.</p>
      {canManage ? (
        <p>
          {draftVersion ? <Link to={`/policy/${draftVersion}`}>Continue the draft of version {draftVersion}</Link> : <Link to="/policy/new" className="button">Draft a new version</Link>}
        </p>
      ) : null}
      <h2>Version history</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
        <table>
          <thead><tr><th>Version</th><th>Status</th><th>Author</th><th>Date</th><th>Summary</th></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td><Link to={`/policy/${v.version}`}>v{v.version}</Link></td>
                <td>{v.status}</td>
                <td>{v.author_name ?? "The founders"}</td>
                <td>{formatDate(v.adopted_at ?? v.created_at)}</td>
                <td>{v.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
