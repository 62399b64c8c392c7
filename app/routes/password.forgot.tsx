import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { requestPasswordReset, RESET_REQUESTED_MESSAGE } from "~/accounts/password-reset.server";
import { forgotPasswordSchema } from "~/accounts/schemas/password";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { clientIp } from "~/platform/request.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Council" }];

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(forgotPasswordSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await requestPasswordReset(getDb(), { email: parsed.data.email, ip: clientIp(request) });
    return { ok: true as const, message: RESET_REQUESTED_MESSAGE };
  });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const sent = result && "ok" in result && result.ok ? result : undefined;
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Forgot your password?</h1>
      {sent ? <p className="notice" role="status">{sent.message}</p> : (
        <p>Enter the email address you sign in with. If it belongs to a member, we email a link to choose a new password.</p>
      )}
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <Field name="email" label="Work email" type="email" autoComplete="username" required
          defaultValue={failure?.values.email} error={failure?.fieldErrors.email} />
        <button type="submit" disabled={submitting}>{submitting ? "Sending…" : "Email me a link"}</button>
      </Form>
      <p><Link to="/login">Back to sign in</Link></p>
    </section>
  );
}
