// Rate limits: how much of something a member may do in a sliding window, and when they may try
// again. Pure (no I/O): app/platform/rate-limit.server.ts reads the recent events from the database and
// asks evaluateLimit(); sign-in uses the same evaluation over its failed attempts.
//
// The council's numbers, in one table a founder can read:
//
// | what                      | established member | first week (joined < 7 days ago) |
// |---------------------------|--------------------|----------------------------------|
// | new conversations         | 10 a day (exec.)   | same                             |
// |                           | 3 a day (consult.) | same                             |
// | messages                  | 30 an hour         | same                             |
// | posts (threads + replies) | 20 an hour         | 5 an hour                        |
// | new threads               | 10 a day           | 3 a day                          |
// | flags                     | 20 a day           | 5 a day                          |
//
// Why consultants start fewer conversations: the council protects executives from being hounded
// (rule 5). Everything else is the same for every member type; only newness counts.
import type { MemberType } from "../../db/schema";
import { formatDateTime } from "./time";

export type LimitRule = {
  /** Stable name, used as the first part of the event key ("conversation.start:42"). */
  name: string;
  limit: number;
  windowMinutes: number;
  /** What the person may do again, for the message: "start another conversation". */
  doAgain: string;
};
export type LimitResult = { allowed: true; retryAt: null; used: number } | { allowed: false; retryAt: string; used: number };

const HOUR = 60;
const DAY = 24 * HOUR;
export const FIRST_WEEK_DAYS = 7;
/** The longest window any rule below uses (sign-in's per-account ceiling included); older events can be forgotten. Raise it if a rule needs longer. */
export const LONGEST_LIMIT_WINDOW_MINUTES = DAY;

/**
 * Given the times (ISO) of the most recent events under a key — at least `rule.limit` of them when
 * there are that many, in any order — is one more allowed now, and if not, when? The answer is the
 * moment the limit-th most recent event leaves the window.
 */
export function evaluateLimit(times: string[], rule: Pick<LimitRule, "limit" | "windowMinutes">, now: Date = new Date()): LimitResult {
  const windowStart = now.getTime() - rule.windowMinutes * 60_000;
  const recent = times.map((t) => new Date(t).getTime()).filter((t) => t > windowStart).sort((a, b) => b - a);
  if (recent.length < rule.limit) return { allowed: true, retryAt: null, used: recent.length };
  const retryAt = new Date(recent[rule.limit - 1]! + rule.windowMinutes * 60_000).toISOString();
  return { allowed: false, retryAt, used: recent.length };
}

/** "You can start another conversation after Nov 23, 2026, 02:15 PM UTC." */
export function retryMessage(rule: Pick<LimitRule, "doAgain" | "limit" | "windowMinutes">, retryAt: string): string {
  return `You have reached the limit of ${rule.limit} ${windowWords(rule.windowMinutes)}. You can ${rule.doAgain} after ${formatDateTime(retryAt)}.`;
}

function windowWords(minutes: number): string {
  if (minutes === DAY) return "a day";
  if (minutes === HOUR) return "an hour";
  if (minutes % DAY === 0) return `in ${minutes / DAY} days`;
  if (minutes % HOUR === 0) return `in ${minutes / HOUR} hours`;
  return `in ${minutes} minutes`;
}

/** A member in their first week (joined less than 7 days ago) gets the stricter posting and flagging limits. */
export function isInFirstWeek(joinedAt: string, now: Date = new Date()): boolean {
  return now.getTime() - new Date(joinedAt).getTime() < FIRST_WEEK_DAYS * DAY * 60_000;
}

type LimitSubject = { memberType: MemberType };
type Newcomer = { joinedAt: string };

/** New conversations a member may start per day. */
export function newConversationLimitFor(member: LimitSubject): LimitRule {
  return {
    name: "conversation.start",
    limit: member.memberType === "consultant" ? 3 : 10,
    windowMinutes: DAY,
    doAgain: "start another conversation",
  };
}

/** Messages (in any conversation) a member may send per hour. */
export const MESSAGE_LIMIT: LimitRule = { name: "message.send", limit: 30, windowMinutes: HOUR, doAgain: "send another message" };

/** Posts (new threads and replies) per hour: stricter in a member's first week. */
export function postingLimitFor(member: Newcomer, now: Date = new Date()): LimitRule {
  return { name: "post.create", limit: isInFirstWeek(member.joinedAt, now) ? 5 : 20, windowMinutes: HOUR, doAgain: "post again" };
}

/** New threads per day: stricter in a member's first week. */
export function threadLimitFor(member: Newcomer, now: Date = new Date()): LimitRule {
  return { name: "thread.create", limit: isInFirstWeek(member.joinedAt, now) ? 3 : 10, windowMinutes: DAY, doAgain: "start another thread" };
}

