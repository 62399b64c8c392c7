// Reply by email. A notification's Reply-To is reply+<token>@REPLY_DOMAIN, signed for one member and
// one thread or conversation (email-notifications.server.ts). Mail to it arrives through the SMTP
// listener (scripts/lib/inbound-smtp.ts, INBOUND_SMTP_PORT) or `npm run inbound-mail` (a pipe from the
// mail server), and ends here: parsed by mailparser, the quoted history and signature stripped, then
// posted as that member through the SAME functions as the web — replyToThread and sendMessage, with
// their permissions, revocation, rate limits and pitch check. A held reply is held and its author is
// emailed why. Bounces and auto-replies are ignored; unknown or forged tokens, a From that is not the
// member's address, and anything the web would refuse are refused (the listener answers 550, the pipe
// exits non-zero, so the sender's mail server writes the bounce). Each Message-ID is handled once.
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { can } from "../accounts/permissions";
import { loadActor } from "../accounts/session.server";
import { sendMessage } from "../moderation/messages.server";
import type { Db } from "../platform/db.server";
import { stripQuotedReply } from "../platform/email-reply-text";
import { DomainError, Refused } from "../platform/errors";
import { absoluteUrl, kickDelivery, queueEmail } from "../platform/mail.server";
import { nowIso } from "../platform/time";
import { readReplyAddress } from "./email-notifications.server";
import { replyToThread } from "./posts.server";
import { postPath } from "./threads.server";

export type InboundOutcome = "posted" | "held" | "refused" | "ignored" | "duplicate";
/** Why, in a sentence the sender's mail server can put in a bounce; `code` for the pipe's exit status. */
export type InboundResult = { outcome: InboundOutcome; reason: string; code: "ok" | "no_such_address" | "not_permitted" | "unreadable"; path?: string };

const ok = (outcome: InboundOutcome, reason: string, path?: string): InboundResult => ({ outcome, reason, code: "ok", ...(path ? { path } : {}) });
const refused = (reason: string, code: InboundResult["code"] = "not_permitted"): InboundResult => ({ outcome: "refused", reason, code });

/** Automatic mail that must never be posted: bounces (delivery reports) and auto-replies (RFC 3834). */
export function automaticMailReason(mail: ParsedMail): string | null {
  const header = (name: string) => String(mail.headers.get(name) ?? "").toLowerCase();
  const auto = header("auto-submitted");
  if (auto && auto !== "no") return `Auto-Submitted: ${auto}`;
  if (/^(bulk|junk|list|auto_reply)$/.test(header("precedence"))) return `Precedence: ${header("precedence")}`;
  if (mail.headers.has("x-autoreply") || mail.headers.has("x-autorespond")) return "an auto-reply header";
  const contentType = mail.headers.get("content-type") as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value === "multipart/report") return "a delivery report (bounce)";
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? "";
  if (!from || /^(mailer-daemon|postmaster)@/.test(from)) return "a bounce from a mail server";
  return null;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);

/**
 * Handles one inbound message. `recipients` are the SMTP envelope's RCPT TO addresses when known (the
 * listener, or the pipe's --recipient); otherwise To, Cc and Delivered-To are read.
 */
export async function receiveInboundEmail(db: Db, raw: Buffer | string, o: { recipients?: string[]; now?: Date } = {}): Promise<InboundResult> {
  const now = o.now ?? new Date();
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw);
  } catch {
    return refused("The message could not be read as an email.", "unreadable");
  }
  const messageId = mail.messageId ?? `<sha256-${createHash("sha256").update(raw).digest("hex")}>`;
  const claim = await db.insertInto("inbound_emails").values({ message_id: messageId, person_id: null, outcome: "processing", detail: null, received_at: nowIso(now) })
    .onConflict((oc) => oc.column("message_id").doNothing()).returning("id").executeTakeFirst();
  if (!claim) return ok("duplicate", `Already handled (${messageId}); nothing posted twice.`);

  const result = await handle(db, mail, o.recipients, now);
  await db.updateTable("inbound_emails").set({ outcome: result.outcome === "duplicate" ? "ignored" : result.outcome, detail: result.reason, person_id: result.personId ?? null })
    .where("id", "=", claim.id).execute();
  kickDelivery(db); // a held reply's explanation, a message's notification
  const { personId: _personId, ...answer } = result;
  return answer;
}

