// Moderation: the review queue (held posts, flagged posts), flags, strikes and suspensions, and the
// public moderation log. Every function checks can() itself, runs one transaction per decision and
// writes its audit rows in it. The rules themselves are pure (flag-rules.ts).
import { sql } from "kysely";
import type { FlagReason } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { forUpdate } from "../platform/locks.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { countFlagCompanies, flagsHidePost, PITCH_STRIKE_RULES, STRIKE_WINDOW_DAYS, strikesSuspend } from "./flag-rules";
import { kickDelivery, queueEmail } from "../platform/mail.server";
import { flaggingLimitFor } from "../platform/limits";
import { getModerationSettings } from "./moderation-settings.server";
import { recordPitchExample } from "./pitch-learning.server";
import { notifyForPost } from "../forum/notifications.server";
import { can, hasReviewQueue, type Actor } from "../accounts/permissions";
import { postPath } from "../forum/post-links";
import { applyPostStatus } from "../forum/post-status.server";
import { invalidateAllSessions, loadActor } from "../accounts/session.server";
import { enforceMemberRateLimit } from "../platform/rate-limit.server";
import { visiblePosts, visibleThreads } from "../forum/threads.server";
import { queueNotifications } from "../platform/notification-queue.server";
import { nowIso } from "../platform/time";
import { flagReasonLabel, MODERATION_LOG_ACTIONS, type LogQuery, type QueueDecision } from "./schemas/moderation";

export const PUBLIC_LOG_ACTIONS = Object.keys(MODERATION_LOG_ACTIONS);
export const HOLD_RULE = "pitch_check";

type Reason = { signal: string; label?: string; excerpt: string };
const parseReasons = (json: string | null): Reason[] => (json ? (JSON.parse(json) as Reason[]) : []);

/** Tells a member about a moderation decision on their post or membership (in the decision's transaction). */
async function emailMember(trx: Db, to: { name: string; email: string }, kind: string, subject: string, lines: string[]) {
  await queueEmail(trx, { to: to.email, kind, subject, text: [`Dear ${to.name},`, "", ...lines, "", "— The Council moderators", ""].join("\n") });
}

/**
 * The posts in this moderator's queues, with their thread and author: never their own; chapter
 * presidents see only their chapters' threads, moderators and founders everything.
 */
function queuePosts(db: Db, actor: Actor) {
  if (!hasReviewQueue(actor)) throw new Forbidden();
  const staff = actor.roles.includes("founder") || actor.roles.includes("moderator");
  const query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("people", "people.id", "posts.author_id")
    .select([
      "posts.id", "posts.number", "posts.body_html", "posts.status", "posts.author_id", "posts.hold_reasons", "posts.created_at", "posts.edited_at",
      "threads.id as thread_id", "threads.title as thread_title", "threads.chapter_id", "people.name as author_name", "people.company as author_company",
    ])
    .where("posts.author_id", "!=", actor.id);
  return staff ? query : query.where("threads.chapter_id", "in", actor.presidentOf.length ? actor.presidentOf : [-1]);
}

/** Posts held for review that this moderator may act on (never their own). */
export async function listHeldPosts(db: Db, actor: Actor) {
  const rows = await queuePosts(db, actor).where("posts.status", "=", "held").orderBy("posts.created_at", "asc").execute();
  return rows.map((r) => ({ ...r, hold_reasons: parseReasons(r.hold_reasons) }));
}

/** Posts waiting in this moderator's queues: held, hidden by flags, and flagged but still shown (for the staff home). */
export async function countQueuePosts(db: Db, actor: Actor) {
  const rows = await queuePosts(db, actor).clearSelect()
    .select((eb) => ["posts.status", eb.fn.countAll<number>().as("n")])
    .where((eb) => eb.or([eb("posts.status", "=", "held"), eb.and([eb("posts.status", "in", ["published", "hidden"]), eb.exists(eb.selectFrom("flags").select("flags.id")
      .whereRef("flags.post_id", "=", "posts.id").where("flags.withdrawn_at", "is", null).where("flags.resolved_at", "is", null))])]))
    .groupBy("posts.status").execute();
  const n = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { held: n("held"), hiddenFlagged: n("hidden"), flagged: n("published") };
}

