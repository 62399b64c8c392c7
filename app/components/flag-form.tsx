import { Form } from "@remix-run/react";
import { FormError } from "~/components/field";
import { FLAG_REASON_LABELS, FLAG_REASONS } from "~/moderation/schemas/moderation";

/** The flag form on the flag page (/posts/:id/flag). */
export function FlagForm({ postId, failure }: { postId: number; failure?: { formError?: string; fieldErrors: Record<string, string>; values: Record<string, string> } }) {
  const id = (name: string) => `flag-${postId}-${name}`;
  return (
    <Form method="post" action={`/posts/${postId}/flag`} className="card stack flag-form" noValidate>
      <FormError message={failure?.formError} />
      <fieldset aria-invalid={failure?.fieldErrors.reason ? true : undefined}>
        <legend>Why are you flagging this post?</legend>
        {FLAG_REASONS.map((r) => (
          <label key={r} className="choice">
            <input type="radio" name="reason" value={r} defaultChecked={failure?.values.reason === r} /> {FLAG_REASON_LABELS[r]}
          </label>
        ))}
        {failure?.fieldErrors.reason ? <span className="error" role="alert">{failure.fieldErrors.reason}</span> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={id("note")}>Note for the moderators (required for “Other”; never shown publicly)</label>
        <textarea id={id("note")} name="note" rows={2} defaultValue={failure?.values.note ?? ""} aria-invalid={failure?.fieldErrors.note ? true : undefined} />
        {failure?.fieldErrors.note ? <span className="error" role="alert">{failure.fieldErrors.note}</span> : null}
      </div>
      <button type="submit" name="intent" value="flag">Flag post</button>
    </Form>
  );
}
