// Changing one's email (/settings/account): the new address must be confirmed by following a
// single-use link mailed to it (only the token's SHA-256 is stored; valid 24 hours), and the old
// address is told, with how to secure the account. The change takes effect only on confirmation.
// The form answers the same whether or not another person owns the new address (no enumeration):
// that owner is simply told that someone tried. A free-webmail address (the policy's free_webmail
// rule, as for an application) does not take effect on confirmation: a reviewer approves or
// declines it in /review. Every step is audited.
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { EMAIL_CHANGE_LIMIT } from "../platform/limits";
import { absoluteUrl, kickDelivery, queueEmail } from "../platform/mail.server";
import { assertWithinRateLimit, recordRateLimitEvent } from "../platform/rate-limit.server";
import { addDays, formatDateTime, nowIso } from "../platform/time";
import { generateToken, hashToken, sameSecret } from "../platform/tokens.server";
import { normalizeEmail } from "../accounts/auth.server";
import { verifyCurrentPassword } from "../accounts/password-change.server";
import { can, type Actor } from "../accounts/permissions";
import { webmailNeedsReview } from "./eligibility";
import { getCurrentPolicy } from "./policy.server";

export const EMAIL_CHANGE_LINK_DAYS = 1;
export const emailChangePath = (token: string) => `/email-change/${token}`;

/** The one answer to a request, whoever owns the new address. */
export const emailChangeRequestedMessage = (newEmail: string) =>
  `We have emailed a confirmation link to ${newEmail}. Your address changes only when you follow it, within 24 hours. ` +
  "We also told your current address. Nothing arrived? Check the spelling and your spam folder, or ask again.";

/** How to secure the account, in every notice to the old address. */
const secureText = () =>
  `If this was not you, someone knows your password: change it at ${absoluteUrl("/settings/account")} (or ${absoluteUrl("/password/forgot")}) ` +
  "and tell a founder. An address change takes effect only when the link sent to the new address is followed.";

/**
 * Asks to change the actor's email. Checks the current password (the shared 5-wrong-tries limit), then at most
 * 3 requests an hour. A new request replaces an unconfirmed one. Returns the address to show in the one answer.
 */
export async function requestEmailChange(db: Db, actor: Actor, input: { newEmail: string; currentPassword: string }, now = new Date()) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const newEmail = input.newEmail.trim();
  const normalized = normalizeEmail(newEmail);
  if (normalized === normalizeEmail(actor.email)) throw new Invalid("That is already your address.", { newEmail: "That is already your address." });
  await verifyCurrentPassword(db, actor.id, input.currentPassword, now);
  await db.transaction().execute(async (trx) => {
    await assertWithinRateLimit(trx, EMAIL_CHANGE_LIMIT, actor.id, now);
    await recordRateLimitEvent(trx, EMAIL_CHANGE_LIMIT, actor.id, now);
    await trx.updateTable("email_changes").set({ status: "superseded" }).where("person_id", "=", actor.id).where("status", "=", "pending").execute();
    const person = await trx.selectFrom("people").select(["name", "email"]).where("id", "=", actor.id).executeTakeFirstOrThrow();
    const owner = await trx.selectFrom("people").select("id").where("email_normalized", "=", normalized).executeTakeFirst();
    if (owner) {
      // The address is someone's account: its owner hears that someone tried; the form says the same as ever.
      await queueEmail(trx, {
        to: newEmail, kind: "email_change_address_taken", subject: "Someone tried to use your address on Council",
        text: `Hello,\n\nSomeone asked to move a Council account to this address. It already belongs to a Council account, so nothing changed ` +
          `and nothing needs doing.\n\nIf you are a member and this worries you, change your password at ${absoluteUrl("/settings/account")}.\n\n— Council\n`,
      });
    } else {
      const token = generateToken();
      const expiresAt = addDays(now, EMAIL_CHANGE_LINK_DAYS);
      await trx.insertInto("email_changes").values({
        person_id: actor.id, old_email: person.email, new_email: newEmail, new_email_normalized: normalized, token_hash: hashToken(token),
        status: "pending", created_at: nowIso(now), expires_at: expiresAt.toISOString(),
      }).execute();
      await queueEmail(trx, {
        to: newEmail, kind: "email_change_confirm", subject: "Confirm your new Council address",
        text: `Dear ${person.name},\n\nYou asked to use this address for your Council account. Confirm it here:\n\n${absoluteUrl(emailChangePath(token))}\n\n` +
          `The link works once and until ${formatDateTime(expiresAt.toISOString())}. If you did not ask for this, ignore this email.\n\n— Council\n`,
      });
    }
    await queueEmail(trx, {
      to: person.email, kind: "email_change_notice", subject: "A change of your Council email address was requested",
      text: `Dear ${person.name},\n\nSomeone signed in to your Council account asked to change its email address to ${newEmail}. ` +
        `The change takes effect only if the link sent to that address is followed.\n\n${secureText()}\n\n— Council\n`,
    });
    await recordAudit(trx, {
      actorId: actor.id, action: "email_change.requested", subjectType: "person", subjectId: actor.id,
      details: { newEmail, addressTaken: Boolean(owner) },
    });
  });
  kickDelivery(db);
  return { newEmail };
}

