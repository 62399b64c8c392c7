import { Form } from "@remix-run/react";
import type { FormFailure } from "~/platform/forms";
import { RadioGroup, TextAreaField } from "./choice";

type Change = { id: number; name: string; title: string; company: string; old_email: string; new_email: string; mayDecide: boolean };

/** One member's confirmed change to a free-webmail address in the reviewers' list: approve or decline (with a reason). */
export function EmailChangeReview({ change: c, failure }: { change: Change; failure?: FormFailure }) {
  const mine = failure?.values.emailChangeId === String(c.id) ? failure : undefined;
  return (
    <article className="card" aria-label={`Email change of ${c.name}`}>
      <h3>{c.name} <span className="meta">{c.title}, {c.company}</span></h3>
      <p>From <strong>{c.old_email}</strong> to <strong>{c.new_email}</strong> (confirmed from the new address; free webmail, so the policy asks a reviewer).</p>
      {c.mayDecide ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="email-change" />
          <input type="hidden" name="emailChangeId" value={c.id} />
          <RadioGroup name="decision" legend="Decision" defaultValue={mine?.values.decision} error={mine?.fieldErrors.decision}
            options={[{ value: "approve", label: "Approve: the new address takes effect" }, { value: "decline", label: "Decline: they keep their current address" }]} />
          <TextAreaField name="note" label="Why" hint="Required when you decline; the member reads it." defaultValue={mine?.values.note} error={mine?.fieldErrors.note} rows={2} />
          <button type="submit" className="secondary">Record decision</button>
        </Form>
      ) : <p className="warning">No one decides their own email change. Another reviewer will.</p>}
    </article>
  );
}
