import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Field, FormError } from "~/components/field";
import { signIn } from "~/accounts/auth.server";
import { hasTwoFactor, pendingSecondFactorCookie } from "~/accounts/two-factor.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { clientIp } from "~/platform/request.server";
import { getActor, knownBrowserPersonId, safeRedirectPath, sessionClient, startSession } from "~/accounts/session.server";
import { signInSchema } from "~/accounts/schemas/sign-in";

export const meta: MetaFunction = () => [{ title: "Sign in · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(signInSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const db = getDb();
    const personId = await signIn(db, { ...parsed.data, ip: clientIp(request), browserPersonId: knownBrowserPersonId(request) });
    if (await hasTwoFactor(db, personId)) {
      // The password was right; the second step asks for the code before any session exists.
      const next = `/login/two-factor?redirectTo=${encodeURIComponent(safeRedirectPath(parsed.data.redirectTo))}`;
      return redirect(next, { headers: { "Set-Cookie": pendingSecondFactorCookie(personId) } });
    }
    const headers = await startSession(db, personId, sessionClient(request));
    return redirect(safeRedirectPath(parsed.data.redirectTo), { headers });
  });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  const form = useRef<HTMLFormElement>(null);
  // A failed attempt never leaves the password in the field.
  useEffect(() => {
    const password = form.current?.elements.namedItem("password");
    if (failure && password instanceof HTMLInputElement) password.value = "";
  }, [failure]);
  const redirectTo = failure?.values.redirectTo ?? params.get("redirectTo") ?? "/";
  return (
    <section className="narrow">
      <h1>Sign in to Council</h1>
      {params.get("redirectTo") ? <p className="notice">Please sign in to continue to that page.</p> : null}
      {params.get("resigned") ? <p className="notice" role="status">You have resigned from Council and are signed out everywhere. Thank you for what you gave the council; you may apply again at any time.</p> : null}
      <Form method="post" className="card" noValidate ref={form}>
        <FormError message={failure?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="email" label="Work email" type="email" autoComplete="username" required
          defaultValue={failure?.values.email} error={failure?.fieldErrors.email} />
        <Field name="password" label="Password" type="password" autoComplete="current-password" required
          error={failure?.fieldErrors.password} />
        <button type="submit" disabled={submitting}>{submitting ? "Signing in…" : "Sign in"}</button>
      </Form>
      <p><Link to="/password/forgot">Forgot your password?</Link></p>
      <p>Not a member yet? <Link to="/apply">Request an invitation</Link>.</p>
    </section>
  );
}
