import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicantFields } from "~/components/applicant-fields";
import { ReasonList, TextAreaField } from "~/components/choice";
import { Field, FormError } from "~/components/field";
import { requirePermission } from "~/accounts/session.server";
import { JOB_FACT_LABELS } from "~/membership/job-change";
import { getProfile, updateProfile } from "~/membership/job-changes.server";
import { profileSchema } from "~/membership/schemas/profile";
import { getDb } from "~/platform/db.server";
import { failureOf, formValues, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { formatDate } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Profile and job · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  return load(() => getProfile(getDb(), actor));
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const formData = await readFormData(request);
  const parsed = parseForm(profileSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => ({ ok: true as const, values: formValues(formData), ...(await updateProfile(getDb(), actor, parsed.data)) }));
}

const VERDICT = {
  eligible: "Eligible: you still qualify",
  needs_review: "Eligible once a reviewer verifies your role",
  ineligible: "Not eligible: your membership would end after a notice period",
} as const;

export default function Profile() {
  const profile = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const answer = result && "ok" in result && result.ok ? result : undefined;
  const preview = answer && !answer.saved ? answer : undefined;
  const f = profile.facts;
  const values = failure?.values ?? answer?.values ?? {
    name: profile.name, bio: profile.bio, profileUrl: profile.profileUrl, title: f.title, company: f.company, roleLevel: f.roleLevel,
    memberType: f.memberType, socialResponsibility: f.socialResponsibility ? "yes" : "no", socialResponsibilityNote: f.socialResponsibilityNote,
  };
  const shown = { ok: false as const, values, fieldErrors: failure?.fieldErrors ?? {} };
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Profile and job</h1>
      {answer?.saved ? (
        <p className="notice" role="status">
          {answer.judged.path === "none" ? "Saved." : answer.judged.path === "verify"
            ? "Saved. A reviewer will verify your new role; until then the council judges your membership by your last verified role."
            : `Saved. Your membership ends on ${formatDate(answer.revokeAt!)} unless your role changes again; we emailed you the details and how to appeal.`}
        </p>
      ) : null}
      {profile.notice ? <p className="warning">Your membership ends on {formatDate(profile.notice.revokeAt)} under eligibility policy v{profile.notice.policyVersion} unless you qualify again by then.</p> : null}
      {profile.awaitingVerification && !answer?.saved ? <p className="muted">A change to your role is waiting for a reviewer to verify it.</p> : null}

      {preview ? (
        <section className="card" aria-label="Verdict before you confirm">
          <h2>Before you confirm: {VERDICT[preview.judged.verdict.outcome]}</h2>
          <p>You changed: {preview.judged.changed.map((k) => JOB_FACT_LABELS[k]).join(", ")}. Under eligibility policy version {preview.judged.verdict.policyVersion}, the policy every applicant is judged by:</p>
          <ReasonList reasons={preview.judged.verdict.reasons} />
          <p className="muted">
            {preview.judged.path === "notice"
              ? "If you confirm, you keep your membership for a notice period; we email you the reasons and how to appeal, and then your membership ends. The same written rules apply to everyone, with no individual exceptions."
              : "If you confirm, your profile shows the new role and a reviewer verifies it, as for an application."}
          </p>
          <Form method="post">
            {Object.entries(values).filter(([k]) => k !== "intent").map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
            <input type="hidden" name="intent" value="confirm" />
            <button type="submit">{preview.judged.path === "notice" ? "Confirm the change and start my notice period" : "Confirm the change"}</button>
          </Form>
          <p>Or change the form below and check again.</p>
        </section>
      ) : null}

      <Form method="post" className="card" noValidate key={JSON.stringify(values)}>
        <FormError message={failure?.formError} />
        <input type="hidden" name="intent" value="preview" />
        <Field name="name" label="Full name" autoComplete="name" required defaultValue={values.name} error={shown.fieldErrors.name} />
        <TextAreaField name="bio" label="Bio" hint="A few words for other members (optional)." defaultValue={values.bio} error={shown.fieldErrors.bio} />
        <Field name="profileUrl" label="Profile link" type="url" hint="For example your LinkedIn profile (optional)." defaultValue={values.profileUrl} error={shown.fieldErrors.profileUrl} />
        <h2>Your job</h2>
        <p className="muted">The eligibility policy reads these. A change is judged before it is saved, and a reviewer verifies it.</p>
        <ApplicantFields failure={shown} facts />
        <button type="submit">Save</button>
      </Form>
    </section>
  );
}
