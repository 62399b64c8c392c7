import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { getEmailPreferences, setDigestFrequency } from "~/governance/digest.server";
import { parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { requireMember } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { emailPreferencesSchema } from "~/governance/schemas/digest";

export const meta: MetaFunction = () => [{ title: "Email settings · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return getEmailPreferences(getDb(), actor.id);
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readFormData(request);
  const parsed = parseForm(emailPreferencesSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => {
    await setDigestFrequency(getDb(), actor.id, parsed.data.digestFrequency);
    return { ok: true as const, saved: parsed.data.digestFrequency };
  });
}

const CHOICES = [
  ["weekly", "Weekly", "Every Monday: top new threads and replies to your threads."],
  ["monthly", "Monthly", "Once a month, the same summary."],
  ["never", "Never", "No digest. You can come back any time."],
] as const;

export default function EmailSettings() {
  const prefs = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "ok" in result && !result.ok ? result : undefined;
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Email settings</h1>
      {result && "saved" in result ? <p className="notice" role="status">Saved. You will get the digest: {result.saved}.</p> : null}
      {prefs.unsubscribedAt && prefs.digestFrequency === "never" ? <p className="muted">You unsubscribed on {formatDate(prefs.unsubscribedAt)}.</p> : null}
      <Form method="post" className="card">
        <FormError message={failure?.fieldErrors.digestFrequency ?? failure?.formError} />
        <fieldset>
          <legend>How often would you like the council digest?</legend>
          {CHOICES.map(([value, label, hint]) => (
            <label key={value} className="choice">
              <input type="radio" name="digestFrequency" value={value} defaultChecked={prefs.digestFrequency === value} />
              <span><strong>{label}</strong> — {hint}</span>
            </label>
          ))}
        </fieldset>
        <p><button type="submit">Save</button></p>
      </Form>
      {prefs.lastDigestAt ? <p className="muted">Your last digest was sent on {formatDate(prefs.lastDigestAt)}.</p> : null}
    </section>
  );
}
