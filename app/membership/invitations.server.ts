// Invitations: single-use, hashed at rest, 14 days, revocable, re-sendable. Every invitation passes
// the eligibility policy, whether it comes from an approved application or from a founder directly.
import type { DirectInvitationInput } from "./schemas/invitation";
import { recordAudit } from "../platform/audit.server";
import { hashPassword, normalizeEmail } from "../accounts/auth.server";
import type { Db } from "../platform/db.server";
import { evaluateEligibility, type Applicant } from "./eligibility";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { absoluteUrl, kickDelivery, queueEmail } from "../platform/mail.server";
import { can, type Actor } from "../accounts/permissions";
import { getCurrentPolicy } from "./policy.server";
import { addDays, formatDate, nowIso } from "../platform/time";
import { generateToken, hashToken } from "../platform/tokens.server";

export const INVITATION_DAYS = 14;

/** Who is invited: the applicant the policy evaluates, and what their social responsibility is. */
export type Invitee = Applicant & { socialResponsibilityNote: string };

export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

type StateRow = { accepted_at: string | null; revoked_at: string | null; expires_at: string };
export function invitationState(row: StateRow, now = new Date()): InvitationState {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  return row.expires_at <= nowIso(now) ? "expired" : "pending";
}

function invitationEmail(invitee: { name: string; email: string }, token: string, expiresAt: Date) {
  return {
    to: invitee.email,
    kind: "invitation",
    subject: "Your invitation to Council",
    text:
      `Dear ${invitee.name},\n\n` +
      `You are invited to join Council, the private council of senior executives who own social strategy.\n\n` +
      `To accept, choose a password here:\n${absoluteUrl(`/invite/${token}`)}\n\n` +
      `The link works once and expires on ${formatDate(expiresAt.toISOString())}. If it has expired, reply to this email and a founder will send a new one.\n\n` +
      `— The Council founders\n`,
  };
}

/**
 * Creates a pending invitation and queues its email. Call inside the deciding transaction; the caller
 * has already checked the policy. Refuses when the person is a member or already holds a live invitation.
 */
export async function createInvitation(
  trx: Db,
  invitee: Invitee,
  meta: { invitedBy: number | null; applicationId: number | null; policyVersion: number },
  now = new Date(),
) {
  const email = normalizeEmail(invitee.email);
  const member = await trx.selectFrom("people").select("id").where("email_normalized", "=", email).executeTakeFirst();
  if (member) throw new Conflict(`${invitee.email} already belongs to a member account; no invitation was created.`);
  const live = await trx.selectFrom("invitations").select("id")
    .where("email_normalized", "=", email).where("accepted_at", "is", null).where("revoked_at", "is", null)
    .where("expires_at", ">", nowIso(now)).executeTakeFirst();
  if (live) throw new Conflict(`${invitee.email} already has an open invitation; re-send it from the invitations page instead.`);
  const token = generateToken();
  const expiresAt = addDays(now, INVITATION_DAYS);
  const row = await trx.insertInto("invitations").values({
    token_hash: hashToken(token), email: invitee.email.trim(), email_normalized: email, name: invitee.name, title: invitee.title,
    company: invitee.company, role_level: invitee.roleLevel, member_type: invitee.memberType,
    social_responsibility: invitee.socialResponsibility ? 1 : 0, social_responsibility_note: invitee.socialResponsibilityNote,
    application_id: meta.applicationId, invited_by: meta.invitedBy, policy_version: meta.policyVersion,
    created_at: nowIso(now), sent_at: nowIso(now), expires_at: expiresAt.toISOString(),
  }).returning("id").executeTakeFirstOrThrow();
  await queueEmail(trx, invitationEmail(invitee, token, expiresAt));
  return { id: row.id, token, expiresAt };
}

