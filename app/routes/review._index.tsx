import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { JobChangeReview } from "~/components/job-change-review";
import { listPendingJobChanges, verifyJobChange } from "~/membership/job-changes.server";
import { jobChangeVerificationSchema } from "~/membership/schemas/review";
import { EmailChangeReview } from "~/components/email-change-review";
import { decideEmailChange, listEmailChangesForReview } from "~/membership/email-change.server";
import { emailChangeDecisionSchema } from "~/membership/schemas/email-change";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { ReasonList } from "~/components/choice";
import { listOpenApplications } from "~/membership/applications.server";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { requirePermission } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Applications · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review_applications");
  return {
    applications: await listOpenApplications(getDb()), jobChanges: await listPendingJobChanges(getDb(), actor),
    emailChanges: await listEmailChangesForReview(getDb(), actor),
  };
}

/** A reviewer records whether a member's job change is verified, or decides a change to a free-webmail address. */
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "review_applications");
  const formData = await readFormData(request);
  if (formData.get("intent") === "email-change") {
    const parsed = parseForm(emailChangeDecisionSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    return runAction(formData, async () => {
      await decideEmailChange(getDb(), actor, parsed.data.emailChangeId, parsed.data);
      return redirect("/review#email-changes");
    });
  }
  const parsed = parseForm(jobChangeVerificationSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await verifyJobChange(getDb(), actor, parsed.data.jobChangeId, parsed.data);
    return redirect("/review#job-changes");
  });
}

const VERDICT_LABELS = { eligible: "Eligible", ineligible: "Not eligible", needs_review: "Needs verification" } as const;

function timeLeft(hours: number) {
  const abs = Math.abs(hours);
  const text = abs >= 48 ? `${Math.round(abs / 24)} days` : `${abs} hours`;
  return hours < 0 ? `${text} late` : `${text} left`;
}

export default function Review() {
  const { applications, jobChanges, emailChanges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
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
      <h2 id="job-changes">Job changes awaiting verification</h2>
      <p className="muted">Members who changed a fact the policy reads and still qualify. Verify the new facts like an applicant's; until then
        the council judges them by their last verified facts. (Members who no longer qualify are on a notice instead.)</p>
      {jobChanges.length === 0 ? <p>No job changes are waiting.</p> : jobChanges.map((c) => <JobChangeReview key={c.id} change={c} failure={failure} />)}
      <h2 id="email-changes">Email changes awaiting review</h2>
      <p className="muted">Members who confirmed a new address that is free webmail. The policy sends such addresses to a reviewer, as for an application.</p>
      {emailChanges.length === 0 ? <p>No email changes are waiting.</p> : emailChanges.map((c) => <EmailChangeReview key={c.id} change={c} failure={failure} />)}
    </>
  );
}
