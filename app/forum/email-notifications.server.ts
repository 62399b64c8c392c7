// Email notifications: a member's choices per kind and quiet hours, and the pass (run every minute by
// the server, and by `npm run jobs`) that turns pending notifications into emails. At send time every
// notification is checked again — read in the app, still visible to the member (held, removed and
// chapter-only posts are not), not from someone blocked — and the pure rules in notification-rules.ts
// decide what goes now, what waits and what is dropped. Emails go through the outbox like every email.
import type { NotifyKind } from "../../db/schema";
import type { Actor } from "../accounts/permissions";
import { can } from "../accounts/permissions";
import { loadActor } from "../accounts/session.server";
import { eitherBlocked } from "../moderation/messages.server";
import { recordAudit } from "../platform/audit.server";
import type { Db } from "../platform/db.server";
import { emailHtml, EMAIL_STYLES, escapeHtml, htmlLink, textToHtml } from "../platform/email-html";
import { getEnv } from "../platform/env.server";
import { Forbidden, Invalid } from "../platform/errors";
import { absoluteUrl, automaticMailHeaders, queueEmail, type Email } from "../platform/mail.server";
import { signIds, signIdsForAddress, verifyIds, verifyIdsForAddress } from "../platform/signed-token.server";
import { nowIso } from "../platform/time";
import { excerptText } from "./markdown.server";
import {
  DEFAULT_CHOICES, formatClock, isTimeZone, KIND_LABELS, NOTIFY_KINDS, planNotifications, unavailableReason, type NotifyChoices, type PendingItem,
  type QuietHours,
} from "./notification-rules";
import { visibleThreads } from "./threads.server";

/** How much of a post or message an email carries (the rest is a click away). */
const TEXT_IN_EMAIL = 2000;
/** The digest carries a shorter excerpt of each notification it lists. */
const TEXT_IN_DIGEST = 600;

// ---- preferences -----------------------------------------------------------------------------------

export type NotificationPreferences = { choices: NotifyChoices; quietStart: string | null; quietEnd: string | null; timeZone: string };

export async function getNotificationPreferences(db: Db, personId: number): Promise<NotificationPreferences> {
  const row = await db.selectFrom("notification_preferences").selectAll().where("person_id", "=", personId).executeTakeFirst();
  if (!row) return { choices: { ...DEFAULT_CHOICES }, quietStart: null, quietEnd: null, timeZone: "UTC" };
  return {
    choices: { messages: row.messages, replies: row.replies, mentions: row.mentions, moderation: row.moderation, votes: row.votes },
    quietStart: row.quiet_start == null ? null : formatClock(row.quiet_start),
    quietEnd: row.quiet_end == null ? null : formatClock(row.quiet_end),
    timeZone: row.time_zone,
  };
}

export type NotificationPreferencesInput = { choices: NotifyChoices; quietStart: number | null; quietEnd: number | null; timeZone: string };

/** A member sets their own choices (never anyone else's). Audited without the details. */
export async function setNotificationPreferences(db: Db, actor: Actor, input: NotificationPreferencesInput) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  if (!isTimeZone(input.timeZone)) throw new Invalid("Please correct the highlighted fields.", { timeZone: "Choose a time zone from the list, such as Europe/London." });
  if ((input.quietStart === null) !== (input.quietEnd === null)) {
    throw new Invalid("Please correct the highlighted fields.", { quietEnd: "Give both the start and the end of your quiet hours, or neither." });
  }
  const values = { ...input.choices, quiet_start: input.quietStart, quiet_end: input.quietEnd, time_zone: input.timeZone };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("notification_preferences").values({ person_id: actor.id, ...values })
      .onConflict((oc) => oc.column("person_id").doUpdateSet(values)).execute();
    await recordAudit(trx, { actorId: actor.id, action: "notification_preferences.changed", subjectType: "person", subjectId: actor.id, reason: "Email notification settings" });
  });
}

// ---- one-click unsubscribe per kind (RFC 8058), the digest's signed-token scheme --------------------

export const notificationUnsubscribeUrl = (personId: number, kind: NotifyKind) =>
  absoluteUrl(`/unsubscribe/${signIds("notify-unsubscribe", [personId, NOTIFY_KINDS.indexOf(kind) + 1])}`);

/** The person and kind a notification unsubscribe token is for, or null for any other token. */
export function readNotificationUnsubscribeToken(token: string): { personId: number; kind: NotifyKind } | null {
  const ids = verifyIds("notify-unsubscribe", token, 2);
  const kind = ids ? NOTIFY_KINDS[ids[1]! - 1] : undefined;
  return ids && kind ? { personId: ids[0]!, kind } : null;
}

