import { Form } from "@remix-run/react";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../db/schema";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "../forum/framework";
import { FormError } from "./field";

type Props = { values: Record<string, string>; fieldErrors?: Record<string, string>; formError?: string; submitLabel: string };

/** The draft form: every rule of a policy version. Works without JavaScript. */
export function PolicyForm({ values, fieldErrors = {}, formError, submitLabel }: Props) {
  const checked = (name: string) => values[name] === "on";
  const error = (name: string) => (fieldErrors[name] ? <span id={`${name}-error`} className="error" role="alert">{fieldErrors[name]}</span> : null);
  return (
    <Form method="post" className="card stack" noValidate>
      <FormError message={formError} />
      <fieldset aria-describedby={fieldErrors.admittedRoleLevels ? "admittedRoleLevels-error" : undefined}>
        <legend>Role levels</legend>
        <table>
          <thead><tr><th>Role level</th><th>Admitted</th><th>Only with social strategy or social media responsibility</th></tr></thead>
          <tbody>
            {ROLE_LEVELS.map((l) => (
              <tr key={l}>
                <th scope="row">{ROLE_LEVEL_LABELS[l]}</th>
                <td><label><input type="checkbox" name={`admit_${l}`} defaultChecked={checked(`admit_${l}`)} /> Admit {ROLE_LEVEL_LABELS[l]}</label></td>
                <td><label><input type="checkbox" name={`responsibility_${l}`} defaultChecked={checked(`responsibility_${l}`)} /> {ROLE_LEVEL_LABELS[l]} needs responsibility</label></td>
              </tr>
            ))}
          </tbody>
        </table>
        {error("admittedRoleLevels")}
        {error("socialResponsibilityRequired")}
      </fieldset>
      <fieldset>
        <legend>Member types</legend>
        {MEMBER_TYPES.map((t) => (
          <label key={t} className="choice"><input type="checkbox" name={`type_${t}`} defaultChecked={checked(`type_${t}`)} /> Admit {MEMBER_TYPE_LABELS[t]}</label>
        ))}
        {error("admittedMemberTypes")}
      </fieldset>
      <fieldset>
        <legend>Free webmail</legend>
        <label className="choice"><input type="checkbox" name="webmailReview" defaultChecked={checked("webmailReview")} /> Send applications from free webmail addresses to a reviewer</label>
        <div className="field">
          <label htmlFor="field-webmailDomains">Free webmail domains (one per line)</label>
          <textarea id="field-webmailDomains" name="webmailDomains" rows={6} defaultValue={values.webmailDomains ?? ""} aria-invalid={fieldErrors.freeWebmail ? true : undefined} />
          {error("freeWebmail")}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="field-reviewWindowDays">Review window (days)</label>
        <input id="field-reviewWindowDays" name="reviewWindowDays" type="number" min={1} max={60} defaultValue={values.reviewWindowDays ?? ""} aria-invalid={fieldErrors.reviewWindowDays ? true : undefined} />
        {error("reviewWindowDays")}
      </div>
      <div className="field">
        <label htmlFor="field-summary">Summary in plain language</label>
        <span className="hint">What this version does and what it changes. Members read this in the version history.</span>
        <textarea id="field-summary" name="summary" rows={4} defaultValue={values.summary ?? ""} aria-invalid={fieldErrors.summary ? true : undefined} />
        {error("summary")}
      </div>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
