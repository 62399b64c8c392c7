// The email digest: per member, what is new since their last digest. Sent weekly or monthly by
// `npm run digest`, or on demand by a founder from the dashboard. Every digest carries a one-click
// unsubscribe (RFC 8058) with a signed token, so leaving never needs a sign-in.
import type { DigestFrequency } from "../../db/schema";
import { recordAudit } from "../platform/audit.server";
import type { Db } from "../platform/db.server";
import { getEnv } from "../platform/env.server";
import { Forbidden } from "../platform/errors";
import { automaticMailHeaders, deliverQueuedEmail, queueEmail, type Email } from "../platform/mail.server";
import { emailHtml, EMAIL_STYLES, escapeHtml, textToHtml } from "../platform/email-html";
import { can, type Actor } from "../accounts/permissions";
import { loadActor } from "../accounts/session.server";
import { listFollowedAreas } from "../forum/notifications.server";
import {
  digestNotifications, getNotificationPreferences, readNotificationUnsubscribeToken, settleDigestNotifications, unsubscribeFromKind,
  type DigestNotifications,
} from "../forum/email-notifications.server";
import { KIND_LABELS, kindsUnreachedWithoutDigest, NOTIFY_KINDS } from "../forum/notification-rules";
import { listOpenVotes } from "./proposals.server";
import { signPersonToken, verifyPersonToken } from "../platform/signed-token.server";
import { visibleThreads } from "../forum/threads.server";
import { addDays, formatDate, nowIso } from "../platform/time";

export const DEFAULT_FREQUENCY: DigestFrequency = "weekly";
/** How far back a first digest looks, and how long after the last one the next is due. */
const PERIOD_DAYS: Record<Exclude<DigestFrequency, "never">, number> = { weekly: 7, monthly: 30 };
/** A scheduled run a few hours early (cron drift) still counts as due. */
const DUE_TOLERANCE_DAYS = 0.5;
const TOP_THREADS = 5;

export type DigestThread = { id: number; title: string; lifecycleArea: string; replies: number; authorName: string };
export type DigestReplies = { threadId: number; title: string; newReplies: number; repliers: string[] };
export type DigestContent = {
  since: string;
  /** False when the member follows no lifecycle area: the top threads are then the whole council's. */
  followsAreas: boolean;
  /** Top new threads in the lifecycle areas the member follows (council-wide when they follow none). */
  topThreads: DigestThread[];
  /** New replies in threads the member started or follows (writing in a thread follows it). */
  repliesToYourThreads: DigestReplies[];
  /** Policy proposals members can vote on now, and whether this member has voted yet. */
  openVotes: DigestVote[];
  /**
   * The member's notifications of the kinds they get "in the digest", checked at send time: `items`
   * go in (then marked sent), `drop` are no longer for them (read, hidden, blocked).
   */
  notifications: DigestNotifications;
};
export type DigestVote = { id: number; version: number; summary: string; deadline: string; voted: boolean };

// ---- preferences -----------------------------------------------------------------------------

export async function getEmailPreferences(db: Db, personId: number) {
  const row = await db.selectFrom("email_preferences").selectAll().where("person_id", "=", personId).executeTakeFirst();
  return {
    digestFrequency: row?.digest_frequency ?? DEFAULT_FREQUENCY,
    lastDigestAt: row?.last_digest_at ?? null,
    unsubscribedAt: row?.unsubscribed_at ?? null,
  };
}

/** Everything /settings/email shows: the digest and the notification emails. */
export async function getEmailSettings(db: Db, personId: number) {
  const [digest, notifications] = await Promise.all([getEmailPreferences(db, personId), getNotificationPreferences(db, personId)]);
  return { ...digest, notifications, unreachedKinds: kindsUnreachedWithoutDigest(notifications.choices, digest.digestFrequency) };
}

/** A member chooses how often they get the digest. Choosing again after unsubscribing re-subscribes. */
export async function setDigestFrequency(db: Db, personId: number, frequency: DigestFrequency) {
  const unsubscribedAt = frequency === "never" ? undefined : null;
  await db.insertInto("email_preferences")
    .values({ person_id: personId, digest_frequency: frequency })
    .onConflict((oc) => oc.column("person_id").doUpdateSet({ digest_frequency: frequency, ...(unsubscribedAt === null ? { unsubscribed_at: null } : {}) }))
    .execute();
}

// ---- unsubscribe -------------------------------------------------------------------------------

export const unsubscribeToken = (personId: number) => signPersonToken("digest-unsubscribe", personId);
export const unsubscribeUrl = (personId: number) => `${getEnv().publicUrl}/unsubscribe/${unsubscribeToken(personId)}`;

