import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextAreaField } from "~/components/choice";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { listProposals, proposePolicy } from "~/governance/proposals.server";
import { requireMember, requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { proposeSchema } from "~/governance/schemas/proposals";

export const meta: MetaFunction = () => [{ title: "Policy proposals · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return load(() => listProposals(getDb(), actor));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "propose_policy");
  const formData = await readFormData(request);
  const parsed = parseForm(proposeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => redirect(`/policy/proposals/${await proposePolicy(getDb(), actor, parsed.data)}`));
}

const STATE_WORDS = { seconding: "awaiting seconds", open: "voting open", passed: "passed", failed: "did not pass", adopted: "adopted" } as const;

export default function Proposals() {
  const { proposals, proposable, opensAtOnce, secondsNeeded } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure && "fieldErrors" in failure ? failure : undefined;
  return (
    <>
      <p><Link to="/policy">← Eligibility policy</Link></p>
      <h1>Policy proposals</h1>
      <p className="muted">
        Members decide changes to the eligibility policy. A proposal passes when, at its deadline, more members voted yes than no
        (abstentions count for neither; a tie fails). Results are shown only after the deadline. A founder then adopts a passed
        proposal, with a notice period for anyone who no longer qualifies.
      </p>
      {proposals.length ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>Proposal</th><th>Version</th><th>State</th><th>Voting closes</th><th>Proposed by</th></tr></thead>
            <tbody>
              {proposals.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/policy/proposals/${p.id}`}>{p.summary}</Link></td>
                  <td>v{p.version}</td>
                  <td>{STATE_WORDS[p.state]}</td>
                  <td>{p.deadline ? formatDateTime(p.deadline) : "—"}</td>
                  <td>{p.proposer ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>No policy has been proposed yet.</p>}
      {proposable ? (
        <section className="card" aria-labelledby="propose-title">
          <h2 id="propose-title">Propose draft version {proposable.version}</h2>
          <p>{proposable.summary}</p>
          <ul>{proposable.lines.map((line) => <li key={line}>{line}</li>)}</ul>
          <p>
            Impact against version {proposable.impact.currentVersion}: {proposable.impact.membersChanged} of {proposable.impact.membersCounted} members
            and {proposable.impact.applicantsChanged} of {proposable.impact.applicantsCounted} open applications change outcome;
            {" "}{proposable.impact.noLongerQualify} {proposable.impact.noLongerQualify === 1 ? "member would" : "members would"} no longer qualify.
          </p>
          <p className="hint">{opensAtOnce ? "As a founder, your proposal opens for voting at once." : `Voting opens once ${secondsNeeded} other members have seconded your proposal.`}</p>
          <Form method="post" className="stack" noValidate>
            <FormError message={errors?.formError} />
            <input type="hidden" name="version" value={proposable.version} />
            <TextAreaField name="discussion" label="The case for it" rows={5} hint="Members read this before they vote. It also opens the proposal's discussion thread in the forum." error={errors?.fieldErrors.discussion} defaultValue={errors?.values.discussion} />
            <Field name="votingDays" label="Voting period (days)" type="number" min={1} max={60} error={errors?.fieldErrors.votingDays} defaultValue={errors?.values.votingDays ?? "14"} />
            <button type="submit">Propose version {proposable.version}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
