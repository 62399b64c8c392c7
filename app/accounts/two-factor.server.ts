// Two-factor sign-in: enrolment (a QR code and the secret as text, confirmed by one code; ten
// single-use recovery codes shown once and stored hashed), the second step of signing in (codes
// rate-limited per account, none accepted twice), and a founder's reset of someone else's.
// Required for staff in production mode (permissions.ts needsTwoFactorEnrolment); optional for members.
import QRCode from "qrcode";
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { TWO_FACTOR_LIMIT } from "../platform/limits";
import { kickDelivery, queueEmail } from "../platform/mail.server";
import { enforceRateLimit } from "../platform/rate-limit.server";
import { signIds, verifyIds } from "../platform/signed-token.server";
import { nowIso } from "../platform/time";
import { generateToken, hashToken } from "../platform/tokens.server";
import { getEnv } from "../platform/env.server";
import { isSealed, openSecret, sealSecret } from "../platform/secret-box.server";
import { can, mustUseTwoFactor, type Actor } from "./permissions";
import { checkTotp, generateTotpSecret, totpUri } from "./totp";

export const RECOVERY_CODE_COUNT = 10;
const PENDING_COOKIE = "council_2fa";
const PENDING_MINUTES = 10;

/** "abcde-fghij": 50 random bits, easy to type. */
const newRecoveryCode = () => { const t = generateToken().slice(0, 10); return `${t.slice(0, 5)}-${t.slice(5)}`; };
const normalizeRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[^a-z0-9]/g, "");
/** TOTP keys are stored encrypted (secret-box.server.ts), bound to their person. */
const totpContext = (personId: number) => `totp:${personId}`;

/** /settings/security: whether two-factor is on, whether it is required, and an enrolment in progress. */
export async function getTwoFactorStatus(db: Db, actor: Actor) {
  const person = await db.selectFrom("people").select(["email", "totp_enabled_at", "totp_pending_secret"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
  const left = await db.selectFrom("recovery_codes").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("person_id", "=", actor.id).where("used_at", "is", null).executeTakeFirstOrThrow();
  const secret = person.totp_pending_secret && !person.totp_enabled_at ? openSecret(person.totp_pending_secret, totpContext(actor.id)) : null;
  const pending = secret ? { secret, qrSvg: await QRCode.toString(totpUri(secret, person.email), { type: "svg", margin: 1, width: 200 }) } : null;
  return { enabledAt: person.totp_enabled_at, recoveryCodesLeft: Number(left.n), required: mustUseTwoFactor(actor, getEnv().mode), pending };
}

/** Starts (or restarts) enrolment with a new secret; nothing changes for sign-in until a code confirms it. */
export async function startTwoFactorEnrolment(db: Db, actor: Actor) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const person = await db.selectFrom("people").select("totp_enabled_at").where("id", "=", actor.id).executeTakeFirstOrThrow();
  if (person.totp_enabled_at) throw new Conflict("Two-factor sign-in is already on.");
  await db.updateTable("people").set({ totp_pending_secret: sealSecret(generateTotpSecret(), totpContext(actor.id)) }).where("id", "=", actor.id).execute();
}

/** One code from the app confirms the secret: two-factor is on, and the ten recovery codes are returned (shown once). */
export async function confirmTwoFactorEnrolment(db: Db, actor: Actor, code: string, now = new Date()): Promise<string[]> {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("people").select(["email", "name", "totp_pending_secret", "totp_enabled_at"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
    if (person.totp_enabled_at) throw new Conflict("Two-factor sign-in is already on.");
    if (!person.totp_pending_secret) throw new Invalid("Start the set-up first.", { code: "Start the set-up first." });
    const secret = openSecret(person.totp_pending_secret, totpContext(actor.id));
    const check = checkTotp(secret, code, now, null);
    if (!check.ok) throw new Invalid("That code did not match.", { code: "That code did not match. Check the app shows Council with your email, and type the current code." });
    await trx.updateTable("people").set({ totp_secret: sealSecret(secret, totpContext(actor.id)), totp_pending_secret: null, totp_enabled_at: nowIso(now), totp_last_step: check.step })
      .where("id", "=", actor.id).execute();
    await trx.deleteFrom("recovery_codes").where("person_id", "=", actor.id).execute();
    await trx.insertInto("recovery_codes").values(codes.map((c) => ({ person_id: actor.id, code_hash: hashToken(normalizeRecoveryCode(c)), created_at: nowIso(now), used_at: null }))).execute();
    await queueEmail(trx, { to: person.email, kind: "two_factor_enabled", subject: "Two-factor sign-in is on for your Council account",
      text: `Dear ${person.name},\n\nTwo-factor sign-in is now on: after your password, Council asks for a code from your authenticator app.\nIf this was not you, tell a founder at once.\n\n— Council\n` });
    await recordAudit(trx, { actorId: actor.id, action: "two_factor.enabled", subjectType: "person", subjectId: actor.id });
  });
  kickDelivery(db);
  return codes;
}

/** Turns two-factor off with a current code. Staff who must use it cannot. */
export async function disableTwoFactor(db: Db, actor: Actor, code: string, now = new Date()) {
  if (mustUseTwoFactor(actor, getEnv().mode)) throw new Forbidden("Founders, moderators and chapter presidents must keep two-factor sign-in on.");
  await verifySecondFactor(db, actor.id, code, now);
  await db.transaction().execute(async (trx) => {
    await clearTwoFactor(trx, actor.id);
    await recordAudit(trx, { actorId: actor.id, action: "two_factor.disabled", subjectType: "person", subjectId: actor.id });
  });
}

async function clearTwoFactor(trx: Db, personId: number) {
  await trx.updateTable("people").set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null }).where("id", "=", personId).execute();
  await trx.deleteFrom("recovery_codes").where("person_id", "=", personId).execute();
}

