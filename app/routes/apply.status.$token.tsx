import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ReasonList } from "~/components/choice";
import { getApplicationStatus } from "~/membership/applications.server";
import { getDb } from "~/platform/db.server";
import { load } from "~/platform/http.server";
import { formatDate } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Your application · Council" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return load(() => getApplicationStatus(getDb(), params.token ?? ""));
}

const STATE: Record<string, string> = {
  pending: "Waiting for review", approved: "Approved", rejected: "Not approved", withdrawn: "Withdrawn", expired: "Expired",
};

export default function ApplicationStatus() {
  const a = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      {params.get("submitted") ? (
        <div className="notice" role="status">
          <h1>Thank you, {a.name}. We received your application.</h1>
          <p>Your reference is <strong>{a.reference}</strong>. Expect a decision by <strong>{formatDate(a.dueAt)}</strong>.
            We emailed you this page's link; keep it private.</p>
        </div>
      ) : <h1>Your application</h1>}
      <dl className="card">
        <dt>Reference</dt><dd>{a.reference}</dd>
        <dt>Applied</dt><dd>{formatDate(a.createdAt)}</dd>
        <dt>Status</dt><dd><span className={`status ${a.status}`}>{STATE[a.status] ?? a.status}</span></dd>
        {a.status === "pending" ? <><dt>Expect a decision by</dt><dd>{formatDate(a.dueAt)}</dd></> : null}
        {a.decidedAt ? <><dt>Decided</dt><dd>{formatDate(a.decidedAt)}</dd></> : null}
      </dl>
      {a.overdue ? <p className="warning">We are late: we promised a decision by {formatDate(a.dueAt)}. We are sorry; a reviewer will decide as soon as possible.</p> : null}
      {a.status === "approved" ? <p className="notice">Welcome. Your invitation is in your inbox: follow its link to choose a password and join.</p> : null}
      {a.policyVersion !== null && a.status !== "pending" ? (
        <section aria-label="Reasons for the decision">
          <h2>Why: eligibility policy version {a.policyVersion}</h2>
          <ReasonList reasons={a.reasons} />
          <p className="muted">The same written rules apply to everyone, with no individual exceptions.</p>
        </section>
      ) : null}
      <p><Link to="/apply">About applying</Link></p>
    </section>
  );
}
