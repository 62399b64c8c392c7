import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { decideAppeal, listAppeals } from "~/membership/appeals.server";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { appealDecisionSchema } from "~/membership/schemas/revoke";

export const meta: MetaFunction = () => [{ title: "Appeals · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "decide_appeals");
  return { appeals: await load(() => listAppeals(getDb(), actor)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "decide_appeals");
  const formData = await readFormData(request);
  const parsed = parseForm(appealDecisionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { appealId, decision, reason } = parsed.data;
  return runAction(formData, async () => {
    await decideAppeal(getDb(), actor, appealId, { decision, reason });
    return redirect("/appeals");
  });
}

export default function Appeals() {
  const { appeals } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>Appeals</h1>
      <p className="muted">Uphold reinstates the membership, and is possible only when the current policy admits the person. Deny keeps the decision. Either way they are emailed your reason.</p>
      {appeals.length === 0 ? <p>No appeals.</p> : appeals.map((a) => (
        <section key={a.id} className="card" aria-label={`Appeal by ${a.name}`}>
          <h2>{a.name} <span className="status">{a.status}</span></h2>
          <p className="meta">{a.title}, {a.company} · appealed {formatDate(a.created_at)}</p>
          <p><strong>Revoked under:</strong> {a.ruleLabel}{a.policy_version ? ` (policy v${a.policy_version})` : ""} — {a.revocation_reason}</p>
          <blockquote>{a.statement}</blockquote>
          <p><strong>Under the current policy (v{a.currentPolicy.version}):</strong> {a.currentPolicy.outcome.replace("_", " ")}</p>
          <ul>{a.currentPolicy.reasons.map((r) => <li key={r.rule}>{r.passed ? "✓" : "✗"} {r.message}</li>)}</ul>
          {a.status === "open" ? (
            <Form method="post" className="stack" noValidate>
              {failure && Number(failure.values.appealId) === a.id ? <FormError message={failure.formError} /> : null}
              <input type="hidden" name="appealId" value={a.id} />
              <div className="field">
                <label htmlFor={`reason-${a.id}`}>Your reason (sent to them)</label>
                <textarea id={`reason-${a.id}`} name="reason" rows={3} defaultValue={failure && Number(failure.values.appealId) === a.id ? failure.values.reason : ""} />
                {failure && Number(failure.values.appealId) === a.id && failure.fieldErrors.reason ? <span className="error" role="alert">{failure.fieldErrors.reason}</span> : null}
              </div>
              <div className="inline-form">
                <button type="submit" name="decision" value="uphold" disabled={a.currentPolicy.outcome === "ineligible"}>Uphold and reinstate</button>
                <button type="submit" name="decision" value="deny">Deny</button>
              </div>
            </Form>
          ) : <p>Decided {a.decided_at ? formatDate(a.decided_at) : ""}: {a.decision_reason}</p>}
        </section>
      ))}
    </>
  );
}