async function handle(db: Db, mail: ParsedMail, recipients: string[] | undefined, now: Date): Promise<InboundResult & { personId?: number }> {
  const automatic = automaticMailReason(mail);
  if (automatic) return ok("ignored", `Not posted: ${automatic}.`);
  const candidates = recipients?.length ? recipients : [...addressesOf(mail.to), ...addressesOf(mail.cc), String(mail.headers.get("delivered-to") ?? "")];
  const target = candidates.map((a) => readReplyAddress(a)).find((t) => t !== null);
  if (!target) return refused("This reply address is not valid: it may have been changed or copied incompletely. Reply from the council's website instead.", "no_such_address");

  const actor = await loadActor(db, target.personId);
  const from = mail.from?.value[0]?.address?.toLowerCase();
  if (!actor || from !== actor.email.toLowerCase()) {
    return { ...refused("This reply address belongs to another member's email address; send your reply from the address the council writes to.", "no_such_address"), personId: actor?.id };
  }
  if (!can(actor, "reply_by_email")) return { ...refused("Your membership is not active, so the council cannot post this reply."), personId: actor.id };

  const body = stripQuotedReply(mail.text ?? "");
  if (!body) return { ...refused("The reply had no text above the quoted message, so nothing was posted."), personId: actor.id };

  try {
    if ("threadId" in target) {
      const written = await replyToThread(db, actor, { threadId: target.threadId, body });
      const path = postPath(written.threadId, written.number);
      if (written.held) {
        await emailHeldReply(db, actor, written.postId);
        return { ...ok("held", "Your reply is held for review: it read like a sales pitch. You have been emailed the reasons.", path), personId: actor.id };
      }
      return { ...ok("posted", "Posted.", path), personId: actor.id };
    }
    await sendMessage(db, actor, { conversationId: target.conversationId, body }, now);
    return { ...ok("posted", "Sent.", `/messages/${target.conversationId}`), personId: actor.id };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error instanceof Refused && error.reasons?.length) await emailRefusal(db, actor, error);
    return { ...refused(error.message), personId: actor.id };
  }
}

/** The author of a reply held for review learns why, by email (they may not be looking at the site). */
async function emailHeldReply(db: Db, actor: { name: string; email: string }, postId: number) {
  const post = await db.selectFrom("posts").select(["hold_reasons", "id"]).where("id", "=", postId).executeTakeFirstOrThrow();
  const reasons: { label: string; excerpt: string }[] = post.hold_reasons ? JSON.parse(post.hold_reasons) : [];
  await queueEmail(db, {
    to: actor.email, kind: "reply_by_email_held", subject: "Your emailed reply is held for review",
    headers: { "Auto-Submitted": "auto-replied" },
    text: [
      `Hello ${actor.name},`, "",
      "The reply you sent by email reads like a sales pitch, so it is held: a moderator will review it, and no one else sees it until then.", "",
      "Why:", ...reasons.map((r) => `- ${r.label}${r.excerpt ? `: “${r.excerpt}”` : ""}`), "",
      `Nothing you wrote is lost. You can edit it here: ${absoluteUrl(`/posts/${post.id}/edit`)}`,
    ].join("\n"),
  });
}

/** A message refused by the pitch check: the author is emailed why (the web shows it on the form). */
async function emailRefusal(db: Db, actor: { name: string; email: string }, error: Refused) {
  await queueEmail(db, {
    to: actor.email, kind: "reply_by_email_refused", subject: "Your emailed message was not sent",
    headers: { "Auto-Submitted": "auto-replied" },
    text: [`Hello ${actor.name},`, "", error.message, "", "Why:", ...(error.reasons ?? []).map((r) => `- ${r.label}${r.excerpt ? `: “${r.excerpt}”` : ""}`)].join("\n"),
  });
}
