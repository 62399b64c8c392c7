// Email: every message is first written to the outbox table, in the same transaction as the
// decision it reports, so nothing is lost. With SMTP_URL set, a delivery pass sends queued messages
// through nodemailer and retries failures with back-off; without it, messages stay in the outbox
// ("stored"), where founders can read them in the app.
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "./db.server";
import { getEnv } from "./env.server";
import { addMinutes, nowIso } from "./time";

export type Email = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string>; kind: string };

export const MAX_DELIVERY_ATTEMPTS = 5;

/** Records a message for delivery. Call inside the transaction that makes the decision. */
export async function queueEmail(db: Db, email: Email, options: { smtp?: boolean } = {}): Promise<number> {
  const smtp = options.smtp ?? !!getEnv().smtpUrl;
  const row = await db.insertInto("outbox").values({
    to_address: email.to,
    subject: email.subject,
    text_body: email.text,
    html_body: email.html ?? null,
    headers: email.headers ? JSON.stringify(email.headers) : null,
    kind: email.kind,
    status: smtp ? "queued" : "stored",
    next_attempt_at: smtp ? nowIso() : null,
    created_at: nowIso(),
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

let transport: Transporter | undefined;
export function smtpTransport(url = getEnv().smtpUrl): Transporter | undefined {
  if (!url) return undefined;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/** Sends queued messages that are due. Failures are retried with back-off, then marked failed (visible). */
export async function deliverQueuedEmail(db: Db, via: Transporter | undefined = smtpTransport(), now = new Date()) {
  if (!via) return { sent: 0, failed: 0 };
  const due = await db.selectFrom("outbox").selectAll()
    .where("status", "=", "queued").where("next_attempt_at", "<=", nowIso(now))
    .orderBy("id").limit(100).execute();
  let sent = 0;
  let failed = 0;
  for (const m of due) {
    try {
      await via.sendMail({ from: getEnv().mailFrom, to: m.to_address, subject: m.subject, text: m.text_body, html: m.html_body ?? undefined, ...sendOptions(m.headers) });
      await db.updateTable("outbox").set({ status: "sent", sent_at: nowIso(), attempts: m.attempts + 1, last_error: null }).where("id", "=", m.id).execute();
      sent++;
    } catch (error) {
      const attempts = m.attempts + 1;
      const giveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      await db.updateTable("outbox").set({
        attempts,
        last_error: error instanceof Error ? error.message : String(error),
        status: giveUp ? "failed" : "queued",
        next_attempt_at: giveUp ? null : addMinutes(now, 2 ** attempts).toISOString(),
      }).where("id", "=", m.id).execute();
      failed++;
    }
  }
  return { sent, failed };
}

/**
 * Starts a delivery pass after a decision has committed, without making the person wait for SMTP.
 * Failures stay in the outbox (retried, then marked failed); `npm run jobs` delivers too.
 */
export function kickDelivery(db: Db): void {
  if (!getEnv().smtpUrl) return;
  deliverQueuedEmail(db).catch((error) => console.error("Email delivery pass failed; queued messages will be retried:", error));
}

/**
 * nodemailer sets Message-ID, In-Reply-To, References and Reply-To from its own options (a custom
 * header of the same name would be replaced), so those stored headers become options; the rest stay headers.
 */
function sendOptions(stored: string | null) {
  const headers: Record<string, string> = stored ? JSON.parse(stored) : {};
  const { "Message-ID": messageId, "In-Reply-To": inReplyTo, References: references, "Reply-To": replyTo, ...rest } = headers;
  return { messageId, inReplyTo, references, replyTo, headers: Object.keys(rest).length ? rest : undefined };
}

/** The host part of Council's own Message-IDs and List-Id, from PUBLIC_URL. */
export const mailHost = () => new URL(getEnv().publicUrl).hostname;

/**
 * Headers for automatic mail (digest, notifications): List-Id (mail apps file and filter by it),
 * Auto-Submitted (RFC 3834: vacation responders must not answer), RFC 8058 one-click unsubscribe,
 * and, for a thread or conversation, a fixed References root so a mail app groups its emails.
 */
export function automaticMailHeaders(o: { list: string; unsubscribeUrl: string; threadRef?: string; messageKey: string }): Record<string, string> {
  const host = mailHost();
  const headers: Record<string, string> = {
    "List-Id": `Council ${o.list} <${o.list}.${host}>`,
    "Auto-Submitted": "auto-generated",
    "List-Unsubscribe": `<${o.unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "Message-ID": `<${o.messageKey}@${host}>`,
  };
  if (o.threadRef) {
    headers["In-Reply-To"] = `<${o.threadRef}@${host}>`;
    headers.References = `<${o.threadRef}@${host}>`;
  }
  return headers;
}

/** An absolute link for an email, from PUBLIC_URL. */
export const absoluteUrl = (path: string) => `${getEnv().publicUrl}${path}`;

/** The newest messages first, for the founders' outbox page. */
export async function listOutbox(db: Db, limit = 200) {
  return db.selectFrom("outbox")
    .select(["id", "to_address", "subject", "text_body", "kind", "status", "attempts", "last_error", "created_at", "sent_at", "next_attempt_at"])
    .orderBy("id", "desc").limit(limit).execute();
}