/** A founder resets someone else's two-factor (a lost phone): they enrol again at their next staff page. Audited; the member is emailed. */
export async function resetTwoFactor(db: Db, actor: Actor, personId: number, reason: string) {
  if (!can(actor, "reset_two_factor", { personId })) {
    throw new Forbidden(personId === actor.id ? "No one resets their own two-factor sign-in; ask another founder." : "Only founders reset two-factor sign-in.");
  }
  if (reason.trim().length < 5) throw new Invalid("Say why.", { reason: "Say in a sentence why (for example: lost phone, confirmed by a call)." });
  await db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("people").select(["name", "email", "totp_enabled_at"]).where("id", "=", personId).executeTakeFirst();
    if (!person) throw new NotFound("No such member.");
    if (!person.totp_enabled_at) throw new Conflict(`${person.name} does not use two-factor sign-in.`);
    await clearTwoFactor(trx, personId);
    await queueEmail(trx, { to: person.email, kind: "two_factor_reset", subject: "Your Council two-factor sign-in was reset",
      text: `Dear ${person.name},\n\n${actor.name}, a founder, reset your two-factor sign-in. Reason: ${reason.trim()}\n\nYou now sign in with your password alone; set up two-factor again at /settings/security (staff must, before their staff pages open).\nIf you did not ask for this, tell the founders at once.\n\n— Council\n` });
    await recordAudit(trx, { actorId: actor.id, action: "two_factor.reset", subjectType: "person", subjectId: personId, reason: reason.trim() });
  });
  kickDelivery(db);
}

export async function hasTwoFactor(db: Db, personId: number): Promise<boolean> {
  const person = await db.selectFrom("people").select("totp_enabled_at").where("id", "=", personId).executeTakeFirst();
  return !!person?.totp_enabled_at;
}

/**
 * Checks a second-factor code for a person: an authenticator code (not one already used) or an
 * unused recovery code (then used up). At most 5 tries per account in 15 minutes.
 */
export async function verifySecondFactor(db: Db, personId: number, typed: string, now = new Date()): Promise<"totp" | "recovery_code"> {
  // Counted outside the check's transaction, so a wrong code still counts.
  await enforceRateLimit(db, TWO_FACTOR_LIMIT, personId, now);
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("people").select(["totp_secret", "totp_last_step", "status"]).where("id", "=", personId).executeTakeFirst();
    if (!person?.totp_secret || person.status !== "active") throw new Invalid("Sign in again.", { code: "Sign in again with your password." });
    if (/[a-z]/i.test(typed)) {
      const hash = hashToken(normalizeRecoveryCode(typed));
      const used = await trx.updateTable("recovery_codes").set({ used_at: nowIso(now) })
        .where("person_id", "=", personId).where("code_hash", "=", hash).where("used_at", "is", null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw new Invalid("That recovery code is not valid.", { code: "That recovery code is not valid, or was already used." });
      await recordAudit(trx, { actorId: personId, action: "two_factor.recovery_code_used", subjectType: "person", subjectId: personId });
      return "recovery_code" as const;
    }
    const check = checkTotp(openSecret(person.totp_secret, totpContext(personId)), typed, now, person.totp_last_step);
    if (!check.ok) {
      throw new Invalid("That code did not work.", {
        code: check.reason === "replayed" ? "That code was already used. Wait for the next one in your app." : "That code is not right. Type the 6 digits your app shows now.",
      });
    }
    // A key stored before encryption was added is sealed on its first use.
    const resealed = isSealed(person.totp_secret) ? {} : { totp_secret: sealSecret(person.totp_secret, totpContext(personId)) };
    await trx.updateTable("people").set({ totp_last_step: check.step, ...resealed }).where("id", "=", personId).execute();
    return "totp" as const;
  });
}

// ---- the half-signed-in step: password accepted, code not yet ------------------------------------

/** A cookie saying "this person's password was right", signed and valid 10 minutes. */
export function pendingSecondFactorCookie(personId: number, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + PENDING_MINUTES * 60;
  const secure = getEnv().mode === "production" ? "; Secure" : "";
  return `${PENDING_COOKIE}=${signIds("two-factor-sign-in", [personId, expires])}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${PENDING_MINUTES * 60}${secure}`;
}

export const clearPendingSecondFactorCookie = () => `${PENDING_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;

/** The person whose password was accepted in the last 10 minutes on this browser, or null. */
export function pendingSecondFactorPerson(request: Request, now = new Date()): number | null {
  const raw = (request.headers.get("Cookie") ?? "").split(";").map((p) => p.trim()).find((p) => p.startsWith(`${PENDING_COOKIE}=`));
  const ids = raw ? verifyIds("two-factor-sign-in", raw.slice(PENDING_COOKIE.length + 1), 2) : null;
  if (!ids || ids[1]! * 1000 <= now.getTime()) return null;
  return ids[0]!;
}