/** Sets one kind to "never" for the token's person: the token is the only authority. Audited. */
export async function unsubscribeFromKind(db: Db, target: { personId: number; kind: NotifyKind }) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("notification_preferences").values({ person_id: target.personId, [target.kind]: "never" })
      .onConflict((oc) => oc.column("person_id").doUpdateSet({ [target.kind]: "never" })).execute();
    await recordAudit(trx, { actorId: target.personId, action: "notifications.unsubscribed", subjectType: "person", subjectId: target.personId, reason: `One-click unsubscribe: ${KIND_LABELS[target.kind]}` });
  });
}

// ---- reply-by-email addresses ---------------------------------------------------------------------

export type ReplyTarget = { threadId: number } | { conversationId: number };

/** reply+<token>@REPLY_DOMAIN, signed for one member and one thread or conversation; undefined when off. */
export function replyAddress(personId: number, target: ReplyTarget, domain = getEnv().replyDomain): string | undefined {
  if (!domain) return undefined;
  const token = "threadId" in target ? `t${signIdsForAddress("reply-thread", [personId, target.threadId])}` : `c${signIdsForAddress("reply-conversation", [personId, target.conversationId])}`;
  return `reply+${token}@${domain}`;
}

/** The member and target a reply address was signed for, or null when it is not one of ours or is forged. */
export function readReplyAddress(address: string, domain = getEnv().replyDomain): ({ personId: number } & ReplyTarget) | null {
  if (!domain) return null;
  const m = /^reply\+([tc])([0-9a-f.]+)@(.+)$/i.exec(address.trim());
  if (!m || m[3]!.toLowerCase() !== domain.toLowerCase()) return null;
  const ids = verifyIdsForAddress(m[1]!.toLowerCase() === "t" ? "reply-thread" : "reply-conversation", m[2]!, 2);
  if (!ids) return null;
  return m[1]!.toLowerCase() === "t" ? { personId: ids[0]!, threadId: ids[1]! } : { personId: ids[0]!, conversationId: ids[1]! };
}

// ---- the pass ------------------------------------------------------------------------------------

type Row = { id: number; kind: NotifyKind; title: string; body: string | null; path: string; due_at: string; created_at: string; post_id: number | null; message_id: number | null; thread_id: number | null; conversation_id: number | null; actor_id: number | null };
type Checked = PendingItem & { row: Row; text: string | null; actorName: string | null };

/** Re-checks one pending notification for its member now: read, visible, blocked; and the text to send. */
async function checkItem(db: Db, actor: Actor, row: Row): Promise<Checked> {
  const base = { id: row.id, kind: row.kind, dueAt: row.due_at, row, actorName: null as string | null };
  const blocked = row.actor_id != null && (await eitherBlocked(db, actor.id, row.actor_id));
  if (row.post_id != null) {
    const post = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id").innerJoin("people", "people.id", "posts.author_id")
      .select(["posts.number", "posts.status", "posts.body_markdown", "posts.thread_id", "people.name"])
      .where("posts.id", "=", row.post_id).where(visibleThreads(actor)).executeTakeFirst();
    const [read, seen] = await Promise.all([
      db.selectFrom("thread_reads").select("last_read_post_number").where("person_id", "=", actor.id).where("thread_id", "=", row.thread_id ?? -1).executeTakeFirst(),
      db.selectFrom("notifications").select("id").where("person_id", "=", actor.id).where("post_id", "=", row.post_id).where("read_at", "is not", null).executeTakeFirst(),
    ]);
    return {
      ...base, blocked, visible: post?.status === "published", read: !!seen || (!!post && (read?.last_read_post_number ?? 0) >= post.number),
      text: post ? post.body_markdown : null, actorName: post?.name ?? null,
    };
  }
  if (row.message_id != null) {
    const message = await db.selectFrom("messages").innerJoin("conversation_participants as me", (j) => j.onRef("me.conversation_id", "=", "messages.conversation_id").on("me.person_id", "=", actor.id))
      .innerJoin("people", "people.id", "messages.sender_id")
      .select(["messages.body", "messages.created_at", "me.last_read_at", "people.name"]).where("messages.id", "=", row.message_id).executeTakeFirst();
    return {
      ...base, blocked, visible: !!message, read: !!message?.last_read_at && message.last_read_at >= message.created_at,
      text: message?.body ?? null, actorName: message?.name ?? null,
    };
  }
  return { ...base, blocked, visible: true, read: false, text: row.body };
}

/**
 * A notification's text for an email: plain text from a post's Markdown or a message, cut to `max`;
 * a notice the council wrote (a decision and its reason) whole, since the member must read all of it.
 */
function itemText(item: Checked, max: number): string {
  if (item.text == null) return "";
  if (item.row.post_id != null) return excerptText(item.text, max);
  return item.row.message_id != null ? item.text.slice(0, max) : item.text;
}