/**
 * Posts with open flags (hidden ones first), with the flags' reasons and notes — notes are for
 * moderators only — and how many different companies count toward hiding.
 */
export async function listFlaggedPosts(db: Db, actor: Actor) {
  const query = queuePosts(db, actor)
    .where("posts.status", "in", ["published", "hidden"])
    .where((eb) => eb.exists(eb.selectFrom("flags").select("flags.id").whereRef("flags.post_id", "=", "posts.id")
      .where("flags.withdrawn_at", "is", null).where("flags.resolved_at", "is", null)))
    .orderBy(sql`CASE WHEN posts.status = 'hidden' THEN 0 ELSE 1 END`)
    .orderBy("posts.created_at", "asc");
  const posts = await query.execute();
  if (!posts.length) return [];
  const flags = await db.selectFrom("flags").innerJoin("people", "people.id", "flags.person_id")
    .select(["flags.post_id", "flags.person_id", "flags.reason", "flags.note", "flags.created_at", "people.name", "people.company"])
    .where("flags.post_id", "in", posts.map((p) => p.id))
    .where("flags.withdrawn_at", "is", null).where("flags.resolved_at", "is", null)
    .orderBy("flags.created_at").execute();
  return posts.map((p) => {
    const mine = flags.filter((f) => f.post_id === p.id);
    const counted = countFlagCompanies(mine.map((f) => ({ personId: f.person_id, company: f.company, open: true })), { id: p.author_id, company: p.author_company });
    const reasonCounts = new Map<FlagReason, number>();
    for (const f of mine) reasonCounts.set(f.reason, (reasonCounts.get(f.reason) ?? 0) + 1);
    const topReason = [...reasonCounts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    return {
      ...p,
      companyCount: counted.count,
      topReason,
      flags: mine.map((f) => ({ name: f.name, company: f.company, reason: f.reason, note: f.note, created_at: f.created_at })),
    };
  });
}

/** A post and its thread, for a moderation decision, after the permission check. */
async function loadForDecision(db: Db, actor: Actor, postId: number) {
  const post = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("people", "people.id", "posts.author_id")
    .select(["posts.id", "posts.thread_id", "posts.number", "posts.status", "posts.author_id", "posts.body_markdown", "posts.created_at",
      "posts.hold_reasons", "threads.chapter_id", "threads.title as thread_title", "people.name as author_name", "people.email as author_email",
      "people.company as author_company"])
    .where("posts.id", "=", postId).executeTakeFirst();
  if (!post) throw new NotFound("This post does not exist.");
  if (post.author_id === actor.id) throw new Forbidden("No one moderates their own post; another moderator will decide.");
  if (!can(actor, "moderate", { authorId: post.author_id, chapterId: post.chapter_id })) throw new Forbidden();
  return post;
}

// ---- held posts --------------------------------------------------------------------------------

/**
 * The author of a held post hears of the decision through the notification queue (kind "moderation":
 * right away, in the digest or never, as they chose), like the members whose flags were reviewed.
 */
async function queueHeldPostDecision(trx: Db, post: { author_id: number; thread_id: number }, notice: { title: string; body: string; path: string }) {
  await queueNotifications(trx, [{ personId: post.author_id, kind: "moderation", ...notice, threadId: post.thread_id }]);
}

/** A moderator publishes a held post: it joins the thread and followers are notified. */
export async function publishHeldPost(db: Db, actor: Actor, input: { postId: number }) {
  const post = await loadForDecision(db, actor, input.postId);
  if (post.status !== "held") throw new Conflict("This post is not held for review any more.");
  await db.transaction().execute(async (trx) => {
    await applyPostStatus(trx, post, "published", { rejection_reason: null });
    await recordAudit(trx, {
      actorId: actor.id, action: "post.published", subjectType: "post", subjectId: post.id, rule: HOLD_RULE,
      reason: "Reviewed: not a sales pitch.", details: { signals: parseReasons(post.hold_reasons).map((r) => r.signal) },
    });
    await recordPitchExample(trx, { postId: post.id, body: post.body_markdown, label: "ok", source: "held_post", decision: "published", decidedBy: actor.id });
    const author = await loadActor(trx, post.author_id);
    if (author) await notifyForPost(trx, author, { threadId: post.thread_id, postId: post.id, createdAt: post.created_at, markdown: post.body_markdown, newThread: post.number === 1 });
    await queueHeldPostDecision(trx, post, {
      title: `Your post in “${post.thread_title}” is published`,
      body: "A moderator reviewed your post and published it.", path: postPath(post.thread_id, post.number),
    });
  });
  return { threadId: post.thread_id, number: post.number };
}

/** A moderator rejects a held post with a reason the author reads; the author can edit and resubmit. */
export async function rejectHeldPost(db: Db, actor: Actor, input: { postId: number; reason: string }) {
  const post = await loadForDecision(db, actor, input.postId);
  if (post.status !== "held") throw new Conflict("This post is not held for review any more.");
  const reason = input.reason.trim();
  if (reason.length < 10) throw new Invalid("Give the reason in a sentence.", { reason: "At least 10 characters; the author will read it." });
  await db.transaction().execute(async (trx) => {
    await applyPostStatus(trx, post, "rejected", { rejection_reason: reason });
    await recordAudit(trx, { actorId: actor.id, action: "post.rejected", subjectType: "post", subjectId: post.id, rule: HOLD_RULE, reason });
    await recordPitchExample(trx, { postId: post.id, body: post.body_markdown, label: "pitch", source: "held_post", decision: "rejected", decidedBy: actor.id });
    await queueHeldPostDecision(trx, post, {
      title: `Your post in “${post.thread_title}” was not published`,
      body: [`A moderator reviewed your post and did not publish it.`, "", `Reason: ${reason}`, "",
        "Nothing you wrote is lost: you can edit the post and resubmit it; it is checked again."].join("\n"),
      path: `/posts/${post.id}/edit`,
    });
  });
  return { threadId: post.thread_id, number: post.number };
}

// ---- flags -------------------------------------------------------------------------------------

/** The post a member wants to flag, if they may read it. */
export async function getPostForFlag(db: Db, actor: Actor, postId: number) {
  const post = await db.selectFrom("posts").innerJoin("threads", "threads.id", "posts.thread_id").innerJoin("people", "people.id", "posts.author_id")
    .select((eb) => ["posts.id", "posts.thread_id", "posts.number", "posts.status", "posts.author_id", "posts.body_html", "threads.title as thread_title",
      "threads.chapter_id", "people.name as author_name", "people.company as author_company",
      eb.exists(eb.selectFrom("flags").select("flags.id").whereRef("flags.post_id", "=", "posts.id").where("flags.person_id", "=", actor.id)
        .where("flags.withdrawn_at", "is", null).where("flags.resolved_at", "is", null)).as("flagged_by_me")])
    .where("posts.id", "=", postId).where(visibleThreads(actor, { includeOwn: true })).where(visiblePosts(actor)).executeTakeFirst();
  if (!post) throw new NotFound("This post does not exist, or it is not visible to you.");
  return { ...post, flagged_by_me: Boolean(post.flagged_by_me), own: post.author_id === actor.id };
}

/**
 * A member flags a post, once. When open flags come from members of enough different companies
 * (the founders' setting, 3 by default; the author and the author's colleagues do not count), the
 * post is hidden pending review.
 */
export async function flagPost(db: Db, actor: Actor, input: { postId: number; reason: FlagReason; note: string | null }) {
  const post = await getPostForFlag(db, actor, input.postId);
  if (!can(actor, "flag_post", { authorId: post.author_id })) throw new Forbidden("You cannot flag your own post.");
  if (post.status !== "published" && post.status !== "hidden") throw new Conflict("Only published posts can be flagged.");
  if (input.reason === "other" && !input.note?.trim()) throw new Invalid("Say what is wrong.", { note: "A note is required for “Other”." });
  if (post.flagged_by_me) throw new Conflict("You have already flagged this post. You can withdraw your flag.");
  const reviewed = await db.selectFrom("flags").select("id").where("post_id", "=", post.id).where("person_id", "=", actor.id)
    .where("resolved_at", "is not", null).executeTakeFirst();
  if (reviewed) throw new Conflict("A moderator has already reviewed your flag on this post.");
  const { flagCompanyThreshold } = await getModerationSettings(db);
  return db.transaction().execute(async (trx) => {
    // Flags on one post are counted one transaction at a time (the post row locked on PostgreSQL), and
    // the post's status is read again here: however many flags arrive at once, it is hidden once.
    const current = await forUpdate(trx, trx.selectFrom("posts").select("status").where("id", "=", post.id)).executeTakeFirstOrThrow();
    const mine = await trx.selectFrom("flags").select("id").where("post_id", "=", post.id).where("person_id", "=", actor.id)
      .where("withdrawn_at", "is", null).where("resolved_at", "is", null).executeTakeFirst();
    if (mine) throw new Conflict("You have already flagged this post. You can withdraw your flag.");
    await enforceMemberRateLimit(trx, flaggingLimitFor, actor.id);
    await trx.insertInto("flags").values({ post_id: post.id, person_id: actor.id, reason: input.reason, note: input.note?.trim() || null, created_at: nowIso() }).execute();
    await recordAudit(trx, { actorId: actor.id, action: "flag.raised", subjectType: "post", subjectId: post.id, rule: input.reason });
    const open = await trx.selectFrom("flags").innerJoin("people", "people.id", "flags.person_id")
      .select(["flags.person_id", "people.company"]).where("flags.post_id", "=", post.id)
      .where("flags.withdrawn_at", "is", null).where("flags.resolved_at", "is", null).execute();
    const count = countFlagCompanies(open.map((f) => ({ personId: f.person_id, company: f.company, open: true })), { id: post.author_id, company: post.author_company });
    let hidden = false;
    if (current.status === "published" && flagsHidePost(count, flagCompanyThreshold)) {
      await applyPostStatus(trx, post, "hidden");
      await recordAudit(trx, {
        actorId: null, action: "post.hidden", subjectType: "post", subjectId: post.id, rule: "flag_threshold",
        reason: `Flagged by members of ${count.count} different companies; hidden until a moderator reviews it.`,
        details: { companies: count.count, threshold: flagCompanyThreshold },
      });
      hidden = true;
    }
    return { threadId: post.thread_id, number: post.number, hidden };
  });
}

/** A member withdraws their open flag. A post already hidden stays hidden until the review. */
export async function withdrawFlag(db: Db, actor: Actor, input: { postId: number }) {
  const post = await getPostForFlag(db, actor, input.postId);
  if (!post.flagged_by_me) throw new NotFound("You have no open flag on this post.");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("flags").set({ withdrawn_at: nowIso() }).where("post_id", "=", post.id).where("person_id", "=", actor.id)
      .where("withdrawn_at", "is", null).where("resolved_at", "is", null).execute();
    await recordAudit(trx, { actorId: actor.id, action: "flag.withdrawn", subjectType: "post", subjectId: post.id });
  });
  return { threadId: post.thread_id, number: post.number };
}