async function findPendingChange(db: Db, token: string, now: Date) {
  const hash = hashToken(token);
  const row = await db.selectFrom("email_changes").innerJoin("people", "people.id", "email_changes.person_id")
    .select(["email_changes.id", "email_changes.token_hash", "email_changes.status", "email_changes.expires_at", "email_changes.new_email",
      "email_changes.new_email_normalized", "email_changes.old_email", "email_changes.person_id", "people.name", "people.email", "people.status as person_status"])
    .where("email_changes.token_hash", "=", hash).executeTakeFirst();
  if (!row || !sameSecret(row.token_hash, hash) || row.person_status !== "active" || row.status === "superseded") {
    throw new NotFound("This link is not valid. Ask for a new one from your account settings (/settings/account).");
  }
  if (row.status !== "pending") throw new NotFound("This link was already used.");
  if (row.expires_at <= nowIso(now)) throw new NotFound("This link has expired (links work for 24 hours). Ask for a new one from your account settings.");
  return row;
}

/** What the confirmation page shows before the button (opening the link changes nothing: mail scanners open links). */
export async function getEmailChangeByToken(db: Db, token: string, now = new Date()) {
  const row = await findPendingChange(db, token, now);
  const policy = await getCurrentPolicy(db);
  return { name: row.name, newEmail: row.new_email, needsReview: webmailNeedsReview(row.new_email_normalized, policy) };
}

/** Moves the person to the new address (in the caller's transaction), refusing if someone took it meanwhile. */
async function applyNewEmail(trx: Db, change: { person_id: number; new_email: string; new_email_normalized: string }) {
  const owner = await trx.selectFrom("people").select("id").where("email_normalized", "=", change.new_email_normalized)
    .where("id", "!=", change.person_id).executeTakeFirst();
  if (owner) throw new Conflict("This address now belongs to another Council account, so the change cannot be made. Your address is unchanged.");
  await trx.updateTable("people").set({ email: change.new_email, email_normalized: change.new_email_normalized }).where("id", "=", change.person_id).execute();
}

function changedEmails(c: { name: string; old_email: string; new_email: string }) {
  return [c.new_email, c.old_email].map((to) => ({
    to, kind: "email_changed", subject: "Your Council email address was changed",
    text: `Dear ${c.name},\n\nThe email address of your Council account is now ${c.new_email} (it was ${c.old_email}). Sign in with the new address from now on.\n\n` +
      `${secureText()}\n\n— Council\n`,
  }));
}

/**
 * Follows the confirmation link. Whoever holds the link controls the new address and the password was checked when
 * the change was asked for, so no session is needed (a member may open it on another device). A free-webmail
 * address goes to a reviewer; any other takes effect at once.
 */
export async function confirmEmailChange(db: Db, token: string, now = new Date()): Promise<{ outcome: "applied" | "review"; newEmail: string }> {
  const policy = await getCurrentPolicy(db);
  const result = await db.transaction().execute(async (trx) => {
    const row = await findPendingChange(trx, token, now);
    const review = webmailNeedsReview(row.new_email_normalized, policy);
    if (review) {
      await trx.updateTable("email_changes").set({ status: "review", confirmed_at: nowIso(now) }).where("id", "=", row.id).execute();
      await queueEmail(trx, {
        to: row.new_email, kind: "email_change_review", subject: "Your new Council address awaits a reviewer",
        text: `Dear ${row.name},\n\nThank you for confirming ${row.new_email}. It is a free webmail address, so under the council's eligibility policy ` +
          `(version ${policy.version}) a reviewer checks it before it replaces ${row.old_email}, as for an application. You will hear from us by email.\n\n— Council\n`,
      });
    } else {
      await applyNewEmail(trx, row);
      await trx.updateTable("email_changes").set({ status: "applied", confirmed_at: nowIso(now) }).where("id", "=", row.id).execute();
      for (const mail of changedEmails(row)) await queueEmail(trx, mail);
    }
    await recordAudit(trx, {
      actorId: row.person_id, action: review ? "email_change.sent_to_review" : "email_change.applied", subjectType: "person", subjectId: row.person_id,
      rule: review ? "free_webmail" : undefined, policyVersion: review ? policy.version : undefined,
      details: { emailChangeId: row.id, from: row.old_email, to: row.new_email },
    });
    return { outcome: review ? "review" as const : "applied" as const, newEmail: row.new_email };
  });
  kickDelivery(db);
  return result;
}

