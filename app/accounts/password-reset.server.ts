// Forgot password: a single-use link, valid 60 minutes, whose token is stored only as its SHA-256.
// Asking for a link answers the same whether or not the address is a member's (no account
// enumeration): the same message, the same limits, and no difference but a row or two written.
// Revoked and suspended people get no link. Setting the new password ends every session the member
// had, then signs them in (the route creates the new session).
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { NotFound, Invalid } from "../platform/errors";
import { PASSWORD_RESET_ADDRESS_LIMIT, PASSWORD_RESET_IP_LIMIT } from "../platform/limits";
import { absoluteUrl, kickDelivery, queueEmail } from "../platform/mail.server";
import { assertWithinRateLimit, recordRateLimitEvent } from "../platform/rate-limit.server";
import { addMinutes, formatDateTime, nowIso } from "../platform/time";
import { generateToken, hashToken, sameSecret } from "../platform/tokens.server";
import { hashPassword, normalizeEmail } from "./auth.server";
import { newPasswordErrors } from "./password-strength.server";
import { invalidateAllSessions } from "./session.server";

export const RESET_LINK_MINUTES = 60;

/** The one answer to "send me a link", for members and strangers alike. */
export const RESET_REQUESTED_MESSAGE =
  "If that address belongs to a member, a link to set a new password is on its way. It works once, for 60 minutes. " +
  "Nothing arrived? Check your spam folder, or ask again in a few minutes.";

export const resetPath = (token: string) => `/password/reset/${token}`;

/**
 * Records a request for a reset link and, when the address is an active member's, emails one.
 * Limits per address and per IP apply to every address, so they never tell members from strangers.
 * Returns nothing a caller could show differently.
 */
export async function requestPasswordReset(db: Db, input: { email: string; ip: string }, now = new Date()): Promise<void> {
  const email = normalizeEmail(input.email);
  await db.transaction().execute(async (trx) => {
    await assertWithinRateLimit(trx, PASSWORD_RESET_IP_LIMIT, input.ip, now);
    await assertWithinRateLimit(trx, PASSWORD_RESET_ADDRESS_LIMIT, email, now);
    await recordRateLimitEvent(trx, PASSWORD_RESET_IP_LIMIT, input.ip, now);
    await recordRateLimitEvent(trx, PASSWORD_RESET_ADDRESS_LIMIT, email, now);
    const person = await trx.selectFrom("people").select(["id", "name", "email", "status"])
      .where("email_normalized", "=", email).executeTakeFirst();
    if (!person || person.status !== "active") return;
    // A new link replaces any earlier one that was not used.
    await trx.deleteFrom("password_resets").where("person_id", "=", person.id).where("used_at", "is", null).execute();
    const token = generateToken();
    const expiresAt = addMinutes(now, RESET_LINK_MINUTES);
    await trx.insertInto("password_resets").values({
      person_id: person.id, token_hash: hashToken(token), created_at: nowIso(now), expires_at: expiresAt.toISOString(), used_at: null,
    }).execute();
    await queueEmail(trx, {
      to: person.email, kind: "password_reset", subject: "Set a new Council password",
      text: [
        `Dear ${person.name},`,
        "",
        "Someone (we hope you) asked to set a new password for your Council account. Open this link to choose one:",
        "",
        absoluteUrl(resetPath(token)),
        "",
        `The link works once and until ${formatDateTime(expiresAt.toISOString())}. Setting a new password signs you out everywhere else.`,
        "If you did not ask for this, ignore this email: your password stays as it is.",
        "",
        "— Council",
      ].join("\n"),
    });
    await recordAudit(trx, { actorId: null, action: "password.reset_requested", subjectType: "person", subjectId: person.id, details: { ip: input.ip } });
  });
  kickDelivery(db);
}

async function findUsableReset(db: Db, token: string, now: Date) {
  const hash = hashToken(token);
  const row = await db.selectFrom("password_resets")
    .innerJoin("people", "people.id", "password_resets.person_id")
    .select(["password_resets.id", "password_resets.token_hash", "password_resets.expires_at", "password_resets.used_at",
      "people.id as person_id", "people.name", "people.email", "people.company", "people.status"])
    .where("password_resets.token_hash", "=", hash).executeTakeFirst();
  if (!row || !sameSecret(row.token_hash, hash)) throw new NotFound("This link is not valid. Ask for a new one at /password/forgot.");
  if (row.used_at) throw new NotFound("This link was already used. Ask for a new one at /password/forgot if you need to.");
  if (row.expires_at <= nowIso(now)) throw new NotFound("This link has expired (links work for 60 minutes). Ask for a new one at /password/forgot.");
  if (row.status !== "active") throw new NotFound("This link is not valid. Ask for a new one at /password/forgot.");
  return row;
}

/** Who the link is for, for the form's greeting; NotFound (with what to do) when it cannot be used. */
export async function getPasswordReset(db: Db, token: string, now = new Date()) {
  const row = await findUsableReset(db, token, now);
  return { name: row.name, email: row.email, expiresAt: row.expires_at };
}

/**
 * Sets the new password, uses the link, ends every session the member had, emails them that the
 * password changed, and audits it, in one transaction. Returns the member's id to sign them in.
 */
export async function resetPassword(db: Db, input: { token: string; password: string; passwordConfirm: string }, now = new Date()): Promise<number> {
  const row = await findUsableReset(db, input.token, now);
  const errors = newPasswordErrors(input.password, input.passwordConfirm, [row.name, row.email, row.company]);
  if (Object.keys(errors).length) throw new Invalid("Please choose a stronger password.", errors);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    const used = await trx.updateTable("password_resets").set({ used_at: nowIso(now) })
      .where("id", "=", row.id).where("used_at", "is", null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new NotFound("This link was already used. Ask for a new one at /password/forgot if you need to.");
    await trx.updateTable("people").set({ password_hash: passwordHash }).where("id", "=", row.person_id).execute();
    await invalidateAllSessions(trx, row.person_id);
    await trx.deleteFrom("sign_in_failures").where("email_normalized", "=", normalizeEmail(row.email)).execute();
    await queueEmail(trx, {
      to: row.email, kind: "password_changed", subject: "Your Council password was changed",
      text: `Dear ${row.name},\n\nThe password of your Council account was just changed with a reset link, and every other session was signed out.\n\n` +
        `If this was not you, ask for a new link at ${absoluteUrl("/password/forgot")} and tell a founder.\n\n— Council\n`,
    });
    await recordAudit(trx, { actorId: row.person_id, action: "password.reset", subjectType: "person", subjectId: row.person_id, reason: "Password set with a reset link; every session ended." });
  });
  kickDelivery(db);
  return row.person_id;
}
