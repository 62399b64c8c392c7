import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PolicyForm } from "~/components/policy-form";
import { getDb } from "~/platform/db.server";
import { formValues } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { createPolicyDraft, getDraftStart } from "~/membership/policy.server";
import { requirePermission } from "~/accounts/session.server";
import { policyFormToDraft, policyToFormValues } from "~/membership/schemas/policy";

export const meta: MetaFunction = () => [{ title: "Draft a policy version · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_policy");
  const start = await load(() => getDraftStart(getDb(), actor));
  if (start.openDraft) throw redirect(`/policy/${start.openDraft}`);
  return data({ values: policyToFormValues("", start.rules), basedOn: start.basedOn });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_policy");
  const formData = await readFormData(request);
  return runAction(formData, async () => {
    const version = await createPolicyDraft(getDb(), actor, policyFormToDraft(formValues(formData)));
    return redirect(`/policy/${version}`);
  });
}

export default function NewPolicyVersion() {
  const { values, basedOn } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <section>
      <p><Link to="/policy">← Eligibility policy</Link></p>
      <h1>Draft a new policy version</h1>
      <p className="muted">Starts from version {basedOn}. A draft changes nothing until it is adopted; you will see who it affects first.</p>
      <PolicyForm values={failure?.values ?? values} fieldErrors={failure?.fieldErrors} formError={failure?.formError} submitLabel="Save draft and see the impact" />
    </section>
  );
}
