import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ApplicantFields } from "~/components/applicant-fields";
import { Field, FormError } from "~/components/field";
import { submitApplication } from "~/membership/applications.server";
import { getDb } from "~/platform/db.server";
import { describePolicy } from "~/membership/eligibility";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { getCurrentPolicy } from "~/membership/policy.server";
import { clientIp } from "~/platform/request.server";
import { applySchema } from "~/membership/schemas/apply";

export const meta: MetaFunction = () => [{ title: "Request an invitation · Council" }];

export async function loader() {
  const policy = await getCurrentPolicy(getDb());
  return { version: policy.version, rules: describePolicy(policy), days: policy.rules.reviewWindowDays };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(applySchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    const result = await submitApplication(getDb(), parsed.data, { ip: clientIp(request) });
    return redirect(`${result.statusPath}?submitted=1`);
  });
}

export default function Apply() {
  const { version, rules, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="narrow">
      <h1>Request an invitation</h1>
      <p>Council is a private council of senior executives who own social strategy. Who may join is decided by a written policy
        (version {version}), the same for everyone. Please allow {days} days for a decision; we will tell you the date when you apply.</p>
      <details className="card"><summary>Who is eligible</summary><ul>{rules.map((line) => <li key={line}>{line}</li>)}</ul></details>
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <ApplicantFields failure={failure} />
        <Field name="profileUrl" label="Profile URL (optional)" type="url" hint="e.g. your LinkedIn profile" defaultValue={failure?.values.profileUrl} error={failure?.fieldErrors.profileUrl} />
        <Field name="referredBy" label="Who referred you? (optional)" hint="A member's name or email" defaultValue={failure?.values.referredBy} error={failure?.fieldErrors.referredBy} />
        <button type="submit" disabled={submitting}>{submitting ? "Sending…" : "Send my application"}</button>
      </Form>
      <p>Already a member? <Link to="/login">Sign in</Link>.</p>
    </section>
  );
}