async function openFlagCount(db: Db, postId: number) {
  const row = await db.selectFrom("flags").select((eb) => eb.fn.countAll<number>().as("n")).where("post_id", "=", postId)
    .where("withdrawn_at", "is", null).where("resolved_at", "is", null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The members whose open flags a decision closes may hear of it by email. Before the flags are closed. */
async function queueFlagDecision(trx: Db, post: { id: number; thread_id: number; thread_title: string }, decision: string) {
  const flaggers = await trx.selectFrom("flags").select("person_id").distinct().where("post_id", "=", post.id)
    .where("withdrawn_at", "is", null).where("resolved_at", "is", null).execute();
  await queueNotifications(trx, flaggers.map((f) => ({
    personId: f.person_id, kind: "moderation" as const, title: `Your flag in “${post.thread_title}” was reviewed`,
    body: decision, path: `/threads/${post.thread_id}`, threadId: post.thread_id,
  })));
}

/**
 * A moderator upholds the flags: the post is removed (a tombstone stays), the author is warned and a
 * strike is recorded under the rule. Three pitch strikes within a year suspend the author.
 */
export async function upholdFlags(db: Db, actor: Actor, input: { postId: number; rule: FlagReason }) {
  const post = await loadForDecision(db, actor, input.postId);
  if (post.status !== "hidden" && !(post.status === "published" && (await openFlagCount(db, post.id)) > 0)) {
    throw new Conflict("There are no open flags on this post.");
  }
  const result = await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await queueFlagDecision(trx, post, `Your flag was upheld: the post was removed (${flagReasonLabel(input.rule)}).`);
    await trx.updateTable("flags").set({ resolved_at: now, outcome: "upheld" }).where("post_id", "=", post.id)
      .where("withdrawn_at", "is", null).where("resolved_at", "is", null).execute();
    await applyPostStatus(trx, post, "removed");
    const rule = input.rule;
    if (rule === "sales_pitch") {
      await recordPitchExample(trx, { postId: post.id, body: post.body_markdown, label: "pitch", source: "flag", decision: "upheld", decidedBy: actor.id });
    }
    await recordAudit(trx, { actorId: actor.id, action: "flag.upheld", subjectType: "post", subjectId: post.id, rule, reason: `Flags upheld: ${flagReasonLabel(rule)}.` });
    await recordAudit(trx, { actorId: actor.id, action: "post.removed", subjectType: "post", subjectId: post.id, rule, reason: `Removed: ${flagReasonLabel(rule)}.` });
    await trx.insertInto("strikes").values({ person_id: post.author_id, post_id: post.id, rule, recorded_by: actor.id, recorded_at: now }).execute();
    await recordAudit(trx, { actorId: actor.id, action: "strike.recorded", subjectType: "person", subjectId: post.author_id, rule, reason: `Strike for a post removed: ${flagReasonLabel(rule)}.` });
    const suspended = await suspendIfStruckOut(trx, post.author_id);
    if (!suspended) {
      await emailMember(trx, { name: post.author_name, email: post.author_email }, "post_removed", "A warning: your post was removed", [
        `Members flagged your post in “${post.thread_title}”, and a moderator agreed: it was removed under the rule “${flagReasonLabel(rule)}”, and a strike is recorded.`,
        "", "The council has no sales pitches, from anyone. Three sales-pitch strikes within a year suspend a membership pending the founders' review.",
      ]);
    }
    return { threadId: post.thread_id, number: post.number, suspended };
  });
  kickDelivery(db);
  return result;
}

