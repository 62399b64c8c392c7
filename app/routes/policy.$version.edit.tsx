import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PolicyForm } from "~/components/policy-form";
import { getDb } from "~/platform/db.server";
import { formValues } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { getDraftStart, updatePolicyDraft } from "~/membership/policy.server";
import { requirePermission } from "~/accounts/session.server";
import { policyFormToDraft, policyToFormValues } from "~/membership/schemas/policy";

export const meta: MetaFunction = () => [{ title: "Edit the draft · Council" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_policy");
  const version = Number(params.version);
  const start = await load(() => getDraftStart(getDb(), actor, version));
  return data({ version, values: policyToFormValues(start.summary, start.rules) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_policy");
  const formData = await readFormData(request);
  const version = Number(params.version);
  return runAction(formData, async () => {
    await updatePolicyDraft(getDb(), actor, version, policyFormToDraft(formValues(formData)));
    return redirect(`/policy/${version}`);
  });
}

export default function EditPolicyDraft() {
  const { version, values } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <section>
      <p><Link to={`/policy/${version}`}>← Draft version {version}</Link></p>
      <h1>Edit the draft of version {version}</h1>
      <PolicyForm values={failure?.values ?? values} fieldErrors={failure?.fieldErrors} formError={failure?.formError} submitLabel="Save draft and see the impact" />
    </section>
  );
}
