import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { ApplicantFields } from "~/components/applicant-fields";
import { CheckboxField } from "~/components/choice";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { inviteDirectly } from "~/membership/invitations.server";
import { requirePermission } from "~/accounts/session.server";
import { directInvitationSchema } from "~/membership/schemas/invitation";

export const meta: MetaFunction = () => [{ title: "Invite someone · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "issue_invitations");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "issue_invitations");
  const formData = await readFormData(request);
  const parsed = parseForm(directInvitationSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await inviteDirectly(getDb(), actor, parsed.data);
    return redirect("/invitations?done=sent");
  });
}

export default function NewInvitation() {
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  return (
    <section className="narrow">
      <p><Link to="/invitations">← Invitations</Link></p>
      <h1>Invite someone directly</h1>
      <p>The eligibility policy decides here too: if the person is not eligible under the current policy, no invitation is sent.</p>
      <Form method="post" className="card" noValidate>
        <FormError message={failure?.formError} />
        <ApplicantFields failure={failure} who="their" />
        <CheckboxField name="roleVerified" label="I verified their title and company" defaultChecked={failure?.values.roleVerified === "on"}
          hint="Required for free webmail addresses, as for any application." error={failure?.fieldErrors.roleVerified} />
        <button type="submit">Send the invitation</button>
      </Form>
    </section>
  );
}
