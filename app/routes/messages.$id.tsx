import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { TextAreaField } from "~/components/choice";
import { FormError } from "~/components/field";
import { RefusalReasons } from "~/components/refusal-reasons";
import { getDb } from "~/platform/db.server";
import { NotFound } from "~/platform/errors";
import { parseForm } from "~/platform/forms";
import { load, runAction, readFormData } from "~/platform/http.server";
import { getConversation, sendMessage, setBlockInConversation } from "~/moderation/messages.server";
import { requirePermission } from "~/accounts/session.server";
import { formatDateTime } from "~/platform/time";
import { blockSchema, replySchema } from "~/moderation/schemas/messages";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.other.name ?? "Conversation"} · Messages · Council` }];

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });
const conversationId = (params: unknown) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new NotFound("There is no conversation at this address.");
  return parsed.data.id;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "send_message");
  return load(() => getConversation(getDb(), actor, conversationId(params)));
}

// intent "reply" sends; "block" asks to confirm, then blocks; "unblock" lifts the block.
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "send_message");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  return runAction(formData, async () => {
    const id = conversationId(params);
    if (intent === "block" || intent === "unblock") {
      const { step } = blockSchema.parse({ step: formData.get("step") });
      if (intent === "block" && step !== "confirm") return data({ ok: true as const, confirmBlock: true });
      await setBlockInConversation(getDb(), actor, id, intent === "block");
      return redirect(`/messages/${id}?${intent}ed=1`);
    }
    const parsed = parseForm(replySchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    await sendMessage(getDb(), actor, { conversationId: id, body: parsed.data.body });
    return redirect(`/messages/${id}#latest`);
  });
}

export default function Conversation() {
  const { other, messages, reply, blockedByMe, firstMessageChecked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failure = result && !result.ok ? result : undefined;
  const confirmBlock = result && result.ok && "confirmBlock" in result;
  return (
    <>
      <p><Link to="/messages">← Messages</Link></p>
      <h1>{other.name}</h1>
      <p className="meta">{other.title}, {other.company}</p>
      {params.get("unblocked") ? <p className="notice" role="status">You unblocked {other.name}.</p> : null}

      <ol className="stack" aria-label="Messages" style={{ listStyle: "none", padding: 0 }}>
        {messages.map((m, i) => (
          <li key={m.id} id={i === messages.length - 1 ? "latest" : undefined} className="post">
            <header><strong>{m.sender_name}</strong> <span className="meta">{formatDateTime(m.created_at)}</span></header>
            <p style={{ whiteSpace: "pre-wrap" }}>{m.body}</p>
          </li>
        ))}
      </ol>

      {reply.allowed ? (
        <Form method="post" className="stack" noValidate>
          <FormError message={failure?.formError} />
          <RefusalReasons reasons={failure?.reasons} />
          <TextAreaField
            name="body" label={`Reply to ${other.name}`} rows={4} error={failure?.fieldErrors.body} defaultValue={failure?.values.body ?? ""}
            hint={firstMessageChecked ? "Your first message to someone is checked for sales pitches." : undefined}
          />
          <button type="submit" name="intent" value="reply">Send reply</button>
        </Form>
      ) : (
        <p className="warning" role="status">{reply.message}</p>
      )}

      <section className="card" aria-labelledby="block-title">
        <h2 id="block-title">{blockedByMe ? "Blocked" : "Block"}</h2>
        {blockedByMe ? (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="unblock" className="secondary">Unblock {other.name}</button>
          </Form>
        ) : confirmBlock ? (
          <>
            <p>Block {other.name}? Neither of you will be able to write to the other until you unblock them. They are not told that you blocked them, only that you are not accepting messages.</p>
            <Form method="post" className="inline-form">
              <input type="hidden" name="step" value="confirm" />
              <button type="submit" name="intent" value="block">Yes, block {other.name}</button>
            </Form>
            <p><Link to=".">Cancel</Link></p>
          </>
        ) : (
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="block" className="secondary">Block {other.name}…</button>
          </Form>
        )}
      </section>
    </>
  );
}