/** A moderator dismisses the flags: the post is restored (published) and the open flags are closed. */
export async function dismissFlags(db: Db, actor: Actor, input: { postId: number }) {
  const post = await loadForDecision(db, actor, input.postId);
  if (post.status !== "hidden" && !(post.status === "published" && (await openFlagCount(db, post.id)) > 0)) {
    throw new Conflict("There are no open flags on this post.");
  }
  await db.transaction().execute(async (trx) => {
    const pitchFlag = await trx.selectFrom("flags").select("id").where("post_id", "=", post.id).where("reason", "=", "sales_pitch")
      .where("withdrawn_at", "is", null).where("resolved_at", "is", null).executeTakeFirst();
    if (pitchFlag) {
      await recordPitchExample(trx, { postId: post.id, body: post.body_markdown, label: "ok", source: "flag", decision: "dismissed", decidedBy: actor.id });
    }
    await queueFlagDecision(trx, post, "A moderator reviewed your flag and the post stays: it does not break the council's rules.");
    await trx.updateTable("flags").set({ resolved_at: nowIso(), outcome: "dismissed" }).where("post_id", "=", post.id)
      .where("withdrawn_at", "is", null).where("resolved_at", "is", null).execute();
    if (post.status === "hidden") await applyPostStatus(trx, post, "published");
    await recordAudit(trx, { actorId: actor.id, action: "flag.dismissed", subjectType: "post", subjectId: post.id, rule: "flag_review", reason: "Flags reviewed: the post stays." });
  });
  return { threadId: post.thread_id, number: post.number };
}

