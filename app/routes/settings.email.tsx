import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { getDb } from "~/platform/db.server";
import { getEmailSettings, setDigestFrequency } from "~/governance/digest.server";
import { setNotificationPreferences } from "~/forum/email-notifications.server";
import { CHOICE_LABELS, KIND_LABELS, NOTIFY_CHOICES, NOTIFY_KINDS } from "~/forum/notification-rules";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { requireMember } from "~/accounts/session.server";
import { formatDate } from "~/platform/time";
import { emailPreferencesSchema } from "~/governance/schemas/digest";
import { notificationPreferencesSchema } from "~/forum/schemas/email-notifications";

export const meta: MetaFunction = () => [{ title: "Email settings · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return { ...(await getEmailSettings(getDb(), actor.id)), timeZones: Intl.supportedValuesOf("timeZone") };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "notifications") {
    const parsed = parseForm(notificationPreferencesSchema, formData);
    if (!parsed.ok) return data({ ...parsed, intent: "notifications" as const }, { status: 400 });
    return runAction(formData, async () => {
      await setNotificationPreferences(getDb(), actor, parsed.data);
      return { ok: true as const, notificationsSaved: true };
    });
  }
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
  const failure = failureOf(result);
  const notificationsFailure = failure && failure.values.intent === "notifications" ? failure : undefined;
  const digestFailure = failure && !notificationsFailure ? failure : undefined;
  const n = prefs.notifications;
  // After a refused save, the form shows what was submitted.
  const value = (name: string, saved: string | null) => notificationsFailure?.values[name] ?? saved ?? "";
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Email settings</h1>
      {result && "saved" in result ? <p className="notice" role="status">Saved. You will get the digest: {result.saved}.</p> : null}
      {result && "notificationsSaved" in result ? <p className="notice" role="status">Saved your notification emails.</p> : null}
      {prefs.unsubscribedAt && prefs.digestFrequency === "never" ? <p className="muted">You unsubscribed on {formatDate(prefs.unsubscribedAt)}.</p> : null}
      {prefs.unreachedKinds.length > 0 ? (
        <p className="warning" role="status">
          Your digest is off, so {prefs.unreachedKinds.map((kind) => KIND_LABELS[kind].toLowerCase()).join(", ")} set to
          “{CHOICE_LABELS.digest}” will not reach you by email. Choose a weekly or monthly digest, or “{CHOICE_LABELS.immediate}” below.
        </p>
      ) : null}
      <h2>The digest</h2>
      <Form method="post" className="card">
        <FormError message={digestFailure?.fieldErrors.digestFrequency ?? digestFailure?.formError} />
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

      <h2 id="notifications">Notification emails</h2>
      <p className="muted">
        Sent only when you have not already read it on the site within a few minutes; several at once come as one email, and
        never more than a few an hour. You can reply to most of them by email.
      </p>
      <Form method="post" className="card" aria-labelledby="notifications">
        <input type="hidden" name="intent" value="notifications" />
        <FormError message={notificationsFailure?.formError} />
        {NOTIFY_KINDS.map((kind) => (
          <fieldset key={kind} className="field">
            <legend>{KIND_LABELS[kind]}</legend>
            {NOTIFY_CHOICES.map((choice) => (
              <label key={choice} className="choice">
                <input type="radio" name={kind} value={choice} defaultChecked={value(kind, n.choices[kind]) === choice} /> {CHOICE_LABELS[choice]}
              </label>
            ))}
            {notificationsFailure?.fieldErrors[kind] ? <span className="error" role="alert">{notificationsFailure.fieldErrors[kind]}</span> : null}
          </fieldset>
        ))}
        <fieldset className="field">
          <legend>Quiet hours (nothing is sent; it waits until they end)</legend>
          <Field name="quietStart" label="From" type="time" defaultValue={value("quietStart", n.quietStart)} error={notificationsFailure?.fieldErrors.quietStart} />
          <Field name="quietEnd" label="Until" type="time" defaultValue={value("quietEnd", n.quietEnd)} error={notificationsFailure?.fieldErrors.quietEnd} />
          <div className="field">
            <label htmlFor="field-timeZone">Your time zone</label>
            <select id="field-timeZone" name="timeZone" defaultValue={value("timeZone", n.timeZone)}
              aria-invalid={notificationsFailure?.fieldErrors.timeZone ? true : undefined} aria-describedby={notificationsFailure?.fieldErrors.timeZone ? "field-timeZone-error" : undefined}>
              {[...new Set(["UTC", ...prefs.timeZones])].map((zone) => <option key={zone} value={zone}>{zone}</option>)}
            </select>
            {notificationsFailure?.fieldErrors.timeZone ? <span id="field-timeZone-error" className="error" role="alert">{notificationsFailure.fieldErrors.timeZone}</span> : null}
          </div>
        </fieldset>
        <p><button type="submit">Save notification emails</button></p>
      </Form>
    </section>
  );
}