/** Flags per day: stricter in a member's first week. */
export function flaggingLimitFor(member: Newcomer, now: Date = new Date()): LimitRule {
  return { name: "flag.create", limit: isInFirstWeek(member.joinedAt, now) ? 5 : 20, windowMinutes: DAY, doAgain: "flag another post" };
}

// ---- sign-in ---------------------------------------------------------------------------------
//
// Failed sign-ins are throttled so that guessing is slow and nobody can lock someone else out:
//
// | counted failures                         | limit | window     |
// |------------------------------------------|-------|------------|
// | this account from this IP address        | 5     | 15 minutes |
// | this IP address, any account             | 30    | 15 minutes |
// | this account from anywhere (the ceiling) | 50    | 24 hours   |
//
// The first two stop one address guessing; they never touch the account owner elsewhere. The
// ceiling, higher and slower, stops guessing spread over many addresses; it does not apply in a
// browser that has signed in to this account before (a signed "known browser" cookie), so an attacker
// who reaches it cannot keep the owner out of their own browsers. (A second sign-in factor, when
// there is one, is the other way past the ceiling.)

export type SignInRule = Pick<LimitRule, "limit" | "windowMinutes">;
export const SIGN_IN_RULES = {
  accountAndIp: { limit: 5, windowMinutes: 15 },
  ip: { limit: 30, windowMinutes: 15 },
  account: { limit: 50, windowMinutes: DAY },
} as const satisfies Record<string, SignInRule>;
export type SignInRuleName = keyof typeof SIGN_IN_RULES;

/** The times (ISO) of recent failed sign-ins, counted three ways. */
export type SignInFailures = Record<SignInRuleName, string[]>;

export type SignInThrottle = { allowed: true } | { allowed: false; rule: SignInRuleName; retryAt: string };

/**
 * May this sign-in attempt go ahead? `knownBrowser`: the browser has signed in to this account
 * before, which lifts the per-account ceiling (never the per-address limits). When several limits are
 * reached, the answer names the one that lasts longest.
 */
export function evaluateSignIn(failures: SignInFailures, knownBrowser: boolean, now: Date = new Date()): SignInThrottle {
  let refusal: SignInThrottle = { allowed: true };
  for (const rule of Object.keys(SIGN_IN_RULES) as SignInRuleName[]) {
    if (rule === "account" && knownBrowser) continue;
    const result = evaluateLimit(failures[rule], SIGN_IN_RULES[rule], now);
    if (!result.allowed && (refusal.allowed || result.retryAt > refusal.retryAt)) refusal = { allowed: false, rule, retryAt: result.retryAt };
  }
  return refusal;
}

/** What the person is told when a sign-in limit is reached. */
export function signInRefusalMessage(refusal: { rule: SignInRuleName; retryAt: string }): string {
  const when = formatDateTime(refusal.retryAt);
  if (refusal.rule === "account") {
    return `Too many failed sign-in attempts on this account from browsers it has not signed in from. You can try again here after ${when}; a browser you have signed in with before can sign in now. Or ask a founder to reset your password.`;
  }
  return `Too many failed sign-in attempts. Please wait: you can try again after ${when}, or ask a founder to reset your password.`;
}

/** Password reset links asked for one address, per hour (whether or not it is a member's: the answer never tells). */
export const PASSWORD_RESET_ADDRESS_LIMIT: LimitRule = { name: "password_reset.address", limit: 3, windowMinutes: HOUR, doAgain: "ask for another reset link for this address" };
/** Password reset links asked from one IP address, per hour. */
export const PASSWORD_RESET_IP_LIMIT: LimitRule = { name: "password_reset.ip", limit: 10, windowMinutes: HOUR, doAgain: "ask for another reset link" };

/** Two-factor codes (authenticator or recovery) tried for one account in 15 minutes. */
export const TWO_FACTOR_LIMIT: LimitRule = { name: "two_factor.code", limit: 5, windowMinutes: 15, doAgain: "enter a code again" };

/** Requests to change one's email address (each sends a link to the new address), per account in an hour. */
export const EMAIL_CHANGE_LIMIT: LimitRule = { name: "email_change.request", limit: 3, windowMinutes: HOUR, doAgain: "ask to change your email again" };

/** Wrong current passwords typed on the change-password, change-email and resign forms, per account in 15 minutes. */
export const PASSWORD_CHANGE_LIMIT: LimitRule = { name: "password_change.wrong", limit: 5, windowMinutes: 15, doAgain: "try your current password again" };