// ---- strikes and suspension ---------------------------------------------------------------------

/**
 * Suspends a member whose pitch strikes in the last 365 days reach three — the same rule for
 * everyone, founders included. Their sessions end at once. Inside the caller's transaction.
 */
export async function suspendIfStruckOut(trx: Db, personId: number, now = new Date()): Promise<boolean> {
  const person = await trx.selectFrom("people").select(["status", "name", "email"]).where("id", "=", personId).executeTakeFirst();
  if (!person || person.status !== "active") return false;
  const since = new Date(now.getTime() - STRIKE_WINDOW_DAYS * 86_400_000).toISOString();
  const strikes = await trx.selectFrom("strikes").select(["rule", "recorded_at"]).where("person_id", "=", personId)
    .where("rule", "in", [...PITCH_STRIKE_RULES]).where("recorded_at", ">", since).execute();
  if (!strikesSuspend(strikes.map((s) => ({ rule: s.rule, recordedAt: s.recorded_at })), now)) return false;
  await trx.updateTable("people").set({ status: "suspended" }).where("id", "=", personId).execute();
  await invalidateAllSessions(trx, personId);
  await recordAudit(trx, {
    actorId: null, action: "member.suspended", subjectType: "person", subjectId: personId, rule: "three_pitch_strikes",
    reason: `${strikes.length} upheld sales-pitch strikes within a year; suspended pending founder review.`,
  });
  await emailMember(trx, person, "member_suspended", "Your Council membership is suspended", [
    `A moderator removed another of your posts as a sales pitch: that is ${strikes.length} sales-pitch strikes within a year.`,
    "Under the council's rule — the same for every member — your membership is suspended pending the founders' review, and you have been signed out.",
    "What you wrote stays. The founders will review the suspension and write to you.",
  ]);
  return true;
}

