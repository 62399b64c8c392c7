import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { UnusableLink } from "~/components/unusable-link";
import { confirmEmailChange, getEmailChangeByToken } from "~/membership/email-change.server";
import { getDb } from "~/platform/db.server";
import { load, readFormData, runAction } from "~/platform/http.server";

export const meta: MetaFunction = () => [{ title: "Confirm your new address · Council" }];

// Opening the link changes nothing (mail scanners open links); the button does. No session is needed:
// the link proves the new address, and the password was checked when the change was asked for.
export async function loader({ params }: LoaderFunctionArgs) {
  return load(() => getEmailChangeByToken(getDb(), params.token ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  // The link is used up now, so the answer is another page (this one would say so).
  return runAction(formData, async () => redirect(`/email-change/done?outcome=${(await confirmEmailChange(getDb(), params.token ?? "")).outcome}`));
}

export default function ConfirmEmailChange() {
  const change = useLoaderData<typeof loader>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Confirm your new address</h1>
      <p>For {change.name}: use <strong>{change.newEmail}</strong> to sign in to Council and receive its email.</p>
      {change.needsReview ? <p className="muted">This is a free webmail address: after you confirm, a reviewer checks it before it takes effect.</p> : null}
      <Form method="post" className="card">
        <button type="submit" disabled={submitting}>{submitting ? "Confirming…" : "Confirm my new address"}</button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <UnusableLink><Link to="/settings/account">Your account settings</Link> · <Link to="/login">Sign in</Link></UnusableLink>;
}
