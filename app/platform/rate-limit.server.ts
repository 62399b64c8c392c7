// The database side of rate limits: events are rows in rate_limit_events, keyed "<rule>:<subject>"
// (e.g. "conversation.start:42"), counted over a sliding window with portable SQL. The rules and the
// arithmetic live in app/platform/limits.ts.
//
// Use it in the same transaction as the action it limits:
//   await enforceRateLimit(trx, MESSAGE_LIMIT, actor.id);   // throws TooManyRequests with a retry time
//   ... do the thing ...
import type { Db } from "./db.server";
import { lockKey } from "./locks.server";
import { TooManyRequests } from "./errors";
import { evaluateLimit, LONGEST_LIMIT_WINDOW_MINUTES, retryMessage, type LimitResult, type LimitRule } from "./limits";
import { addMinutes, nowIso } from "./time";

export const limitKey = (rule: Pick<LimitRule, "name">, subject: string | number) => `${rule.name}:${subject}`;

/** Is one more event allowed for this subject now, and if not, when? Reads at most `limit` rows. */
export async function checkRateLimit(db: Db, rule: LimitRule, subject: string | number, now: Date = new Date()): Promise<LimitResult> {
  const since = addMinutes(now, -rule.windowMinutes).toISOString();
  const rows = await db.selectFrom("rate_limit_events").select("at")
    .where("key", "=", limitKey(rule, subject)).where("at", ">", since)
    .orderBy("at", "desc").limit(rule.limit).execute();
  return evaluateLimit(rows.map((r) => r.at), rule, now);
}

export async function recordRateLimitEvent(db: Db, rule: LimitRule, subject: string | number, now: Date = new Date()): Promise<void> {
  await db.insertInto("rate_limit_events").values({ key: limitKey(rule, subject), at: nowIso(now) }).execute();
}

/** Throws TooManyRequests ("You can … after <time>") when the limit is reached; does not record. */
export async function assertWithinRateLimit(db: Db, rule: LimitRule, subject: string | number, now: Date = new Date()): Promise<void> {
  const result = await checkRateLimit(db, rule, subject, now);
  if (!result.allowed) throw new TooManyRequests(retryMessage(rule, result.retryAt));
}

/** Checks the limit and records one event; throws TooManyRequests when the limit is reached. */
export async function enforceRateLimit(db: Db, rule: LimitRule, subject: string | number, now: Date = new Date()): Promise<void> {
  // Parallel actions of one subject (PostgreSQL) count one after the other, so none slips past the limit.
  await lockKey(db, `rate-limit:${limitKey(rule, subject)}`);
  await assertWithinRateLimit(db, rule, subject, now);
  await recordRateLimitEvent(db, rule, subject, now);
}

/** A limit that is stricter in a member's first week (posting, flagging): looks up when they joined, then enforces it. */
export async function enforceMemberRateLimit(db: Db, ruleFor: (member: { joinedAt: string }) => LimitRule, memberId: number): Promise<void> {
  const { joined_at: joinedAt } = await db.selectFrom("people").select("joined_at").where("id", "=", memberId).executeTakeFirstOrThrow();
  await enforceRateLimit(db, ruleFor({ joinedAt }), memberId);
}

/** Forgets events, and failed sign-ins, that no rule's window can reach any more (run by the jobs). */
export async function pruneRateLimitEvents(db: Db, now: Date = new Date()): Promise<number> {
  const before = addMinutes(now, -LONGEST_LIMIT_WINDOW_MINUTES).toISOString();
  const events = await db.deleteFrom("rate_limit_events").where("at", "<=", before).executeTakeFirst();
  const failures = await db.deleteFrom("sign_in_failures").where("at", "<=", before).executeTakeFirst();
  return Number(events.numDeletedRows) + Number(failures.numDeletedRows);
}