/** Suspended members with their strikes, for founders. */
export async function listSuspendedMembers(db: Db, actor: Actor) {
  if (!can(actor, "lift_suspension")) return [];
  const people = await db.selectFrom("people").select(["id", "name", "title", "company"]).where("status", "=", "suspended").orderBy("name").execute();
  if (!people.length) return [];
  const strikes = await db.selectFrom("strikes").select(["person_id", "rule", "recorded_at"]).where("person_id", "in", people.map((p) => p.id))
    .orderBy("recorded_at", "desc").execute();
  return people.map((p) => ({ ...p, strikes: strikes.filter((s) => s.person_id === p.id).map((s) => ({ rule: s.rule, recorded_at: s.recorded_at })) }));
}

/** A founder lifts a suspension: the member can sign in again. Their strikes stay on record. */
export async function liftSuspension(db: Db, actor: Actor, input: { personId: number; reason: string }) {
  if (!can(actor, "lift_suspension", { personId: input.personId })) {
    throw new Forbidden(input.personId === actor.id ? "You cannot lift your own suspension." : "Only founders lift suspensions.");
  }
  const reason = input.reason.trim();
  if (reason.length < 10) throw new Invalid("Give the reason in a sentence.", { reason: "At least 10 characters." });
  const person = await db.selectFrom("people").select(["id", "status", "name", "email"]).where("id", "=", input.personId).executeTakeFirst();
  if (!person) throw new NotFound("No such member.");
  if (person.status !== "suspended") throw new Conflict("This member is not suspended.");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("people").set({ status: "active" }).where("id", "=", person.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "member.suspension_lifted", subjectType: "person", subjectId: person.id, rule: "founder_review", reason });
    await emailMember(trx, person, "suspension_lifted", "Your Council membership is active again", [
      "The founders reviewed your suspension and lifted it; you can sign in again.", "", `Their reason: ${reason}`, "",
      "Your strikes stay on record for a year: one more sales-pitch strike within that time suspends the membership again.",
    ]);
  });
  kickDelivery(db);
}