/** One member's notifications of one kind as one email. */
export function renderNotificationEmail(person: { id: number; name: string; email: string }, kind: NotifyKind, items: Checked[], replyTo?: string): Email {
  const settings = absoluteUrl("/settings/email");
  const unsubscribe = notificationUnsubscribeUrl(person.id, kind);
  const subject = items.length === 1 ? items[0]!.row.title : `${items.length} new: ${items[0]!.row.title} and more`;
  const text: string[] = [];
  const html: string[] = [];
  for (const item of items) {
    const link = absoluteUrl(item.row.path);
    const body = itemText(item, TEXT_IN_EMAIL);
    text.push(item.row.title, "", ...(body ? [body, ""] : []), `Read it in the council: ${link}`, "");
    html.push(`<h2 style="${EMAIL_STYLES.heading}">${escapeHtml(item.row.title)}</h2>`,
      ...(body ? [`<div style="${EMAIL_STYLES.quote}">${textToHtml(body)}</div>`] : []),
      `<p style="margin:0 0 16px">${htmlLink(link, "Read it in the council")}</p>`);
  }
  if (replyTo) {
    text.push("Reply to this email to answer in the council (your reply is posted as you, under the same rules as on the site).", "");
    html.push(`<p style="${EMAIL_STYLES.muted}">Reply to this email to answer in the council (your reply is posted as you, under the same rules as on the site).</p>`);
  }
  const footer = `You get these for: ${KIND_LABELS[kind]}.`;
  text.push("--", footer, `Choose which emails you get: ${settings}`, `Unsubscribe from these: ${unsubscribe}`);
  const target = items[0]!.row;
  const threadRef = items.every((i) => i.row.thread_id === target.thread_id && i.row.conversation_id === target.conversation_id)
    ? target.thread_id != null ? `thread-${target.thread_id}.${person.id}` : target.conversation_id != null ? `conversation-${target.conversation_id}.${person.id}` : undefined
    : undefined;
  const headers = automaticMailHeaders({ list: "notifications", unsubscribeUrl: unsubscribe, threadRef, messageKey: `notify-${items.map((i) => i.id).join("-")}.${person.id}` });
  if (replyTo) headers["Reply-To"] = replyTo;
  return {
    to: person.email, subject, kind: `notify_${kind}`, text: text.join("\n"), headers,
    html: emailHtml({ title: subject, body: html.join("\n"), footer: `${escapeHtml(footer)}<br>${htmlLink(settings, "Choose which emails you get")} · ${htmlLink(unsubscribe, "Unsubscribe from these")}` }),
  };
}

/** The thread or conversation a batch can be answered in by email: all its items must share one. */
function replyTargetOf(items: Checked[]): ReplyTarget | undefined {
  const first = items[0]!.row;
  if (first.kind !== "messages" && first.kind !== "replies" && first.kind !== "mentions") return undefined;
  if (!items.every((i) => i.row.thread_id === first.thread_id && i.row.conversation_id === first.conversation_id)) return undefined;
  if (first.conversation_id != null) return { conversationId: first.conversation_id };
  if (first.thread_id != null) return { threadId: first.thread_id };
  return undefined;
}

// ---- "in the digest" -------------------------------------------------------------------------------

export type DigestNotification = { id: number; kind: NotifyKind; title: string; text: string; path: string };
export type DigestNotifications = { items: DigestNotification[]; drop: { id: number; reason: string }[] };

/**
 * A member's notifications for their digest: those the pass kept for it, and those still pending of a
 * kind they now get in the digest. Each is checked again now, like the pass does: read in the app,
 * no longer visible to them or from someone blocked → dropped when the digest is sent; the rest go in.
 */
export async function digestNotifications(db: Db, actor: Actor): Promise<DigestNotifications> {
  const { choices } = await getNotificationPreferences(db, actor.id);
  const digestKinds = NOTIFY_KINDS.filter((k) => choices[k] === "digest");
  const rows: Row[] = await db.selectFrom("email_notifications")
    .select(["id", "kind", "title", "body", "path", "due_at", "created_at", "post_id", "message_id", "thread_id", "conversation_id", "actor_id"])
    .where("person_id", "=", actor.id)
    .where((eb) => eb.or([eb("status", "=", "digest"), ...(digestKinds.length ? [eb.and([eb("status", "=", "pending"), eb("kind", "in", digestKinds)])] : [])]))
    .orderBy("id").execute();
  const result: DigestNotifications = { items: [], drop: [] };
  for (const item of await Promise.all(rows.map((r) => checkItem(db, actor, r)))) {
    const reason = unavailableReason(item);
    if (reason) result.drop.push({ id: item.id, reason });
    else result.items.push({ id: item.id, kind: item.kind, title: item.row.title, text: itemText(item, TEXT_IN_DIGEST), path: item.row.path });
  }
  return result;
}

