// Resigning (/settings/resign): a member leaves of their own accord. Confirmed with the current
// password; in one transaction every session ends, they leave the directory and every role, their
// sign-in secrets are cleared, and their name is replaced by "Former member" wherever it is shown —
// what they wrote stays (posts, and messages with the other party). Their address is freed
// (email_normalized) so they may apply again; `former_email_normalized` lets a reviewer see it.
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden } from "../platform/errors";
import { kickDelivery, queueEmail } from "../platform/mail.server";
import { nowIso } from "../platform/time";
import { normalizeEmail } from "../accounts/auth.server";
import { FORMER_MEMBER_NAME } from "../accounts/former-member";
import { verifyCurrentPassword } from "../accounts/password-change.server";
import { can, type Actor } from "../accounts/permissions";
import { invalidateAllSessions } from "../accounts/session.server";
import { bumpThreadsOfAuthor } from "../forum/thread-page-cache.server";
import { revocationSubject } from "./revocation.server";


const LAST_FOUNDER = "You are the council's last active founder. Appoint another founder before you resign, so the council is never left without one.";

/** What the resign page needs: whether this member may resign, and why not. */
export async function resignationCheck(db: Db, actor: Actor) {
  const mayResign = can(actor, "resign_membership", await revocationSubject(db, actor.id));
  return { mayResign, refusal: mayResign ? null : LAST_FOUNDER };
}

/** Ends the actor's membership at their own request. Returns nothing: the caller signs the browser out. */
export async function resignMembership(db: Db, actor: Actor, input: { currentPassword: string; reason?: string }, now = new Date()) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  await verifyCurrentPassword(db, actor.id, input.currentPassword, now);
  await db.transaction().execute(async (trx) => {
    // Read in the transaction: two founders resigning at once must not leave the council with none.
    const subject = await revocationSubject(trx, actor.id);
    if (!can(actor, "resign_membership", subject)) throw new Conflict(LAST_FOUNDER);
    const person = await trx.selectFrom("people").select(["email", "name"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
    await trx.updateTable("people").set({
      status: "resigned", resigned_at: nowIso(now), former_email_normalized: normalizeEmail(person.email),
      // A unique placeholder that no address can equal (no "@"), so the address is free to apply and join again.
      email_normalized: `resigned:${actor.id}`,
      name: FORMER_MEMBER_NAME, title: "", company: "", bio: "", profile_url: null, chapter_id: null, password_hash: null,
      totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null,
    }).where("id", "=", actor.id).execute();
    await bumpThreadsOfAuthor(trx, actor.id); // their posts now read "Former member"
    await trx.deleteFrom("person_roles").where("person_id", "=", actor.id).execute();
    await trx.deleteFrom("recovery_codes").where("person_id", "=", actor.id).execute();
    await trx.deleteFrom("password_resets").where("person_id", "=", actor.id).execute();
    await invalidateAllSessions(trx, actor.id);
    await queueEmail(trx, {
      to: person.email, kind: "membership_resigned", subject: "You have left Council",
      text: `Dear ${person.name},\n\nYour resignation from Council is done: you are signed out everywhere and no longer in the member directory. ` +
        `What you wrote stays, attributed to "${FORMER_MEMBER_NAME}"; your direct messages stay with the people you wrote to.\n\n` +
        `You are welcome to apply again at any time through the ordinary application.\n\n— Council\n`,
    });
    await recordAudit(trx, {
      actorId: actor.id, action: "membership.resigned", subjectType: "person", subjectId: actor.id,
      reason: input.reason?.trim() || "Resigned at their own request.", details: { roles: subject.personRoles },
    });
  });
  kickDelivery(db);
}

/** When an address belonged to someone who resigned: shown to the reviewer of a new application. */
export async function formerMembershipsOf(db: Db, email: string) {
  return db.selectFrom("people").select(["id", "joined_at", "resigned_at"])
    .where("former_email_normalized", "=", normalizeEmail(email)).where("status", "=", "resigned").orderBy("id").execute();
}