// ---- the public log ----------------------------------------------------------------------------

export const LOG_PAGE_SIZE = 50;

/**
 * The public moderation log: hold decisions, flag outcomes, removals, strikes, suspensions,
 * revocations and policy/settings changes, with who acted, the rule, the reason and the time.
 * Filter by action and by date range (inclusive days, UTC). Private details (message contents,
 * appeal texts, flag notes) are never in it: only the audit row's public columns are read.
 */
export async function listModerationLog(db: Db, filter: Partial<LogQuery> = {}) {
  const page = filter.page ?? 1;
  let query = db
    .selectFrom("audit_log")
    .leftJoin("people as actor", "actor.id", "audit_log.actor_id")
    .where("audit_log.action", "in", filter.action ? [filter.action] : PUBLIC_LOG_ACTIONS);
  if (filter.from) query = query.where("audit_log.at", ">=", `${filter.from}T00:00:00.000Z`);
  if (filter.to) query = query.where("audit_log.at", "<", new Date(Date.parse(`${filter.to}T00:00:00.000Z`) + 86_400_000).toISOString());
  const rows = await query
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "audit_log.subject_type", "audit_log.subject_id", "audit_log.rule", "audit_log.policy_version", "audit_log.reason", "actor.name as actor_name"])
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(LOG_PAGE_SIZE + 1)
    .offset((page - 1) * LOG_PAGE_SIZE)
    .execute();
  return { entries: rows.slice(0, LOG_PAGE_SIZE), page, hasNext: rows.length > LOG_PAGE_SIZE };
}

// ---- the review queue page ---------------------------------------------------------------------

/** Everything on /moderation for this member: held posts, flagged posts and (founders) suspended members. */
export async function getReviewQueue(db: Db, actor: Actor) {
  const founder = can(actor, "lift_suspension");
  if (!hasReviewQueue(actor) && !founder) throw new Forbidden();
  const [held, flagged, suspended] = await Promise.all([
    hasReviewQueue(actor) ? listHeldPosts(db, actor) : [],
    hasReviewQueue(actor) ? listFlaggedPosts(db, actor) : [],
    listSuspendedMembers(db, actor),
  ]);
  return { held, flagged, suspended, canManageSettings: can(actor, "manage_moderation") };
}

/** One decision from the review queue (the form's intent says which). */
export async function decideInQueue(db: Db, actor: Actor, d: QueueDecision): Promise<{ message: string }> {
  switch (d.intent) {
    case "publish":
      await publishHeldPost(db, actor, d);
      return { message: "Published. The author and the thread's followers can see it now." };
    case "reject":
      await rejectHeldPost(db, actor, d);
      return { message: "Rejected. The author has your reason and can edit and resubmit." };
    case "uphold": {
      const r = await upholdFlags(db, actor, d);
      return { message: `Upheld: the post is removed and a strike recorded.${r.suspended ? " That was their third pitch strike within a year: they are suspended pending founder review." : ""}` };
    }
    case "dismiss":
      await dismissFlags(db, actor, d);
      return { message: "Dismissed: the post is back in its thread." };
  }
}