/** A founder invites someone directly. The policy still decides: an ineligible person cannot be invited. */
export async function inviteDirectly(db: Db, actor: Actor, input: DirectInvitationInput, now = new Date()) {
  if (!can(actor, "issue_invitations")) throw new Forbidden("Only founders issue invitations.");
  const policy = await getCurrentPolicy(db);
  const invitee: Invitee = { ...input, socialResponsibility: input.socialResponsibility === "yes" };
  const verdict = evaluateEligibility(invitee, policy);
  if (verdict.outcome === "ineligible") {
    const failed = verdict.reasons.filter((r) => !r.passed && r.rule !== "free_webmail").map((r) => r.message);
    throw new Invalid(`Policy v${policy.version} does not admit this person, so no invitation was created. ${failed.join(" ")} To admit them, the policy must change for everyone.`);
  }
  if (verdict.outcome === "needs_review" && !input.roleVerified) {
    throw new Invalid("This is a free webmail address, so the policy asks you to verify the person's role first.", {
      roleVerified: "Confirm that you verified their title and company.",
    });
  }
  const result = await db.transaction().execute(async (trx) => {
    const invitation = await createInvitation(trx, invitee, { invitedBy: actor.id, applicationId: null, policyVersion: policy.version }, now);
    await recordAudit(trx, {
      actorId: actor.id, action: "invitation.issued", subjectType: "invitation", subjectId: invitation.id,
      rule: "eligibility_policy", policyVersion: policy.version, reason: `Direct invitation; the policy says ${verdict.outcome}.`,
      details: { email: invitee.email, outcome: verdict.outcome, reasons: verdict.reasons, roleVerified: input.roleVerified },
    });
    return invitation;
  });
  kickDelivery(db);
  return result;
}

