import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { parseForm } from "~/platform/forms";
import { idParam } from "~/platform/route-params";
import { load, runAction, readFormData } from "~/platform/http.server";
import { getPersonForAdmin, revokeMembership } from "~/membership/revocation.server";
import { liftSuspension } from "~/moderation/moderation.server";
import { requirePermission } from "~/accounts/session.server";
import { resetTwoFactor } from "~/accounts/two-factor.server";
import { resetTwoFactorSchema } from "~/accounts/schemas/two-factor";
import { formatDate, formatDateTime } from "~/platform/time";
import { flagReasonLabel, liftSuspensionSchema } from "~/moderation/schemas/moderation";
import { REVOCATION_RULE_LABELS, revokeSchema, ruleLabel } from "~/membership/schemas/revoke";

export const meta: MetaFunction = () => [{ title: "Member (staff) · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "revoke_membership");
  return load(() => getPersonForAdmin(getDb(), actor, idParam(params.id, "member")));
}

// Two steps without JavaScript: "review" shows a confirmation; only "confirm" revokes. The same for
// lifting a suspension (founders): "lift-review", then "lift-confirm".
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "revoke_membership");
  const formData = await readFormData(request);
  if (formData.get("intent") === "reset_two_factor") {
    const reset = parseForm(resetTwoFactorSchema, formData);
    if (!reset.ok) return data(reset, { status: 400 });
    return runAction(formData, async () => {
      const personId = idParam(params.id, "member");
      await resetTwoFactor(getDb(), actor, personId, reset.data.reason);
      return redirect(`/admin/members/${personId}?two-factor-reset=1`);
    });
  }
  if (String(formData.get("intent") ?? "").startsWith("lift")) {
    const lift = parseForm(liftSuspensionSchema, formData);
    if (!lift.ok) return data(lift, { status: 400 });
    if (lift.data.intent !== "lift-confirm") return data({ ok: true as const, confirmLift: lift.data });
    return runAction(formData, async () => {
      const personId = idParam(params.id, "member");
      await liftSuspension(getDb(), actor, { personId, reason: lift.data.reason });
      return redirect(`/admin/members/${personId}?lifted=1`);
    });
  }
  const parsed = parseForm(revokeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (parsed.data.intent !== "confirm") return data({ ok: true as const, confirm: parsed.data });
  return runAction(formData, async () => {
    const memberId = idParam(params.id, "member");
    await revokeMembership(getDb(), actor, { memberId, rule: parsed.data.rule, reason: parsed.data.reason });
    return redirect(`/admin/members/${memberId}?revoked=1`);
  });
}

