import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../platform/db.server";
import { Invalid, TooManyRequests } from "../platform/errors";
import { evaluateSignIn, signInRefusalMessage, SIGN_IN_RULES, type SignInRuleName } from "../platform/limits";
import { addMinutes, nowIso } from "../platform/time";

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. @node-rs/argon2 defaults to argon2id.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

// A real hash to verify against when the email is unknown, so timing does not reveal who is a member.
let decoyHash: Promise<string> | undefined;

/** One sign-in attempt, as the throttle sees it. `knownBrowser`: this browser has signed in to this account before. */
export type SignInAttempt = { email: string; ip: string; knownBrowser: boolean };

/**
 * The sign-in throttle (rules in app/platform/limits.ts): throws TooManyRequests, saying when to try
 * again, when failed attempts have reached a limit. Every step of signing in calls it before checking
 * a secret (the password now; a second factor, when there is one).
 */
export async function enforceSignInThrottle(db: Db, attempt: SignInAttempt, now = new Date()): Promise<void> {
  const email = normalizeEmail(attempt.email);
  const recent = (rule: SignInRuleName) =>
    db.selectFrom("sign_in_failures").select("at")
      .where("at", ">", addMinutes(now, -SIGN_IN_RULES[rule].windowMinutes).toISOString())
      .orderBy("at", "desc").limit(SIGN_IN_RULES[rule].limit);
  const times = (rows: { at: string }[]) => rows.map((r) => r.at);
  const [accountAndIp, ip, account] = await Promise.all([
    recent("accountAndIp").where("email_normalized", "=", email).where("ip", "=", attempt.ip).execute().then(times),
    recent("ip").where("ip", "=", attempt.ip).execute().then(times),
    attempt.knownBrowser ? [] : recent("account").where("email_normalized", "=", email).execute().then(times),
  ]);
  const verdict = evaluateSignIn({ accountAndIp, ip, account }, attempt.knownBrowser, now);
  if (!verdict.allowed) throw new TooManyRequests(signInRefusalMessage(verdict));
}

/** Counts a failed attempt (a wrong password, or later a wrong second factor) against all three limits. */
export async function recordSignInFailure(db: Db, attempt: Pick<SignInAttempt, "email" | "ip">, now = new Date()): Promise<void> {
  await db.insertInto("sign_in_failures").values({ email_normalized: normalizeEmail(attempt.email), ip: attempt.ip, at: nowIso(now) }).execute();
}

/**
 * Checks an email and password. `browserPersonId` is whom this browser has signed in as before (the
 * known-browser cookie), if anyone. Returns the person's id; throws Invalid or TooManyRequests.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string; browserPersonId?: number | null }, now = new Date()) {
  const email = normalizeEmail(input.email);
  const person = await db
    .selectFrom("people").select(["id", "password_hash", "status"])
    .where("email_normalized", "=", email).executeTakeFirst();
  const attempt: SignInAttempt = { email, ip: input.ip, knownBrowser: person !== undefined && input.browserPersonId === person.id };
  await enforceSignInThrottle(db, attempt, now);

  decoyHash ??= hashPassword("decoy-password-for-timing");
  const ok = await verifyPassword(person?.password_hash ?? (await decoyHash), input.password);
  if (!person || !person.password_hash || !ok) {
    await recordSignInFailure(db, attempt, now);
    throw new Invalid("That email and password do not match a member account.", { password: "Check your password and try again." });
  }
  if (person.status !== "active") {
    throw new Invalid(
      person.status === "suspended"
        ? "Your membership is suspended pending a founder's review. You will hear from us by email."
        : "Your membership has been revoked. The email we sent you explains why and how to appeal.",
    );
  }
  // The owner's own mistakes from this address are forgiven; failures from elsewhere still count.
  await db.deleteFrom("sign_in_failures").where("email_normalized", "=", email).where("ip", "=", input.ip).execute();
  return person.id;
}
