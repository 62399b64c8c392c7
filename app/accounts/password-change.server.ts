// /settings/account: change the password. The current password is required (5 wrong tries per 15
// minutes), the new one must be strong (password-strength.server.ts), and every other session ends.
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Forbidden, Invalid } from "../platform/errors";
import { PASSWORD_CHANGE_LIMIT } from "../platform/limits";
import { absoluteUrl, kickDelivery, queueEmail } from "../platform/mail.server";
import { assertWithinRateLimit, recordRateLimitEvent } from "../platform/rate-limit.server";
import { hashPassword, verifyPassword } from "./auth.server";
import { newPasswordErrors } from "./password-strength.server";
import { can, type Actor } from "./permissions";

/**
 * Confirms a destructive or sensitive step (change password, change email, resign) with the current
 * password. Wrong passwords count against one limit per account (5 in 15 minutes); the error names the
 * `currentPassword` field.
 */
export async function verifyCurrentPassword(db: Db, personId: number, currentPassword: string, now = new Date()): Promise<void> {
  await assertWithinRateLimit(db, PASSWORD_CHANGE_LIMIT, personId, now);
  const person = await db.selectFrom("people").select("password_hash").where("id", "=", personId).executeTakeFirstOrThrow();
  if (!person.password_hash || !(await verifyPassword(person.password_hash, currentPassword))) {
    await recordRateLimitEvent(db, PASSWORD_CHANGE_LIMIT, personId, now);
    throw new Invalid("Your current password is not right.", { currentPassword: "That is not your current password." });
  }
}

export type PasswordChange = { currentPassword: string; password: string; passwordConfirm: string };

/** Changes the actor's password and ends every session but `keepSessionId` (this browser). Returns how many ended. */
export async function changePassword(db: Db, actor: Actor, input: PasswordChange, keepSessionId: string, now = new Date()): Promise<number> {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  await verifyCurrentPassword(db, actor.id, input.currentPassword, now);
  const person = await db.selectFrom("people").select(["name", "email", "company"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
  const errors = newPasswordErrors(input.password, input.passwordConfirm, [person.name, person.email, person.company]);
  if (input.password === input.currentPassword) errors.password ??= "Choose a password different from your current one.";
  if (Object.keys(errors).length) throw new Invalid("Please choose a stronger password.", errors);
  const passwordHash = await hashPassword(input.password);
  const ended = await db.transaction().execute(async (trx) => {
    await trx.updateTable("people").set({ password_hash: passwordHash }).where("id", "=", actor.id).execute();
    const result = await trx.deleteFrom("sessions").where("person_id", "=", actor.id).where("id", "!=", keepSessionId).executeTakeFirst();
    await queueEmail(trx, {
      to: person.email, kind: "password_changed", subject: "Your Council password was changed",
      text: `Dear ${person.name},\n\nThe password of your Council account was just changed from its settings, and every other session was signed out.\n\n` +
        `If this was not you, set a new password at ${absoluteUrl("/password/forgot")} and tell a founder.\n\n— Council\n`,
    });
    const count = Number(result.numDeletedRows);
    await recordAudit(trx, { actorId: actor.id, action: "password.changed", subjectType: "person", subjectId: actor.id, details: { otherSessionsEnded: count } });
    return count;
  });
  kickDelivery(db);
  return ended;
}
