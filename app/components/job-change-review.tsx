import { Form } from "@remix-run/react";
import type { FormFailure } from "~/platform/forms";
import { JOB_FACT_LABELS, type JobFacts } from "~/membership/job-change";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { CheckboxField, ReasonList, TextAreaField } from "./choice";

type Change = {
  id: number; name: string; email: string; before: JobFacts; after: JobFacts; mayVerify: boolean;
  judged: { changed: (keyof JobFacts)[]; verdict: { outcome: string; policyVersion: number; reasons: { rule: string; passed: boolean; message: string }[] } };
};

const shown = (facts: JobFacts, key: keyof JobFacts) => {
  const value = facts[key];
  if (key === "roleLevel") return ROLE_LEVEL_LABELS[facts.roleLevel];
  if (key === "memberType") return MEMBER_TYPE_LABELS[facts.memberType];
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return value || "—";
};

/** One member's job change in the reviewers' list: what changed, the policy's verdict, and the verification form. */
export function JobChangeReview({ change: c, failure }: { change: Change; failure?: FormFailure }) {
  const mine = failure?.values.jobChangeId === String(c.id) ? failure : undefined;
  return (
    <article className="card" aria-label={`Job change of ${c.name}`}>
      <h3>{c.name} <span className="meta">{c.email}</span></h3>
      <table>
        <thead><tr><th>Fact</th><th>Before (verified)</th><th>Now</th></tr></thead>
        <tbody>
          {c.judged.changed.map((k) => <tr key={k}><td>{JOB_FACT_LABELS[k]}</td><td>{shown(c.before, k)}</td><td><strong>{shown(c.after, k)}</strong></td></tr>)}
        </tbody>
      </table>
      <details><summary>Policy v{c.judged.verdict.policyVersion} on the new facts</summary><ReasonList reasons={c.judged.verdict.reasons} /></details>
      {c.mayVerify ? (
        <Form method="post" noValidate>
          <input type="hidden" name="jobChangeId" value={c.id} />
          <CheckboxField name="titleVerified" label={`The title “${c.after.title}” is real`} />
          <CheckboxField name="companyVerified" label={`They work at ${c.after.company}`} />
          <TextAreaField name="note" label="What you checked" hint="Required when a fact could not be verified: the member's previous role is then restored and they are told why."
            defaultValue={mine?.values.note} error={mine?.fieldErrors.note} rows={2} />
          <button type="submit" className="secondary">Record verification</button>
        </Form>
      ) : <p className="warning">No one verifies their own job change. Another reviewer will.</p>}
    </article>
  );
}