export default function AdminMember() {
  const { person, history, notices, strikes, canRevoke, revokeRefusal, canLiftSuspension, canResetTwoFactor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const confirm = result && result.ok && "confirm" in result ? result.confirm : undefined;
  const confirmLift = result && result.ok && "confirmLift" in result ? result.confirmLift : undefined;
  const liftFailure = failure && failure.values.intent?.startsWith("lift") ? failure : undefined;
  return (
    <>
      <p><Link to="/admin/members">← Members</Link></p>
      <h1>{person.name} <span className="status">{person.status}</span></h1>
      <p>{person.title}, {person.company} · {ROLE_LEVEL_LABELS[person.role_level]} · {MEMBER_TYPE_LABELS[person.member_type]} · {person.email}</p>
      <p className="meta">Joined {formatDate(person.joined_at)}{person.revoked_at ? ` · membership ended ${formatDate(person.revoked_at)}` : ""}</p>
      {notices.filter((n) => n.status === "pending").map((n) => (
        <p key={n.id} className="warning">Under notice from policy v{n.policy_version}: membership ends {formatDate(n.revoke_at)} unless they qualify again.</p>
      ))}
      {canResetTwoFactor ? (
        <section className="card" aria-labelledby="two-factor-title">
          <h2 id="two-factor-title">Two-factor sign-in</h2>
          <p>{person.name} signs in with a second factor. If they lost their phone and recovery codes, reset it: they are emailed, and enrol again.</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reset_two_factor" />
            <label htmlFor="field-tf-reason">Why (recorded and sent to them)</label>
            <input id="field-tf-reason" name="reason" defaultValue={failure?.values.intent === "reset_two_factor" ? failure.values.reason : undefined} />
            {failure?.values.intent === "reset_two_factor" && failure.fieldErrors.reason ? <span className="error" role="alert">{failure.fieldErrors.reason}</span> : null}
            <button type="submit" className="secondary">Reset two-factor sign-in</button>
          </Form>
        </section>
      ) : null}
      {strikes.length ? (
        <>
          <h2>Strikes</h2>
          <ul>{strikes.map((k) => <li key={k.id}>{flagReasonLabel(k.rule)} · {formatDateTime(k.recorded_at)}</li>)}</ul>
        </>
      ) : null}
      {canLiftSuspension ? (
        <section className="card" aria-labelledby="lift-title">
          <h2 id="lift-title">{confirmLift ? `Lift ${person.name}'s suspension now?` : "Suspended pending founder review"}</h2>
          {confirmLift ? (
            <>
              <p>They can sign in again at once and are emailed your reason. Their strikes stay on record for a year.</p>
              <p><strong>Reason:</strong> {confirmLift.reason}</p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="reason" value={confirmLift.reason} />
                <button type="submit" name="intent" value="lift-confirm">Yes, lift the suspension</button>
              </Form>
              <p><Link to={`/admin/members/${person.id}`}>Cancel</Link></p>
            </>
          ) : (
            <Form method="post" className="stack" noValidate>
              <FormError message={liftFailure?.formError} />
              <div className="field">
                <label htmlFor="field-lift-reason">Reason for lifting the suspension (sent to them)</label>
                <textarea id="field-lift-reason" name="reason" rows={3} defaultValue={liftFailure?.values.reason ?? ""} aria-invalid={liftFailure?.fieldErrors.reason ? true : undefined} />
                {liftFailure?.fieldErrors.reason ? <span className="error" role="alert">{liftFailure.fieldErrors.reason}</span> : null}
              </div>
              <button type="submit" name="intent" value="lift-review">Review lifting the suspension</button>
            </Form>
          )}
        </section>
      ) : null}
      {canRevoke && confirm ? (
        <section className="card" aria-labelledby="confirm-title">
          <h2 id="confirm-title">Revoke {person.name}'s membership now?</h2>
          <p>This ends every session at once; they can no longer sign in. They will be emailed the reason and how to appeal. What they wrote stays.</p>
          <p><strong>Rule:</strong> {REVOCATION_RULE_LABELS[confirm.rule]}<br /><strong>Reason:</strong> {confirm.reason}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="rule" value={confirm.rule} />
            <input type="hidden" name="reason" value={confirm.reason} />
            <button type="submit" name="intent" value="confirm">Yes, revoke membership</button>
          </Form>
          <p><Link to={`/admin/members/${person.id}`}>Cancel</Link></p>
        </section>
      ) : canRevoke ? (
        <section className="card" aria-labelledby="revoke-title">
          <h2 id="revoke-title">Revoke membership</h2>
          <Form method="post" className="stack" noValidate>
            <FormError message={failure?.formError} />
            <div className="field">
              <label htmlFor="field-rule">Rule</label>
              <select id="field-rule" name="rule" defaultValue={failure?.values.rule ?? ""} aria-invalid={failure?.fieldErrors.rule ? true : undefined}>
                <option value="" disabled>Choose the rule this is based on</option>
                {Object.entries(REVOCATION_RULE_LABELS).map(([key, label]) => <option key={key} value={key}>{label}</option>)}
              </select>
              {failure?.fieldErrors.rule ? <span className="error" role="alert">{failure.fieldErrors.rule}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="field-reason">Reason (sent to them)</label>
              <textarea id="field-reason" name="reason" rows={4} defaultValue={failure?.values.reason ?? ""} aria-invalid={failure?.fieldErrors.reason ? true : undefined} />
              {failure?.fieldErrors.reason ? <span className="error" role="alert">{failure.fieldErrors.reason}</span> : null}
            </div>
            <button type="submit" name="intent" value="review">Review revocation</button>
          </Form>
        </section>
      ) : revokeRefusal ? <p className="notice">{revokeRefusal}</p> : null}
      <h2>History</h2>
      {history.length === 0 ? <p>No decisions recorded.</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways on a narrow screen)">
          <table>
            <thead><tr><th>When</th><th>Action</th><th>By</th><th>Rule</th><th>Reason</th></tr></thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{formatDateTime(h.at)}</td><td>{h.action}</td><td>{h.actor_name ?? "Council (policy)"}</td>
                  <td>{h.rule ? ruleLabel(h.rule) : ""}{h.policy_version ? ` (policy v${h.policy_version})` : ""}</td><td>{h.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
