import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getAppealContext, submitAppeal } from "~/membership/appeals.server";
import { getDb } from "~/platform/db.server";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { formatDate } from "~/platform/time";
import { appealSchema } from "~/membership/schemas/revoke";

export const meta: MetaFunction = () => [{ title: "Appeal · Council" }, { name: "robots", content: "noindex" }];

// Public: a revoked person cannot sign in; the signed link is the proof of who they are.
export async function loader({ params }: LoaderFunctionArgs) {
  return load(() => getAppealContext(getDb(), params.token ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const parsed = parseForm(appealSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await submitAppeal(getDb(), params.token ?? "", parsed.data.statement);
    return redirect(`/appeal/${params.token}`);
  });
}

export default function Appeal() {
  const c = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>Appeal the end of your membership</h1>
      <p>{c.name}, your membership ended on {formatDate(c.revocation.at)}.</p>
      <p><strong>Rule:</strong> {c.revocation.ruleLabel}{c.revocation.policy_version ? ` (eligibility policy v${c.revocation.policy_version})` : ""}<br />
        <strong>Reason:</strong> {c.revocation.reason}</p>
      {c.appeal ? (
        <p className="notice" role="status">
          {c.appeal.status === "open" ? `Your appeal of ${formatDate(c.appeal.created_at)} is with the founders; they will answer by email.`
            : `Your appeal was ${c.appeal.status === "upheld" ? "upheld: your membership is active again, sign in with your old password" : "not upheld"}. Their reason: ${c.appeal.decision_reason}`}
        </p>
      ) : !c.stillRevoked ? (
        <p className="notice">Your membership is active again; there is nothing to appeal.</p>
      ) : (
        <Form method="post" className="card stack" noValidate>
          <FormError message={failure?.formError} />
          <p>The founders read every appeal. They can reinstate a membership only when the current eligibility policy admits you; there are no individual exceptions.</p>
          <div className="field">
            <label htmlFor="field-statement">Why should the decision change?</label>
            <textarea id="field-statement" name="statement" rows={6} defaultValue={failure?.values.statement ?? ""} aria-invalid={failure?.fieldErrors.statement ? true : undefined} />
            {failure?.fieldErrors.statement ? <span className="error" role="alert">{failure.fieldErrors.statement}</span> : null}
          </div>
          <button type="submit">Send my appeal</button>
        </Form>
      )}
    </section>
  );
}
