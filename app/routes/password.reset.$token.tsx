import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { UnusableLink } from "~/components/unusable-link";
import { Field, FormError, usePasswordsClearedOn } from "~/components/field";
import { getPasswordReset, resetPassword } from "~/accounts/password-reset.server";
import { newPasswordSchema } from "~/accounts/schemas/password";
import { sessionClient, startSession } from "~/accounts/session.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { formatDateTime } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Council" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return load(() => getPasswordReset(getDb(), params.token ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(newPasswordSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const db = getDb();
    const personId = await resetPassword(db, { token: params.token ?? "", ...parsed.data });
    const headers = await startSession(db, personId, sessionClient(request));
    return redirect("/settings?done=password-reset", { headers });
  });
}

export default function ResetPassword() {
  const reset = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const submitting = useNavigation().state === "submitting";
  const form = usePasswordsClearedOn(failure);
  return (
    <section className="narrow">
      <h1>Choose a new password</h1>
      <p>For {reset.name} ({reset.email}). This link works once, until {formatDateTime(reset.expiresAt)}. Setting a password signs you out on every other device.</p>
      <Form method="post" className="card" noValidate ref={form}>
        <FormError message={failure?.formError} />
        <Field name="password" label="New password" type="password" autoComplete="new-password" required
          hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
          error={failure?.fieldErrors.password} />
        <Field name="passwordConfirm" label="New password, again" type="password" autoComplete="new-password" required
          error={failure?.fieldErrors.passwordConfirm} />
        <button type="submit" disabled={submitting}>{submitting ? "Saving…" : "Set password and sign in"}</button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <UnusableLink><Link to="/password/forgot">Ask for a new link</Link> · <Link to="/login">Sign in</Link></UnusableLink>;
}