/**
 * Who a token unsubscribes and from what (for the confirmation page), or null for a tampered or
 * unknown token. The digest's tokens name a person; a notification email's name a person and a kind.
 */
export async function findUnsubscribeTarget(db: Db, token: string) {
  const notification = readNotificationUnsubscribeToken(token);
  const personId = notification?.personId ?? verifyPersonToken("digest-unsubscribe", token);
  if (personId === null) return null;
  const person = await db.selectFrom("people").select(["id", "email"]).where("id", "=", personId).executeTakeFirst();
  if (!person) return null;
  const prefs = await getEmailPreferences(db, person.id);
  if (notification) {
    const choice = (await getNotificationPreferences(db, person.id)).choices[notification.kind];
    return { personId: person.id, email: maskEmail(person.email), list: `emails about ${KIND_LABELS[notification.kind].toLowerCase()}`, alreadyUnsubscribed: choice === "never", kind: notification.kind, ...prefs };
  }
  return { personId: person.id, email: maskEmail(person.email), list: "the council digest", alreadyUnsubscribed: prefs.digestFrequency === "never", kind: null, ...prefs };
}

/** One-click unsubscribe: the signed token is the only authority, and only for its own person. */
export async function unsubscribeWithToken(db: Db, token: string, now = new Date()): Promise<{ email: string; list: string } | null> {
  const target = await findUnsubscribeTarget(db, token);
  if (!target) return null;
  if (target.kind) {
    await unsubscribeFromKind(db, { personId: target.personId, kind: target.kind });
    return { email: target.email, list: target.list };
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("email_preferences")
      .values({ person_id: target.personId, digest_frequency: "never", unsubscribed_at: nowIso(now) })
      .onConflict((oc) => oc.column("person_id").doUpdateSet({ digest_frequency: "never", unsubscribed_at: nowIso(now) }))
      .execute();
    await recordAudit(trx, { actorId: target.personId, action: "digest.unsubscribed", subjectType: "person", subjectId: target.personId, reason: "One-click unsubscribe link" });
  });
  return { email: target.email, list: target.list };
}

