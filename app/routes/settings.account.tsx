import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError, usePasswordsClearedOn } from "~/components/field";
import { changePassword } from "~/accounts/password-change.server";
import { changePasswordSchema } from "~/accounts/schemas/password";
import { getSession, requirePermission } from "~/accounts/session.server";
import { emailChangeRequestedMessage, getOwnEmailChange, requestEmailChange } from "~/membership/email-change.server";
import { changeEmailSchema } from "~/membership/schemas/email-change";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { formatDateTime } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Password and email · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  return { email: actor.email, emailChange: await getOwnEmailChange(getDb(), actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const formData = await readFormData(request);
  if (formData.get("intent") === "email") {
    const parsed = parseForm(changeEmailSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    return runAction(formData, async () => {
      const { newEmail } = await requestEmailChange(getDb(), actor, parsed.data);
      return { ok: true as const, intent: "email" as const, message: emailChangeRequestedMessage(newEmail) };
    });
  }
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const session = (await getSession(request))!;
    return { ok: true as const, otherSessionsEnded: await changePassword(getDb(), actor, parsed.data, session.sessionId) };
  });
}

export default function AccountSettings() {
  const { email, emailChange } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const emailFailure = failure?.values.intent === "email" ? failure : undefined;
  const passwordFailure = failure && !emailFailure ? failure : undefined;
  const emailDone = result && "intent" in result ? result : undefined;
  const passwordDone = result && "otherSessionsEnded" in result ? result : undefined;
  const submitting = useNavigation().state === "submitting";
  const passwordForm = usePasswordsClearedOn(passwordFailure ?? passwordDone);
  const emailForm = usePasswordsClearedOn(emailFailure ?? emailDone);
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Password and email</h1>
      <h2 id="password">Password</h2>
      {passwordDone ? (
        <p className="notice" role="status">Your password is changed. {passwordDone.otherSessionsEnded === 1 ? "1 other session was" : `${passwordDone.otherSessionsEnded} other sessions were`} signed out; this browser stays signed in.</p>
      ) : null}
      <Form method="post" className="card" noValidate ref={passwordForm} aria-labelledby="password">
        <FormError message={passwordFailure?.formError} />
        <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={passwordFailure?.fieldErrors.currentPassword} />
        <Field name="password" label="New password" type="password" autoComplete="new-password" required
          hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember." error={passwordFailure?.fieldErrors.password} />
        <Field name="passwordConfirm" label="New password, again" type="password" autoComplete="new-password" required error={passwordFailure?.fieldErrors.passwordConfirm} />
        <button type="submit" disabled={submitting}>{submitting ? "Saving…" : "Change password"}</button>
      </Form>
      <p className="muted">Changing your password signs you out on every other device.</p>

      <h2 id="email">Email address</h2>
      <p>You sign in with <strong>{email}</strong>, and Council writes to it.</p>
      {emailDone ? <p className="notice" role="status">{emailDone.message}</p> : null}
      {!emailDone && emailChange?.status === "pending" ? (
        <p className="notice">A change to {emailChange.new_email} waits for you to follow the link we sent there (until {formatDateTime(emailChange.expires_at)}).</p>
      ) : null}
      {emailChange?.status === "review" ? (
        <p className="notice">You confirmed {emailChange.new_email}; it is a free webmail address, so a reviewer checks it before it replaces your current one.</p>
      ) : null}
      <Form method="post" className="card" noValidate ref={emailForm} aria-labelledby="email">
        <input type="hidden" name="intent" value="email" />
        <FormError message={emailFailure?.formError} />
        <Field name="newEmail" label="New email address" type="email" autoComplete="email" required
          hint="We send a confirmation link to the new address and tell your current one. A work address is best: a free webmail address is checked by a reviewer, as for an application."
          defaultValue={emailFailure?.values.newEmail} error={emailFailure?.fieldErrors.newEmail} />
        <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required
          id="field-email-currentPassword" error={emailFailure?.fieldErrors.currentPassword} />
        <button type="submit" disabled={submitting}>{submitting ? "Sending…" : "Send confirmation link"}</button>
      </Form>
    </section>
  );
}