/** The actor's own change in progress, for /settings/account. */
export async function getOwnEmailChange(db: Db, actor: Actor, now = new Date()) {
  return (await db.selectFrom("email_changes").select(["new_email", "status", "expires_at"])
    .where("person_id", "=", actor.id)
    .where((eb) => eb.or([eb.and([eb("status", "=", "pending"), eb("expires_at", ">", nowIso(now))]), eb("status", "=", "review")]))
    .orderBy("id", "desc").executeTakeFirst()) ?? null;
}

/** Confirmed changes to a free-webmail address, oldest first: the reviewers' list in /review. */
export async function listEmailChangesForReview(db: Db, actor: Actor) {
  if (!can(actor, "review_applications")) throw new Forbidden();
  const rows = await db.selectFrom("email_changes").innerJoin("people", "people.id", "email_changes.person_id")
    .select(["email_changes.id", "email_changes.person_id", "email_changes.old_email", "email_changes.new_email", "email_changes.confirmed_at",
      "people.name", "people.title", "people.company"])
    .where("email_changes.status", "=", "review").where("people.status", "=", "active").orderBy("email_changes.id").execute();
  return rows.map((r) => ({ ...r, mayDecide: can(actor, "verify_email_changes", { personId: r.person_id }) }));
}

/** A reviewer approves (the address takes effect) or declines (a note is required; the member keeps the old one). */
export async function decideEmailChange(db: Db, actor: Actor, id: number, input: { decision: "approve" | "decline"; note: string }, now = new Date()) {
  const note = input.note.trim();
  if (input.decision === "decline" && note.length < 5) {
    throw new Invalid("Say why the address is declined.", { note: "When you decline, say in a sentence why; the member reads it." });
  }
  const policy = await getCurrentPolicy(db);
  await db.transaction().execute(async (trx) => {
    const change = await trx.selectFrom("email_changes").innerJoin("people", "people.id", "email_changes.person_id")
      .select(["email_changes.id", "email_changes.person_id", "email_changes.status", "email_changes.old_email", "email_changes.new_email",
        "email_changes.new_email_normalized", "people.name"])
      .where("email_changes.id", "=", id).executeTakeFirst();
    if (!change || !can(actor, "review_applications")) throw change ? new Forbidden() : new NotFound("No such email change.");
    if (!can(actor, "verify_email_changes", { personId: change.person_id })) throw new Forbidden("No one decides their own email change. Another reviewer will.");
    if (change.status !== "review") throw new Conflict("This email change was already decided.");
    const approved = input.decision === "approve";
    if (approved) await applyNewEmail(trx, change);
    await trx.updateTable("email_changes").set({
      status: approved ? "approved" : "declined", reviewed_by: actor.id, reviewed_at: nowIso(now), review_note: note || null,
    }).where("id", "=", id).execute();
    if (approved) {
      for (const mail of changedEmails(change)) await queueEmail(trx, mail);
    } else {
      await queueEmail(trx, {
        to: change.old_email, kind: "email_change_declined", subject: "Your new Council address was not accepted",
        text: `Dear ${change.name},\n\nA reviewer did not accept ${change.new_email} as your Council address, so your account keeps ${change.old_email}.\n\n` +
          `Their reason: ${note}\n\nA work address at your company is accepted without review.\n\n— Council\n`,
      });
    }
    await recordAudit(trx, {
      actorId: actor.id, action: approved ? "email_change.approved" : "email_change.declined", subjectType: "person", subjectId: change.person_id,
      rule: "free_webmail", policyVersion: policy.version, reason: note || "Address approved.",
      details: { emailChangeId: id, from: change.old_email, to: change.new_email },
    });
  });
  kickDelivery(db);
}