/** What /invite/:token shows: who the invitation is for, or why it cannot be used. */
export async function getInvitationByToken(db: Db, token: string, now = new Date()) {
  const row = await db.selectFrom("invitations").select(["id", "name", "email", "expires_at", "accepted_at", "revoked_at"])
    .where("token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!row) return { state: "unknown" as const };
  return { state: invitationState(row, now), name: row.name, email: row.email, expiresAt: row.expires_at };
}

const UNUSABLE: Record<Exclude<InvitationState, "pending">, string> = {
  expired: "This invitation has expired. Ask a founder to send you a new one.",
  accepted: "This invitation has already been used. Sign in with the password you chose.",
  revoked: "This invitation was withdrawn by a founder.",
};

/**
 * Accepts an invitation: creates the member (role member, joined now) and marks the invitation used,
 * in one transaction. Returns the new person's id; the route signs them in.
 */
export async function acceptInvitation(db: Db, input: { token: string; password: string }, now = new Date()) {
  const passwordHash = await hashPassword(input.password);
  const policy = await getCurrentPolicy(db);
  return db.transaction().execute(async (trx) => {
    const inv = await trx.selectFrom("invitations").selectAll().where("token_hash", "=", hashToken(input.token)).executeTakeFirst();
    if (!inv) throw new NotFound("This invitation link is not valid. Check that you copied the whole link from the email.");
    const state = invitationState(inv, now);
    if (state !== "pending") throw new Conflict(UNUSABLE[state]);
    // Used once: claiming it is the first write, guarded by its state, so of parallel acceptances (PostgreSQL)
    // the others wait for this transaction and then find it accepted.
    const claimed = await trx.updateTable("invitations").set({ accepted_at: nowIso(now) })
      .where("id", "=", inv.id).where("accepted_at", "is", null).where("revoked_at", "is", null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new Conflict(UNUSABLE.accepted);
    const taken = await trx.selectFrom("people").select("id").where("email_normalized", "=", inv.email_normalized).executeTakeFirst();
    if (taken) throw new Conflict("An account with this email already exists. Sign in instead.");
    // Uniform enforcement: a policy adopted after the invitation applies to the invitee too.
    const verdict = evaluateEligibility({
      name: inv.name, email: inv.email, title: inv.title, company: inv.company, roleLevel: inv.role_level, memberType: inv.member_type,
      socialResponsibility: inv.social_responsibility === 1,
    }, policy);
    if (verdict.outcome === "ineligible") {
      const failed = verdict.reasons.filter((r) => !r.passed && r.rule !== "free_webmail").map((r) => r.message);
      throw new Conflict(`The council's eligibility policy changed after you were invited, and under version ${policy.version} we cannot admit you. ${failed.join(" ")}`);
    }
    const person = await trx.insertInto("people").values({
      email: inv.email, email_normalized: inv.email_normalized, name: inv.name, title: inv.title, company: inv.company,
      role_level: inv.role_level, member_type: inv.member_type, social_responsibility: inv.social_responsibility,
      social_responsibility_note: inv.social_responsibility_note, password_hash: passwordHash, chapter_id: null, joined_at: nowIso(now),
    }).returning("id").executeTakeFirstOrThrow();
    await trx.insertInto("person_roles").values({ person_id: person.id, role: "member", chapter_id: null, granted_by: inv.invited_by, granted_at: nowIso(now) }).execute();
    await trx.updateTable("invitations").set({ person_id: person.id }).where("id", "=", inv.id).execute();
    await recordAudit(trx, {
      actorId: person.id, action: "invitation.accepted", subjectType: "person", subjectId: person.id,
      policyVersion: inv.policy_version, reason: "Accepted an invitation and joined the council.", details: { invitationId: inv.id },
    });
    return person.id;
  });
}

/** Every invitation, newest first, for the founders' list. */
export async function listInvitations(db: Db, actor: Actor, now = new Date()) {
  if (!can(actor, "issue_invitations")) throw new Forbidden("Only founders manage invitations.");
  const rows = await db.selectFrom("invitations")
    .leftJoin("people as inviter", "inviter.id", "invitations.invited_by")
    .select(["invitations.id", "invitations.name", "invitations.email", "invitations.company", "invitations.title", "invitations.created_at",
      "invitations.sent_at", "invitations.expires_at", "invitations.accepted_at", "invitations.revoked_at", "invitations.application_id",
      "invitations.policy_version", "inviter.name as invited_by_name"])
    .orderBy("invitations.id", "desc").limit(500).execute();
  return rows.map((r) => ({ ...r, state: invitationState(r, now) }));
}

async function loadManageable(trx: Db, actor: Actor, id: number, now: Date) {
  if (!can(actor, "issue_invitations")) throw new Forbidden("Only founders manage invitations.");
  const inv = await trx.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!inv) throw new NotFound("No such invitation.");
  return { inv, state: invitationState(inv, now) };
}

/** Withdraws a pending invitation; its link stops working at once. */
export async function revokeInvitation(db: Db, actor: Actor, id: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const { inv, state } = await loadManageable(trx, actor, id, now);
    if (state === "accepted" || state === "revoked") throw new Conflict(`This invitation is already ${state}.`);
    await trx.updateTable("invitations").set({ revoked_at: nowIso(now), revoked_by: actor.id }).where("id", "=", id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "invitation.revoked", subjectType: "invitation", subjectId: id,
      policyVersion: inv.policy_version, reason: `Invitation for ${inv.email} withdrawn.` });
  });
}

/** Sends a pending or expired invitation again with a new token (the old link stops working) and a fresh 14 days. */
export async function resendInvitation(db: Db, actor: Actor, id: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const { inv, state } = await loadManageable(trx, actor, id, now);
    if (state === "accepted" || state === "revoked") throw new Conflict(`This invitation is ${state}; it cannot be sent again.`);
    const token = generateToken();
    const expiresAt = addDays(now, INVITATION_DAYS);
    await trx.updateTable("invitations").set({ token_hash: hashToken(token), sent_at: nowIso(now), expires_at: expiresAt.toISOString() })
      .where("id", "=", id).execute();
    await queueEmail(trx, invitationEmail(inv, token, expiresAt));
    await recordAudit(trx, { actorId: actor.id, action: "invitation.resent", subjectType: "invitation", subjectId: id,
      policyVersion: inv.policy_version, reason: `Invitation for ${inv.email} sent again with a new link.` });
  });
  kickDelivery(db);
}
