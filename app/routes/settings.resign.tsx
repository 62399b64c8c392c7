import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError, usePasswordsClearedOn } from "~/components/field";
import { CheckboxField, TextAreaField } from "~/components/choice";
import { resignationCheck, resignMembership } from "~/membership/resignation.server";
import { FORMER_MEMBER_NAME } from "~/accounts/former-member";
import { resignSchema } from "~/membership/schemas/resign";
import { clearSessionCookie, requirePermission } from "~/accounts/session.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { readFormData, runAction } from "~/platform/http.server";

export const meta: MetaFunction = () => [{ title: "Resign · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  return resignationCheck(getDb(), actor);
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const formData = await readFormData(request);
  const parsed = parseForm(resignSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await resignMembership(getDb(), actor, parsed.data);
    return redirect("/login?resigned=1", { headers: { "Set-Cookie": clearSessionCookie() } });
  });
}

export default function Resign() {
  const { mayResign, refusal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const submitting = useNavigation().state === "submitting";
  const form = usePasswordsClearedOn(failure);
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Resign from Council</h1>
      <p>Resigning ends your membership at once. Before you go, you may want to <Link to="/settings/data">download your data</Link>.</p>
      <ul>
        <li>You are signed out on every device and can no longer sign in.</li>
        <li>You leave the member directory, your chapter and any staff role.</li>
        <li>What you wrote stays: your posts are shown as written by “{FORMER_MEMBER_NAME}”, and your direct messages stay with the people you wrote to.</li>
        <li>You may apply again later through the ordinary application; the reviewer will see that you were a member.</li>
      </ul>
      {mayResign ? (
        <Form method="post" className="card" noValidate ref={form}>
          <FormError message={failure?.formError} />
          <CheckboxField name="understood" label="I understand that resigning ends my membership now and cannot be undone" error={failure?.fieldErrors.understood} />
          <TextAreaField name="reason" label="Why are you leaving? (optional, read by the founders)" defaultValue={failure?.values.reason} error={failure?.fieldErrors.reason} />
          <Field name="currentPassword" label="Your current password" type="password" autoComplete="current-password" required error={failure?.fieldErrors.currentPassword} />
          <button type="submit" className="danger" disabled={submitting}>{submitting ? "Resigning…" : "Resign my membership"}</button>
        </Form>
      ) : (
        <p className="notice" role="status">{refusal}</p>
      )}
    </section>
  );
}
