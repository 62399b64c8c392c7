import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { RadioGroup, SelectField, TextAreaField } from "~/components/choice";
import { FormError } from "~/components/field";
import { RefusalReasons } from "~/components/refusal-reasons";
import { CONSULTANT_CONTACT_LABELS } from "~/moderation/contact-rules";
import { getDb } from "~/platform/db.server";
import { MEMBER_TYPE_LABELS } from "~/forum/framework";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { getMessagesHome, setConsultantContact, startConversation } from "~/moderation/messages.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { contactSettingSchema, newMessageSchema } from "~/moderation/schemas/messages";

export const meta: MetaFunction = () => [{ title: "Messages · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "send_message");
  return load(async () => ({ ...(await getMessagesHome(getDb(), actor)), memberType: actor.memberType }));
}

// Two forms post here: intent "contact" saves the setting; anything else starts a conversation.
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "send_message");
  const formData = await readFormData(request);
  if (formData.get("intent") === "contact") {
    const parsed = parseForm(contactSettingSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    return runAction(formData, async () => {
      await setConsultantContact(getDb(), actor, parsed.data.consultantContact);
      return redirect("/messages?saved=contact");
    });
  }
  const parsed = parseForm(newMessageSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  return runAction(formData, async () => redirect(`/messages/${await startConversation(getDb(), actor, parsed.data)}`));
}

export default function Messages() {
  const { conversations, contactable, consultantContact, newConversations, memberType } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failure = result && !result.ok ? result : undefined;
  const contactFailure = failure?.values.intent === "contact" ? failure : undefined;
  const messageFailure = failure && !contactFailure ? failure : undefined;
  return (
    <>
      <h1>Messages</h1>
      {params.get("saved") === "contact" ? <p className="notice" role="status">Your contact setting is saved.</p> : null}

      <section aria-labelledby="conversations-title">
        <h2 id="conversations-title">Conversations</h2>
        {conversations.length === 0 ? <p>No conversations yet.</p> : (
          <ul className="thread-list">
            {conversations.map((c) => (
              <li key={c.id}>
                <Link to={`/messages/${c.id}`}>{c.other_name}</Link>{" "}
                <span className="meta">{c.other_title}, {c.other_company} · {formatDateTime(c.last_message_at)}</span>
                {c.unread > 0 ? <span className="badge">{c.unread} new</span> : null}
                {c.other_status !== "active" ? <span className="status">no longer a member</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="new-title">
        <h2 id="new-title">New message</h2>
        <p className="muted">
          {memberType === "consultant"
            ? "You can write to other consultants, and to executives who have written to you or who accept messages from consultants. Your first message to someone is checked for sales pitches."
            : "You can write to any member, unless one of you has blocked the other."}{" "}
          {newConversations.left > 0
            ? `You can start ${newConversations.left} more ${newConversations.left === 1 ? "conversation" : "conversations"} today (limit ${newConversations.limit} a day).`
            : `You have started ${newConversations.limit} conversations today${newConversations.retryAt ? `; you can start another after ${formatDateTime(newConversations.retryAt)}` : ""}.`}
        </p>
        <Form method="post" className="stack" noValidate>
          <FormError message={messageFailure?.formError} />
          <RefusalReasons reasons={messageFailure?.reasons} />
          <SelectField
            name="recipientId" label="To" error={messageFailure?.fieldErrors.recipientId}
            defaultValue={messageFailure?.values.recipientId ?? params.get("to") ?? ""}
            options={contactable.map((p) => ({ value: String(p.id), label: `${p.name} — ${p.title}, ${p.company} (${MEMBER_TYPE_LABELS[p.memberType]})` }))}
          />
          <TextAreaField name="body" label="Message" rows={5} error={messageFailure?.fieldErrors.body} defaultValue={messageFailure?.values.body ?? ""} />
          <button type="submit" name="intent" value="start">Send message</button>
        </Form>
      </section>

      {memberType === "executive" ? (
        <section className="card" aria-labelledby="contact-title">
          <h2 id="contact-title">Who may contact you</h2>
          <p className="muted">Executives choose when to engage consultants. A consultant you have written to can always reply, whatever this setting says.</p>
          <Form method="post" className="stack">
            <FormError message={contactFailure?.formError} />
            <RadioGroup
              name="consultantContact" legend="Consultants may contact me" error={contactFailure?.fieldErrors.consultantContact}
              defaultValue={contactFailure?.values.consultantContact ?? consultantContact}
              options={Object.entries(CONSULTANT_CONTACT_LABELS).map(([value, label]) => ({ value, label }))}
            />
            <button type="submit" name="intent" value="contact" className="secondary">Save contact setting</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
