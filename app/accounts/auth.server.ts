import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../platform/db.server";
import { Invalid, TooManyRequests } from "../platform/errors";
import { evaluateLimit } from "../platform/limits";
import { addMinutes, formatDateTime, nowIso } from "../platform/time";

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. @node-rs/argon2 defaults to argon2id.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Failed sign-ins allowed within the window before we ask the person to wait. */
export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30, windowMinutes: 15 };

// A real hash to verify against when the email is unknown, so timing does not reveal who is a member.
let decoyHash: Promise<string> | undefined;

const SIGN_IN_RULES = {
  perAccount: { limit: SIGN_IN_LIMITS.perAccount, windowMinutes: SIGN_IN_LIMITS.windowMinutes },
  perIp: { limit: SIGN_IN_LIMITS.perIp, windowMinutes: SIGN_IN_LIMITS.windowMinutes },
};

export async function signIn(db: Db, input: { email: string; password: string; ip: string }, now = new Date()) {
  const email = normalizeEmail(input.email);
  // Failed attempts are their own table (cleared on success); the window arithmetic is the shared one.
  const since = addMinutes(now, -SIGN_IN_LIMITS.windowMinutes).toISOString();
  const recentFailures = (column: "email_normalized" | "ip", value: string, limit: number) =>
    db.selectFrom("sign_in_failures").select("at").where(column, "=", value).where("at", ">", since)
      .orderBy("at", "desc").limit(limit).execute().then((rows) => rows.map((r) => r.at));
  const [byAccount, byIp] = await Promise.all([
    recentFailures("email_normalized", email, SIGN_IN_LIMITS.perAccount).then((t) => evaluateLimit(t, SIGN_IN_RULES.perAccount, now)),
    recentFailures("ip", input.ip, SIGN_IN_LIMITS.perIp).then((t) => evaluateLimit(t, SIGN_IN_RULES.perIp, now)),
  ]);
  const retryAt = [byAccount.retryAt, byIp.retryAt].filter((t): t is string => t !== null).sort().at(-1);
  if (retryAt) {
    throw new TooManyRequests(
      `Too many failed sign-in attempts. Please wait: you can try again after ${formatDateTime(retryAt)}, or ask a founder to reset your password.`,
    );
  }

  const person = await db
    .selectFrom("people").select(["id", "password_hash", "status"])
    .where("email_normalized", "=", email).executeTakeFirst();
  decoyHash ??= hashPassword("decoy-password-for-timing");
  const ok = await verifyPassword(person?.password_hash ?? (await decoyHash), input.password);
  if (!person || !person.password_hash || !ok) {
    await db.insertInto("sign_in_failures").values({ email_normalized: email, ip: input.ip, at: nowIso(now) }).execute();
    throw new Invalid("That email and password do not match a member account.", { password: "Check your password and try again." });
  }
  if (person.status !== "active") {
    throw new Invalid(
      person.status === "suspended"
        ? "Your membership is suspended pending a founder's review. You will hear from us by email."
        : "Your membership has been revoked. The email we sent you explains why and how to appeal.",
    );
  }
  await db.deleteFrom("sign_in_failures").where("email_normalized", "=", email).execute();
  return person.id;
}