function maskEmail(email: string) {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}${"•".repeat(Math.max(1, Math.min(6, local.length - 1)))}@${domain}`;
}

// ---- content -------------------------------------------------------------------------------------

/** What is new for this person since `since`, or null when there is nothing (then no digest is sent). */
export async function digestContent(db: Db, personId: number, since: string, now = new Date()): Promise<DigestContent | null> {
  const actor = await loadActor(db, personId);
  if (!actor || actor.status !== "active") return null;

  const followedAreas = await listFollowedAreas(db, actor);
  const topThreads = await db.selectFrom("threads")
    .innerJoin("people", "people.id", "threads.author_id")
    .select(["threads.id", "threads.title", "threads.lifecycle_area", "threads.post_count", "people.name as author_name"])
    .where(visibleThreads(actor))
    .$if(followedAreas.length > 0, (qb) => qb.where("threads.lifecycle_area", "in", followedAreas))
    .where("threads.created_at", ">", since)
    .where("threads.author_id", "!=", actor.id)
    .orderBy("threads.post_count", "desc").orderBy("threads.created_at", "desc")
    .limit(TOP_THREADS)
    .execute();

  const replies = await db.selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("people", "people.id", "posts.author_id")
    .select(["threads.id as thread_id", "threads.title", "people.name as replier"])
    .where(visibleThreads(actor))
    .where((eb) => eb.or([
      eb("threads.author_id", "=", actor.id),
      eb.exists(eb.selectFrom("follows").select("follows.id").whereRef("follows.thread_id", "=", "threads.id").where("follows.person_id", "=", actor.id)),
    ]))
    .where("posts.author_id", "!=", actor.id)
    .where("posts.status", "=", "published")
    .where("posts.number", ">", 1)
    .where("posts.created_at", ">", since)
    .orderBy("posts.created_at")
    .execute();
  const byThread = new Map<number, DigestReplies>();
  for (const r of replies) {
    const entry = byThread.get(r.thread_id) ?? { threadId: r.thread_id, title: r.title, newReplies: 0, repliers: [] };
    entry.newReplies++;
    if (!entry.repliers.includes(r.replier)) entry.repliers.push(r.replier);
    byThread.set(r.thread_id, entry);
  }

  const open = await listOpenVotes(db, now);
  const voted = new Set(open.length ? (await db.selectFrom("policy_votes").select("proposal_id")
    .where("person_id", "=", actor.id).where("proposal_id", "in", open.map((p) => p.id)).execute()).map((v) => v.proposal_id) : []);
  const openVotes = open.map((p) => ({ id: p.id, version: p.version, summary: p.summary, deadline: p.deadline!, voted: voted.has(p.id) }));

  const notifications = await digestNotifications(db, actor);

  if (topThreads.length === 0 && byThread.size === 0 && openVotes.length === 0 && notifications.items.length === 0) return null;
  return {
    since,
    followsAreas: followedAreas.length > 0,
    topThreads: topThreads.map((t) => ({ id: t.id, title: t.title, lifecycleArea: t.lifecycle_area, replies: Math.max(0, t.post_count - 1), authorName: t.author_name })),
    repliesToYourThreads: [...byThread.values()],
    openVotes,
    notifications,
  };
}

// ---- the email --------------------------------------------------------------------------------

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const indent = (text: string) => text.split("\n").map((line) => (line ? `  ${line}` : "")).join("\n");

export function renderDigestEmail(person: { id: number; name: string; email: string }, content: DigestContent): Email {
  const base = getEnv().publicUrl;
  const unsubscribe = unsubscribeUrl(person.id);
  const settings = `${base}/settings/email`;
  const forYou = content.notifications.items;
  const subject = `Council digest: ${plural(content.topThreads.length, "new thread")}, ${plural(content.repliesToYourThreads.reduce((n, r) => n + r.newReplies, 0), "reply", "replies")} to you${forYou.length ? `, ${plural(forYou.length, "notification")}` : ""}`;
  const since = formatDate(content.since);

  const text: string[] = [`Hello ${person.name},`, "", `Here is what is new in the council since ${since}.`, ""];
  const html: string[] = [`<p>Hello ${escapeHtml(person.name)},</p>`, `<p>Here is what is new in the council since ${escapeHtml(since)}.</p>`];
  if (content.topThreads.length) {
    const framework = `${base}/`;
    const fallback = "You follow no areas yet; these are the council's top new threads. Follow areas at";
    text.push("TOP NEW THREADS", ...(content.followsAreas ? [] : [`${fallback} ${framework}`]), ...content.topThreads.map((t) => `- ${t.title} (${plural(t.replies, "reply", "replies")}, by ${t.authorName})\n  ${base}/threads/${t.id}`), "");
    html.push(`<h2 style="${EMAIL_STYLES.heading}">Top new threads</h2>`, ...(content.followsAreas ? [] : [`<p>${escapeHtml(fallback)} <a href="${escapeHtml(framework)}">${escapeHtml(framework)}</a>.</p>`]), "<ul>", ...content.topThreads.map((t) =>
      `<li><a href="${escapeHtml(`${base}/threads/${t.id}`)}">${escapeHtml(t.title)}</a> (${plural(t.replies, "reply", "replies")}, by ${escapeHtml(t.authorName)})</li>`), "</ul>");
  }
  if (content.repliesToYourThreads.length) {
    text.push("REPLIES IN YOUR THREADS AND THREADS YOU FOLLOW", ...content.repliesToYourThreads.map((r) => `- ${r.title}: ${plural(r.newReplies, "new reply", "new replies")} from ${r.repliers.join(", ")}\n  ${base}/threads/${r.threadId}`), "");
    html.push(`<h2 style="${EMAIL_STYLES.heading}">Replies in your threads and threads you follow</h2><ul>`, ...content.repliesToYourThreads.map((r) =>
      `<li><a href="${escapeHtml(`${base}/threads/${r.threadId}`)}">${escapeHtml(r.title)}</a>: ${plural(r.newReplies, "new reply", "new replies")} from ${escapeHtml(r.repliers.join(", "))}</li>`), "</ul>");
  }
  if (content.openVotes.length) {
    const line = (v: DigestVote) => `Eligibility policy v${v.version}: ${v.summary} (voting closes ${formatDate(v.deadline)}${v.voted ? "; you have voted" : ""})`;
    text.push("OPEN POLICY VOTES", ...content.openVotes.map((v) => `- ${line(v)}\n  ${base}/policy/proposals/${v.id}`), "");
    html.push(`<h2 style="${EMAIL_STYLES.heading}">Open policy votes</h2><ul>`, ...content.openVotes.map((v) =>
      `<li><a href="${escapeHtml(`${base}/policy/proposals/${v.id}`)}">${escapeHtml(line(v))}</a></li>`), "</ul>");
  }
  if (forYou.length) {
    // Grouped by kind, in the settings page's order; each with its text and a link.
    const kinds = NOTIFY_KINDS.filter((k) => forYou.some((i) => i.kind === k));
    text.push("YOUR NOTIFICATIONS (YOU CHOSE TO GET THESE IN THE DIGEST)");
    html.push(`<h2 style="${EMAIL_STYLES.heading}">Your notifications</h2>`, `<p style="${EMAIL_STYLES.muted}">You chose to get these in the digest.</p>`);
    for (const kind of kinds) {
      text.push(`${KIND_LABELS[kind]}:`);
      html.push(`<h3>${escapeHtml(KIND_LABELS[kind])}</h3><ul>`);
      for (const item of forYou.filter((i) => i.kind === kind)) {
        const link = `${base}${item.path}`;
        text.push(`- ${item.title}`, ...(item.text ? [indent(item.text)] : []), `  ${link}`);
        html.push(`<li><a href="${escapeHtml(link)}">${escapeHtml(item.title)}</a>${item.text ? `<div style="${EMAIL_STYLES.quote}">${textToHtml(item.text)}</div>` : ""}</li>`);
      }
      html.push("</ul>");
    }
    text.push("");
  }
  text.push("--", `Change how often you get this: ${settings}`, `Unsubscribe: ${unsubscribe}`);
  const footer = `<a href="${escapeHtml(settings)}">Change how often you get this</a> · <a href="${escapeHtml(unsubscribe)}">Unsubscribe</a>`;

  return {
    to: person.email,
    subject,
    text: text.join("\n"),
    html: emailHtml({ title: subject, body: html.join("\n"), footer }),
    kind: "digest",
    headers: automaticMailHeaders({ list: "digest", unsubscribeUrl: unsubscribe, messageKey: `digest-${person.id}.${Date.parse(content.since).toString(36)}` }),
  };
}

// ---- sending ------------------------------------------------------------------------------------

export type DigestRun = {
  /** Scheduled run for one frequency (only members due), or "on-demand" (every subscribed member). */
  frequency: Exclude<DigestFrequency, "never"> | "on-demand";
  now?: Date;
  dryRun?: boolean;
};
export type DigestResult = { personId: number; to: string; subject: string; text: string };

/** Members who may get a digest in this run: active, subscribed, and due. */
async function digestRecipients(db: Db, run: Required<DigestRun>) {
  const rows = await db.selectFrom("people")
    .leftJoin("email_preferences", "email_preferences.person_id", "people.id")
    .select(["people.id", "people.name", "people.email", "email_preferences.digest_frequency", "email_preferences.last_digest_at", "email_preferences.unsubscribed_at"])
    .where("people.status", "=", "active")
    .orderBy("people.id")
    .execute();
  return rows.flatMap((r) => {
    const frequency = r.digest_frequency ?? DEFAULT_FREQUENCY;
    if (frequency === "never" || r.unsubscribed_at) return [];
    if (run.frequency !== "on-demand" && frequency !== run.frequency) return [];
    const period = PERIOD_DAYS[frequency];
    if (run.frequency !== "on-demand" && r.last_digest_at && r.last_digest_at > addDays(run.now, -(period - DUE_TOLERANCE_DAYS)).toISOString()) return [];
    const since = r.last_digest_at ?? addDays(run.now, -period).toISOString();
    return [{ id: r.id, name: r.name, email: r.email, since }];
  });
}

/**
 * Builds and (unless dry-run) queues each due member's digest: one transaction per member, which
 * also moves their last_digest_at forward. Members with nothing new get nothing.
 */
export async function sendDigests(db: Db, options: DigestRun): Promise<DigestResult[]> {
  const run = { now: new Date(), dryRun: false, ...options };
  const results: DigestResult[] = [];
  for (const person of await digestRecipients(db, run)) {
    const content = await digestContent(db, person.id, person.since, run.now);
    if (!content) continue;
    const email = renderDigestEmail(person, content);
    if (!run.dryRun) {
      await db.transaction().execute(async (trx) => {
        const outboxId = await queueEmail(trx, email);
        await settleDigestNotifications(trx, content.notifications, outboxId, run.now);
        await trx.insertInto("email_preferences")
          .values({ person_id: person.id, last_digest_at: nowIso(run.now) })
          .onConflict((oc) => oc.column("person_id").doUpdateSet({ last_digest_at: nowIso(run.now) }))
          .execute();
      });
    }
    results.push({ personId: person.id, to: email.to, subject: email.subject, text: email.text });
  }
  if (!run.dryRun && results.length) await deliverQueuedEmail(db);
  return results;
}

/** A founder sends the digest now, to every subscribed member with something new. Audited. */
export async function sendDigestNow(db: Db, actor: Actor, now = new Date()) {
  if (!can(actor, "view_dashboard")) throw new Forbidden("Only founders can send the digest.");
  const results = await sendDigests(db, { frequency: "on-demand", now });
  await recordAudit(db, { actorId: actor.id, action: "digest.sent_on_demand", reason: "Sent from the founders' dashboard", details: { recipients: results.length } });
  return { sent: results.length };
}
