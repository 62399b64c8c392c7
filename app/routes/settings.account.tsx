import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError, usePasswordsClearedOn } from "~/components/field";
import { changePassword } from "~/accounts/password-change.server";
import { changePasswordSchema } from "~/accounts/schemas/password";
import { getSession, requirePermission } from "~/accounts/session.server";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";

export const meta: MetaFunction = () => [{ title: "Password · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage_own_account");
  return {};
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const formData = await readFormData(request);
  const parsed = parseForm(changePasswordSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const session = (await getSession(request))!;
    return { ok: true as const, otherSessionsEnded: await changePassword(getDb(), actor, parsed.data, session.sessionId) };
  });
}

export default function AccountSettings() {
  const result = useActionData<typeof action>();
  const failure = result && "ok" in result && !result.ok ? result : undefined;
  const done = result && "ok" in result && result.ok ? result : undefined;
  const submitting = useNavigation().state === "submitting";
  const form = usePasswordsClearedOn(failure ?? done);
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Password</h1>
      {done ? (
        <p className="notice" role="status">Your password is changed. {done.otherSessionsEnded === 1 ? "1 other session was" : `${done.otherSessionsEnded} other sessions were`} signed out; this browser stays signed in.</p>
      ) : null}
      <Form method="post" className="card" noValidate ref={form}>
        <FormError message={failure?.formError} />
        <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required error={failure?.fieldErrors.currentPassword} />
        <Field name="password" label="New password" type="password" autoComplete="new-password" required
          hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember." error={failure?.fieldErrors.password} />
        <Field name="passwordConfirm" label="New password, again" type="password" autoComplete="new-password" required error={failure?.fieldErrors.passwordConfirm} />
        <button type="submit" disabled={submitting}>{submitting ? "Saving…" : "Change password"}</button>
      </Form>
      <p className="muted">Changing your password signs you out on every other device.</p>
    </section>
  );
}