/** In the digest's transaction: what went into it is marked sent with its outbox row, the rest dropped. */
export async function settleDigestNotifications(trx: Db, settled: DigestNotifications, outboxId: number, now = new Date()) {
  if (settled.items.length) {
    await trx.updateTable("email_notifications").set({ status: "sent", decided_at: nowIso(now), outbox_id: outboxId })
      .where("id", "in", settled.items.map((i) => i.id)).where("status", "in", ["pending", "digest"]).execute();
  }
  await drop(trx, settled.drop, now);
}

export type NotificationPass = { sent: number; dropped: number; waiting: number };

/** Every member with a pending notification that is due: decide, then email or drop. */
export async function sendDueNotifications(db: Db, now = new Date()): Promise<NotificationPass> {
  const people = await db.selectFrom("email_notifications").select("person_id").distinct()
    .where("status", "=", "pending").where("due_at", "<=", nowIso(now)).execute();
  const pass: NotificationPass = { sent: 0, dropped: 0, waiting: 0 };
  for (const { person_id } of people) {
    const r = await notifyPerson(db, person_id, now);
    pass.sent += r.sent;
    pass.dropped += r.dropped;
    pass.waiting += r.waiting;
  }
  return pass;
}

async function notifyPerson(db: Db, personId: number, now: Date): Promise<NotificationPass> {
  const actor = await loadActor(db, personId);
  const rows: Row[] = await db.selectFrom("email_notifications")
    .select(["id", "kind", "title", "body", "path", "due_at", "created_at", "post_id", "message_id", "thread_id", "conversation_id", "actor_id"])
    .where("person_id", "=", personId).where("status", "=", "pending").where("created_at", "<=", nowIso(now)).orderBy("id").execute();
  if (!actor || !can(actor, "receive_notifications")) {
    await drop(db, rows.map((r) => ({ id: r.id, reason: "inactive" })), now);
    return { sent: 0, dropped: rows.length, waiting: 0 };
  }
  const checked = await Promise.all(rows.map((r) => checkItem(db, actor, r)));
  const prefs = await getNotificationPreferences(db, personId);
  const quiet: QuietHours | null = prefs.quietStart && prefs.quietEnd
    ? { start: toMinutes(prefs.quietStart), end: toMinutes(prefs.quietEnd), timeZone: prefs.timeZone } : null;
  // Emails, not notifications, count against the hourly limit: a batch shares one outbox row.
  const recent = await db.selectFrom("email_notifications").select(["outbox_id", "decided_at"]).where("person_id", "=", personId)
    .where("status", "=", "sent").where("decided_at", ">", new Date(now.getTime() - 60 * 60_000).toISOString()).execute();
  const sentAt = [...new Map(recent.map((r) => [r.outbox_id, r.decided_at!])).values()];
  const plan = planNotifications({ pending: checked, choices: prefs.choices, quiet, sentAt, now });
  await drop(db, plan.drop, now);
  if (plan.digest.length) {
    await db.updateTable("email_notifications").set({ status: "digest" }).where("id", "in", plan.digest).where("status", "=", "pending").execute();
  }
  const byId = new Map(checked.map((c) => [c.id, c]));
  for (const group of plan.send) {
    const items = group.ids.map((id) => byId.get(id)!);
    const target = replyTargetOf(items);
    const email = renderNotificationEmail(actor, group.kind, items, target ? replyAddress(actor.id, target) : undefined);
    await db.transaction().execute(async (trx) => {
      // Claim the rows first: another worker's pass may have sent them a moment ago.
      const claimed = await trx.updateTable("email_notifications").set({ status: "sent", decided_at: nowIso(now) })
        .where("id", "in", group.ids).where("status", "=", "pending").executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== group.ids.length) throw new ClaimLost();
      const outboxId = await queueEmail(trx, email);
      await trx.updateTable("email_notifications").set({ outbox_id: outboxId }).where("id", "in", group.ids).execute();
    }).catch((error) => { if (!(error instanceof ClaimLost)) throw error; });
  }
  const sent = plan.send.length;
  return { sent, dropped: plan.drop.length, waiting: plan.waitUntil ? checked.length - plan.drop.length - plan.digest.length : 0 };
}

class ClaimLost extends Error {}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

async function drop(db: Db, items: { id: number; reason: string }[], now: Date) {
  for (const reason of new Set(items.map((i) => i.reason))) {
    await db.updateTable("email_notifications").set({ status: "dropped", drop_reason: reason, decided_at: nowIso(now) })
      .where("id", "in", items.filter((i) => i.reason === reason).map((i) => i.id)).where("status", "in", ["pending", "digest"]).execute();
  }
}
