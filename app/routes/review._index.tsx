import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReasonList } from "~/components/choice";
import { listOpenApplications } from "~/membership/applications.server";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { requirePermission } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Applications · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review_applications");
  return { applications: await listOpenApplications(getDb()) };
}

const VERDICT_LABELS = { eligible: "Eligible", ineligible: "Not eligible", needs_review: "Needs verification" } as const;

function timeLeft(hours: number) {
  const abs = Math.abs(hours);
  const text = abs >= 48 ? `${Math.round(abs / 24)} days` : `${abs} hours`;
  return hours < 0 ? `${text} late` : `${text} left`;
}

export default function Review() {
  const { applications } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Applications awaiting review</h1>
      <p className="muted">Oldest first. The policy decides; reviewers verify the facts. Verdicts are under the current policy.</p>
      {applications.length === 0 ? (
        <p>No applications are waiting. Well done.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>Applicant</th><th>Role</th><th>Member type</th><th>Policy verdict</th><th>Decision due</th></tr></thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/review/${a.id}`}><strong>{a.name}</strong></Link><br /><span className="meta">{a.email} · {a.reference}</span></td>
                  <td>{a.title}, {a.company}<br /><span className="meta">{ROLE_LEVEL_LABELS[a.role_level]}{a.social_responsibility ? " · social responsibility" : ""}</span></td>
                  <td>{MEMBER_TYPE_LABELS[a.member_type]}</td>
                  <td>
                    <span className={`status ${a.verdict.outcome === "ineligible" ? "rejected" : a.verdict.outcome === "eligible" ? "eligible" : "held"}`}>
                      {VERDICT_LABELS[a.verdict.outcome]}</span> <span className="meta">policy v{a.verdict.policyVersion}</span>
                    <details><summary>Reasons</summary><ReasonList reasons={a.verdict.reasons} /></details>
                  </td>
                  <td>{formatDate(a.due_at)}<br />{a.overdue ? <span className="status overdue">Overdue · {timeLeft(a.hoursLeft)}</span> : <span className="meta">{timeLeft(a.hoursLeft)}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
