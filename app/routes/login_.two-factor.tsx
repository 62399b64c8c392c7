import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { secondFactorSchema } from "~/accounts/schemas/two-factor";
import { safeRedirectPath, sessionClient, startSession } from "~/accounts/session.server";
import { clearPendingSecondFactorCookie, pendingSecondFactorPerson, verifySecondFactor } from "~/accounts/two-factor.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (pendingSecondFactorPerson(request) === null) throw redirect("/login");
  return {};
}

export async function action({ request }: ActionFunctionArgs) {
  const personId = pendingSecondFactorPerson(request);
  if (personId === null) throw redirect("/login");
  const formData = await readFormData(request);
  const parsed = parseForm(secondFactorSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const db = getDb();
    await verifySecondFactor(db, personId, parsed.data.code);
    const headers = await startSession(db, personId, sessionClient(request));
    headers.append("Set-Cookie", clearPendingSecondFactorCookie());
    return redirect(safeRedirectPath(parsed.data.redirectTo), { headers });
  });
}

export default function TwoFactorSignIn() {
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Two-factor sign-in</h1>
      <p>Your password was right. Now type the 6-digit code your authenticator app shows for Council, or one of your recovery codes.</p>
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <input type="hidden" name="redirectTo" value={failure?.values.redirectTo ?? params.get("redirectTo") ?? "/"} />
        <Field name="code" label="Code" autoComplete="one-time-code" inputMode="text" required autoFocus error={failure?.fieldErrors.code} />
        <button type="submit" disabled={submitting}>{submitting ? "Checking…" : "Sign in"}</button>
      </Form>
      <p className="muted">Lost your phone and your recovery codes? A founder can reset your two-factor sign-in. <Link to="/login">Start again</Link></p>
    </section>
  );
}
