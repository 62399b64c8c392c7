import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField, ReasonList, TextAreaField } from "~/components/choice";
import { FormError } from "~/components/field";
import { WebLink } from "~/components/web-link";
import { decideApplication, getApplicationForReview, recordVerification } from "~/membership/applications.server";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { failureOf, parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDate, formatDateTime } from "~/platform/time";
import { reviewActionSchema } from "~/membership/schemas/review";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.application.name ?? "Application"} · Applications · Council` }];

const idOf = (params: { id?: string }) => z.coerce.number().int().positive().catch(0).parse(params.id);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "review_applications");
  return load(() => getApplicationForReview(getDb(), actor, idOf(params)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "review_applications");
  const formData = await readFormData(request);
  const parsed = parseForm(reviewActionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const id = idOf(params);
  return runAction(formData, async () => {
    const input = parsed.data;
    if (input.intent === "verify") await recordVerification(getDb(), actor, id, input);
    else await decideApplication(getDb(), actor, id, input.decision);
    return redirect(`/review/${id}`);
  });
}

const OUTCOME = { eligible: "Eligible", ineligible: "Not eligible", needs_review: "Needs verification of the role" } as const;

export default function ReviewApplication() {
  const { application: a, verdict, facts, required, mayDecide, overdue, decisionReasons, formerMemberships } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const pending = a.status === "pending";
  return (
    <>
      <p><Link to="/review">← All open applications</Link></p>
      <h1>{a.name}</h1>
      <dl className="card">
        <dt>Reference</dt><dd>{a.reference} · applied {formatDate(a.created_at)}</dd>
        <dt>Email</dt><dd>{a.email}</dd>
        <dt>Title and company</dt><dd>{a.title}, {a.company}</dd>
        <dt>Role level</dt><dd>{ROLE_LEVEL_LABELS[a.role_level]} · {MEMBER_TYPE_LABELS[a.member_type]}</dd>
        <dt>Social responsibility</dt><dd>{a.social_responsibility ? `Yes: ${a.social_responsibility_note}` : "No"}</dd>
        {a.profile_url ? <><dt>Profile</dt><dd><WebLink href={a.profile_url} nofollow /></dd></> : null}
        {a.referred_by ? <><dt>Referred by</dt><dd>{a.referred_by}</dd></> : null}
        {formerMemberships.length ? (
          <><dt>Former member</dt><dd><span className="badge">Former member</span> This address belonged to a member who resigned
            {formerMemberships.map((f) => ` (member since ${formatDate(f.joined_at)}, resigned ${formatDate(f.resigned_at!)})`).join(",")}. The policy decides as for anyone.</dd></>
        ) : null}
        <dt>Decision due</dt><dd>{formatDate(a.due_at)} {overdue ? <span className="status overdue">Overdue</span> : null}</dd>
      </dl>
      <FormError message={failure?.formError} />

      {pending ? (
        <>
          <section aria-labelledby="verdict">
            <h2 id="verdict">Policy v{verdict.policyVersion} says: {OUTCOME[verdict.outcome]}</h2>
            <ReasonList reasons={verdict.reasons} />
          </section>
          {!mayDecide ? (
            <p className="warning">You cannot review this application: it is your own, or you referred this applicant. Another reviewer will decide it.</p>
          ) : (
            <>
              {verdict.outcome !== "ineligible" ? (
                <section aria-labelledby="facts">
                  <h2 id="facts">Verified facts</h2>
                  {a.verified_at ? <p className="meta">Recorded by {a.verified_by_name ?? "a reviewer"} on {formatDateTime(a.verified_at)}. You may correct them before deciding.</p> : null}
                  <Form method="post" className="card" noValidate>
                    <input type="hidden" name="intent" value="verify" />
                    <CheckboxField name="titleVerified" label={`The title “${a.title}” at ${a.company} is real`} defaultChecked={facts.titleVerified === true} />
                    <CheckboxField name="domainVerified" label={`The email address belongs to ${a.company}`} defaultChecked={facts.domainVerified === true}
                      hint={verdict.outcome === "needs_review" ? "A free webmail address cannot match; the policy asks you to verify the role instead." : undefined} />
                    <TextAreaField name="note" label="What you checked" hint="Required when a fact could not be verified. Leave a box unchecked if you could not verify it: the policy then rejects."
                      defaultValue={failure?.values.note ?? a.verification_note ?? ""} error={failure?.fieldErrors.note} rows={2} />
                    <button type="submit" className="secondary">Record verified facts</button>
                  </Form>
                </section>
              ) : null}
              <section aria-labelledby="decision">
                <h2 id="decision">Decision</h2>
                <p>{required.why}</p>
                {required.decision ? (
                  <Form method="post" className="card">
                    <input type="hidden" name="intent" value="decide" />
                    <input type="hidden" name="decision" value={required.decision} />
                    <ReasonList reasons={required.reasons.filter((r) => r.rule.startsWith("verified_"))} />
                    <button type="submit" className={required.decision === "reject" ? "danger" : undefined}>
                      {required.decision === "approve" ? "Approve and send the invitation" : "Reject and email the reasons"}
                    </button>
                    <p className="meta">This is the only decision policy v{verdict.policyVersion} allows. To change the outcome, change the policy.</p>
                  </Form>
                ) : null}
              </section>
            </>
          )}
        </>
      ) : (
        <section aria-labelledby="decided">
          <h2 id="decided">{a.status === "approved" ? "Approved" : a.status === "rejected" ? "Rejected" : a.status} under policy v{a.policy_version}</h2>
          <p className="meta">By {a.decided_by_name ?? "a reviewer"}{a.decided_at ? ` on ${formatDateTime(a.decided_at)}` : ""}.</p>
          <ReasonList reasons={decisionReasons} />
        </section>
      )}
    </>
  );
}
