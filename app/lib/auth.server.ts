import { hash, verify } from "@node-rs/argon2";
import type { Db } from "./db.server";
import { Invalid, TooManyRequests } from "./errors";
import { addMinutes, nowIso } from "./time";

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane. @node-rs/argon2 defaults to argon2id.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
export const hashPassword = (password: string) => hash(password, ARGON2);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password).catch(() => false);

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Failed sign-ins allowed within the window before we ask the person to wait. */
export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30, windowMinutes: 15 };

// A real hash to verify against when the email is unknown, so timing does not reveal who is a member.
let decoyHash: Promise<string> | undefined;

export async function signIn(db: Db, input: { email: string; password: string; ip: string }, now = new Date()) {
  const email = normalizeEmail(input.email);
  const since = addMinutes(now, -SIGN_IN_LIMITS.windowMinutes).toISOString();
  const [byAccount, byIp] = await Promise.all([
    db.selectFrom("sign_in_failures").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email_normalized", "=", email).where("at", ">", since).executeTakeFirstOrThrow(),
    db.selectFrom("sign_in_failures").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ip", "=", input.ip).where("at", ">", since).executeTakeFirstOrThrow(),
  ]);
  if (Number(byAccount.n) >= SIGN_IN_LIMITS.perAccount || Number(byIp.n) >= SIGN_IN_LIMITS.perIp) {
    throw new TooManyRequests(
      `Too many failed sign-in attempts. Please wait ${SIGN_IN_LIMITS.windowMinutes} minutes and try again, or ask a founder to reset your password.`,
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
