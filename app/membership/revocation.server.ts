import type { Db } from "../platform/db.server";
import { appealUrl } from "./appeal-token.server";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { queueEmail } from "../platform/mail.server";
import { can, type Actor } from "../accounts/permissions";
import { invalidateAllSessions } from "../accounts/session.server";
import { nowIso } from "../platform/time";
import { ruleLabel } from "./schemas/revoke";
import { countActiveFounders } from "./founders.server";

export type RevocationInput = { memberId: number; rule: string; reason: string; policyVersion?: number };

export { ruleLabel };

function validateRevocation(input: RevocationInput) {
  if (!input.rule.trim()) throw new Invalid("Name the rule this revocation is based on.", { rule: "Cite a rule." });
  if (input.reason.trim().length < 10) throw new Invalid("Give the reason in a sentence.", { reason: "At least 10 characters." });
}

/**
 * Ends a membership at once: status revoked, every session deleted, an audit row naming the rule,
 * and an email with the reason and an appeal link, all in one transaction. What the person wrote
 * stays. `actor` null means the system (a policy job). Returns the revocation's audit id.
 */
export async function revokeMembership(db: Db, actor: Actor | null, input: RevocationInput): Promise<{ auditId: number }> {
  validateRevocation(input);
  return db.transaction().execute(async (trx) => {
    // Who the person is decides who may revoke them, so it is read in the same transaction.
    const subject = await revocationSubject(trx, input.memberId);
    if (actor && !can(actor, "revoke_membership", subject)) throw new Forbidden(refusalMessage(actor, subject));
    if (!actor && subject.personRoles.includes("founder") && subject.activeFounders <= 1) {
      throw new Conflict("This is the council's last active founder; their membership cannot be revoked.");
    }
    return revokeWithin(trx, actor, input);
  });
}

/** What `can(…, "revoke_membership", …)` needs to know about the person: their roles and how many founders are active. */
export async function revocationSubject(db: Db, personId: number) {
  const roles = await db.selectFrom("person_roles").select("role").where("person_id", "=", personId).execute();
  return { personId, personRoles: roles.map((r) => r.role), activeFounders: await countActiveFounders(db) };
}

function refusalMessage(actor: Actor, subject: { personId: number; personRoles: string[] }): string | undefined {
  if (actor.id === subject.personId) return "You cannot revoke your own membership.";
  if (subject.personRoles.includes("founder")) return "Only another founder can revoke a founder's membership, and never the last active founder's.";
  if (subject.personRoles.some((r) => r === "moderator" || r === "chapter_president")) {
    return "Only a founder can revoke the membership of a moderator or a chapter president.";
  }
  return undefined;
}

/** The body of a revocation, for callers that already hold a transaction (the notice job). */
export async function revokeWithin(trx: Db, actor: Actor | null, input: RevocationInput): Promise<{ auditId: number }> {
  validateRevocation(input);
  const person = await trx.selectFrom("people").select(["id", "status", "name", "email"]).where("id", "=", input.memberId).executeTakeFirst();
  if (!person) throw new NotFound("No such member.");
  if (person.status === "revoked") throw new Conflict("This membership is already revoked.");
  await trx.updateTable("people").set({ status: "revoked", revoked_at: nowIso() }).where("id", "=", input.memberId).execute();
  await invalidateAllSessions(trx, input.memberId);
  const auditId = await recordAudit(trx, {
    actorId: actor?.id ?? null,
    action: "membership.revoked",
    subjectType: "person",
    subjectId: input.memberId,
    rule: input.rule,
    policyVersion: input.policyVersion,
    reason: input.reason,
  });
  await queueEmail(trx, {
    to: person.email,
    kind: "membership_revoked",
    subject: "Your Council membership has ended",
    text: [
      `Dear ${person.name},`,
      "",
      "Your membership of the council has ended, and you have been signed out everywhere.",
      "",
      `Rule: ${ruleLabel(input.rule)}${input.policyVersion ? ` (eligibility policy v${input.policyVersion})` : ""}`,
      `Reason: ${input.reason}`,
      "",
      "What you wrote stays in the council unless moderation removes it.",
      "",
      "How to appeal: open the link below (no sign-in needed) and tell the founders why the decision should change.",
      "They answer every appeal by email. They can reinstate a membership only when the current eligibility policy",
      "admits you; there are no individual exceptions.",
      "",
      appealUrl(input.memberId, auditId),
    ].join("\n"),
  });
  return { auditId };
}

/** Staff list of people for the revocation page: everyone, active first, then by name. */
export async function listPeopleForAdmin(db: Db, actor: Actor | null) {
  if (!can(actor, "revoke_membership")) throw new Forbidden();
  return db.selectFrom("people")
    .select(["id", "name", "email", "title", "company", "role_level", "member_type", "status", "joined_at", "revoked_at"])
    .orderBy("status", "asc").orderBy("name", "asc").execute();
}

/** One person, with their revocations, notices and appeals, for a moderator or founder. */
export async function getPersonForAdmin(db: Db, actor: Actor | null, personId: number) {
  if (!can(actor, "revoke_membership")) throw new Forbidden();
  const person = await db.selectFrom("people")
    .select(["id", "name", "email", "title", "company", "role_level", "member_type", "social_responsibility", "status", "joined_at", "revoked_at", "totp_enabled_at"])
    .where("id", "=", personId).executeTakeFirst();
  if (!person) throw new NotFound("No such member.");
  const history = await db.selectFrom("audit_log").leftJoin("people as actor", "actor.id", "audit_log.actor_id")
    .select(["audit_log.id", "audit_log.at", "audit_log.action", "audit_log.rule", "audit_log.policy_version", "audit_log.reason", "actor.name as actor_name"])
    .where("audit_log.subject_type", "=", "person").where("audit_log.subject_id", "=", personId)
    .orderBy("audit_log.id", "desc").execute();
  const notices = await db.selectFrom("membership_notices").select(["id", "policy_version", "revoke_at", "status"])
    .where("person_id", "=", personId).orderBy("id", "desc").execute();
  // Strikes from upheld flags, newest first (three sales-pitch strikes within a year suspend a member).
  const strikes = await db.selectFrom("strikes").select(["id", "rule", "recorded_at"]).where("person_id", "=", personId).orderBy("recorded_at", "desc").execute();
  const subject = await revocationSubject(db, personId);
  const canRevoke = person.status === "active" && can(actor, "revoke_membership", subject);
  return {
    person, history, notices, strikes, canRevoke,
    /** Why this staff member may not revoke this active member, when that is so. */
    revokeRefusal: person.status === "active" && !canRevoke && actor ? (refusalMessage(actor, subject) ?? null) : null,
    canLiftSuspension: person.status === "suspended" && can(actor, "lift_suspension", { personId }),
    canResetTwoFactor: person.totp_enabled_at !== null && can(actor, "reset_two_factor", { personId }),
  };
}
