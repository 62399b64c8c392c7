// Applications: apply → review (verify facts) → a decision that follows the policy → invitation.
// The policy decides; a reviewer only verifies facts. There is no "approve anyway": the only decision
// the server accepts is the one requiredDecision() derives from the current policy and the facts.
import type { Application } from "../../db/schema";
import type { ApplyInput } from "./schemas/apply";
import { recordAudit } from "../platform/audit.server";
import { normalizeEmail } from "../accounts/auth.server";
import type { Db } from "../platform/db.server";
import { evaluateEligibility, type Applicant, type EligibilityDecision, type EligibilityPolicy } from "./eligibility";
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from "../platform/errors";
import { createInvitation } from "./invitations.server";
import { absoluteUrl, kickDelivery, queueEmail } from "../platform/mail.server";
import { can, type Actor } from "../accounts/permissions";
import { getCurrentPolicy } from "./policy.server";
import { formerMembershipsOf } from "./resignation.server";
import { addDays, addMinutes, formatDate, nowIso } from "../platform/time";
import { generateToken, hashToken } from "../platform/tokens.server";

/** Submissions accepted from one IP address per hour (new applications and status-link re-sends). */
export const APPLY_LIMIT = { perIp: 5, windowMinutes: 60 };

export type DecisionReason = { rule: string; passed: boolean; message: string };
export type Decision = "approve" | "reject";

const statusPath = (token: string) => `/apply/status/${token}`;

function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `APP-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
}

export function applicationReceivedEmail(a: { name: string; email: string; reference: string; dueAt: string }, token: string) {
  return {
    to: a.email,
    kind: "application_received",
    subject: `We received your application to Council (${a.reference})`,
    text:
      `Dear ${a.name},\n\nThank you for applying to Council. Your reference is ${a.reference}.\n\n` +
      `Expect a decision by ${formatDate(a.dueAt)}. A reviewer verifies your role and company, and the council's ` +
      `written eligibility policy decides; the same rules apply to everyone.\n\n` +
      `Follow your application here (keep this link private):\n${absoluteUrl(statusPath(token))}\n\n— The Council founders\n`,
  };
}

/**
 * Records an application with the policy's verdict at apply time, queues the confirmation email and
 * returns the private status token (only its hash is stored). A second open application for the same
 * email is refused; the status link is emailed again to that address (never shown to whoever typed it).
 */
export async function submitApplication(db: Db, input: ApplyInput, context: { ip: string }, now = new Date()) {
  const policy = await getCurrentPolicy(db);
  const email = normalizeEmail(input.email);
  const applicant: Applicant = {
    name: input.name, email, title: input.title, company: input.company,
    roleLevel: input.roleLevel, memberType: input.memberType, socialResponsibility: input.socialResponsibility === "yes",
  };
  const result = await db.transaction().execute(async (trx) => {
    const since = addMinutes(now, -APPLY_LIMIT.windowMinutes).toISOString();
    const recent = await trx.selectFrom("application_submissions").select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ip", "=", context.ip).where("at", ">", since).executeTakeFirstOrThrow();
    if (Number(recent.n) >= APPLY_LIMIT.perIp) {
      throw new TooManyRequests("Too many applications have been sent from your network in the last hour. Please wait an hour and try again; nothing you typed was lost.");
    }
    await trx.insertInto("application_submissions").values({ ip: context.ip, at: nowIso(now) }).execute();

    const token = generateToken();
    const open = await trx.selectFrom("applications").select(["id", "name", "email", "reference", "due_at"])
      .where("email_normalized", "=", email).where("status", "=", "pending").executeTakeFirst();
    if (open) {
      // A new link replaces the old one; it goes only to the address on the application.
      await trx.updateTable("applications").set({ status_token_hash: hashToken(token) }).where("id", "=", open.id).execute();
      await queueEmail(trx, { ...applicationReceivedEmail({ ...open, dueAt: open.due_at }, token), kind: "application_status_link",
        subject: `Your Council application (${open.reference}): your status link` });
      return { duplicate: true as const };
    }

    const verdict = evaluateEligibility(applicant, policy);
    const reference = newReference();
    const dueAt = addDays(now, policy.rules.reviewWindowDays).toISOString();
    const row = await trx.insertInto("applications").values({
      reference, status_token_hash: hashToken(token), name: input.name, email: input.email, email_normalized: email,
      title: input.title, company: input.company, role_level: input.roleLevel, member_type: input.memberType,
      social_responsibility: applicant.socialResponsibility ? 1 : 0, social_responsibility_note: input.socialResponsibilityNote,
      profile_url: input.profileUrl ?? null, referred_by: input.referredBy ?? null, created_at: nowIso(now), due_at: dueAt,
      verdict_outcome: verdict.outcome, verdict_policy_version: verdict.policyVersion, verdict_reasons: JSON.stringify(verdict.reasons),
    }).returning("id").executeTakeFirstOrThrow();
    await queueEmail(trx, applicationReceivedEmail({ name: input.name, email: input.email, reference, dueAt }, token));
    await recordAudit(trx, {
      actorId: null, action: "application.submitted", subjectType: "application", subjectId: row.id, rule: "eligibility_policy",
      policyVersion: verdict.policyVersion, reason: `Policy verdict at apply time: ${verdict.outcome}.`, details: { reasons: verdict.reasons },
    });
    return { duplicate: false as const, id: row.id, reference, dueAt, token };
  });
  kickDelivery(db);
  if (result.duplicate) {
    throw new Invalid("An application from this email address is already open.", {
      email: "An application from this address is already open. We have emailed its status link to that address again.",
    });
  }
  return { id: result.id, reference: result.reference, dueAt: result.dueAt, statusToken: result.token, statusPath: statusPath(result.token) };
}

const parseReasons = (json: string | null): DecisionReason[] => (json ? (JSON.parse(json) as DecisionReason[]) : []);

/** What the applicant sees on their private status page. */
export async function getApplicationStatus(db: Db, token: string, now = new Date()) {
  const a = await db.selectFrom("applications")
    .select(["reference", "name", "status", "created_at", "due_at", "decided_at", "policy_version", "decision_reasons"])
    .where("status_token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!a) throw new NotFound("This status link is not valid. Use the link in the most recent email we sent you.");
  return {
    reference: a.reference, name: a.name, status: a.status, createdAt: a.created_at, dueAt: a.due_at, decidedAt: a.decided_at,
    overdue: a.status === "pending" && a.due_at < nowIso(now),
    policyVersion: a.policy_version, reasons: parseReasons(a.decision_reasons),
  };
}

const applicantOf = (a: Pick<Application, "name" | "email" | "title" | "company" | "role_level" | "member_type" | "social_responsibility">): Applicant => ({
  name: a.name, email: a.email, title: a.title, company: a.company, roleLevel: a.role_level, memberType: a.member_type,
  socialResponsibility: a.social_responsibility === 1,
});

/** Open applications, oldest first, each re-evaluated under the current policy. */
export async function listOpenApplications(db: Db, now = new Date()) {
  const policy = await getCurrentPolicy(db);
  const rows = await db.selectFrom("applications")
    .select(["id", "reference", "name", "email", "title", "company", "role_level", "member_type", "social_responsibility", "created_at", "due_at"])
    .where("status", "=", "pending").orderBy("created_at", "asc").orderBy("id", "asc").execute();
  return rows.map((a) => ({
    ...a,
    verdict: evaluateEligibility(applicantOf(a), policy),
    overdue: a.due_at < nowIso(now),
    hoursLeft: Math.round((new Date(a.due_at).getTime() - now.getTime()) / 3_600_000),
  }));
}

/** How many open applications there are, how many fall due within `soonHours`, and how many are overdue (for the staff home). */
export async function countOpenApplications(db: Db, actor: Actor, now = new Date(), soonHours = 48) {
  if (!can(actor, "review_applications")) throw new Forbidden();
  const soon = new Date(now.getTime() + soonHours * 3_600_000).toISOString();
  const row = await db.selectFrom("applications")
    .select((eb) => [
      eb.fn.countAll<number>().as("open"),
      eb.fn.sum<number>(eb.case().when("due_at", "<", nowIso(now)).then(1).else(0).end()).as("overdue"),
      eb.fn.sum<number>(eb.case().when(eb.and([eb("due_at", ">=", nowIso(now)), eb("due_at", "<", soon)])).then(1).else(0).end()).as("dueSoon"),
    ])
    .where("status", "=", "pending").executeTakeFirstOrThrow();
  return { open: Number(row.open), dueSoon: Number(row.dueSoon ?? 0), overdue: Number(row.overdue ?? 0) };
}

type Verification = { titleVerified: boolean | null; domainVerified: boolean | null };

/**
 * The one decision the policy allows, given the current verdict and the verified facts, or null when
 * the facts must be recorded first. Ineligible: reject. Otherwise the reviewer must have verified the
 * title (and, unless the policy sent it to review for free webmail, that the email matches the
 * company): verified → approve; not verified → reject.
 */
export function requiredDecision(verdict: EligibilityDecision, facts: Verification, a: { title: string; company: string }):
  { decision: Decision | null; reasons: DecisionReason[]; why: string } {
  const policyReasons: DecisionReason[] = verdict.reasons.map((r) => ({ ...r }));
  if (verdict.outcome === "ineligible") {
    return { decision: "reject", reasons: policyReasons, why: `Policy v${verdict.policyVersion} says this applicant is not eligible.` };
  }
  if (facts.titleVerified === null) {
    return { decision: null, reasons: policyReasons, why: "Record the verified facts first; the policy then decides." };
  }
  const domainMatters = verdict.outcome === "eligible";
  const checks: DecisionReason[] = [{
    rule: "verified_title", passed: facts.titleVerified,
    message: facts.titleVerified
      ? `A reviewer verified that the title “${a.title}” at ${a.company} is real.`
      : `A reviewer could not verify that the title “${a.title}” at ${a.company} is real.`,
  }];
  if (domainMatters) {
    checks.push({
      rule: "verified_email_domain", passed: !!facts.domainVerified,
      message: facts.domainVerified
        ? `A reviewer verified that the email address belongs to ${a.company}.`
        : `A reviewer could not verify that the email address belongs to ${a.company}.`,
    });
  }
  const verified = checks.every((c) => c.passed);
  return {
    decision: verified ? "approve" : "reject",
    reasons: [...policyReasons, ...checks],
    why: verified
      ? `Policy v${verdict.policyVersion} says ${verdict.outcome === "eligible" ? "eligible" : "eligible once the role is verified"}, and the facts were verified.`
      : "The facts the policy relies on could not be verified.",
  };
}

const subjectOf = (a: { email: string; referred_by: string | null }) => ({ applicantEmail: a.email, referredBy: a.referred_by });

async function loadDecidable(db: Db, actor: Actor, id: number) {
  const a = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!a || !can(actor, "review_applications")) throw a ? new Forbidden() : new NotFound("No such application.");
  if (!can(actor, "decide_application", subjectOf(a))) {
    throw new Forbidden("You cannot review this application: it is your own, or you referred this applicant. Another reviewer will decide it.");
  }
  if (a.status !== "pending") throw new Conflict(`This application was already ${a.status}.`);
  return a;
}

const factsOf = (a: Application): Verification => ({
  titleVerified: a.title_verified === null ? null : a.title_verified === 1,
  domainVerified: a.domain_verified === null ? null : a.domain_verified === 1,
});

/** The detail page: the application, its current verdict, the facts so far and the only decision allowed. */
export async function getApplicationForReview(db: Db, actor: Actor, id: number, now = new Date()) {
  if (!can(actor, "review_applications")) throw new Forbidden();
  const a = await db.selectFrom("applications")
    .leftJoin("people as verifier", "verifier.id", "applications.verified_by")
    .leftJoin("people as decider", "decider.id", "applications.decided_by")
    .selectAll("applications").select(["verifier.name as verified_by_name", "decider.name as decided_by_name"])
    .where("applications.id", "=", id).executeTakeFirst();
  if (!a) throw new NotFound("No such application.");
  const policy: EligibilityPolicy = await getCurrentPolicy(db);
  const verdict = evaluateEligibility(applicantOf(a), policy);
  const { status_token_hash: _hidden, ...application } = a;
  return {
    application, verdict, overdue: a.status === "pending" && a.due_at < nowIso(now),
    /** The reviewer sees when the applicant resigned from the council before (they may apply again like anyone). */
    formerMemberships: await formerMembershipsOf(db, a.email),
    facts: factsOf(a), required: requiredDecision(verdict, factsOf(a), a),
    mayDecide: can(actor, "decide_application", subjectOf(a)),
    decisionReasons: parseReasons(a.decision_reasons),
  };
}

/** The reviewer records what they verified. Unchecked means "could not verify", so a note is required. */
export async function recordVerification(db: Db, actor: Actor, id: number, input: { titleVerified: boolean; domainVerified: boolean; note: string }, now = new Date()) {
  if ((!input.titleVerified || !input.domainVerified) && input.note.trim().length < 5) {
    throw new Invalid("Say what you checked.", { note: "When a fact could not be verified, say in a sentence what you checked." });
  }
  await db.transaction().execute(async (trx) => {
    await loadDecidable(trx, actor, id);
    await trx.updateTable("applications").set({
      title_verified: input.titleVerified ? 1 : 0, domain_verified: input.domainVerified ? 1 : 0,
      verification_note: input.note.trim() || null, verified_by: actor.id, verified_at: nowIso(now),
    }).where("id", "=", id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "application.verified", subjectType: "application", subjectId: id,
      reason: input.note.trim() || "Facts verified.", details: { titleVerified: input.titleVerified, domainVerified: input.domainVerified } });
  });
}

function rejectedEmail(a: { name: string; email: string; reference: string }, policyVersion: number, reasons: DecisionReason[], token: string | null) {
  const failed = reasons.filter((r) => !r.passed && r.rule !== "free_webmail");
  const shown = failed.length ? failed : reasons;
  return {
    to: a.email, kind: "application_rejected",
    subject: `Your Council application (${a.reference}): the decision`,
    text:
      `Dear ${a.name},\n\nThank you for applying to Council. Under the council's eligibility policy (version ${policyVersion}) ` +
      `we cannot offer you membership. The reasons:\n\n${shown.map((r) => `- ${r.message}`).join("\n")}\n\n` +
      `The same written rules apply to everyone, with no individual exceptions. If the policy changes, you are welcome to apply again.` +
      (token ? `\n\nYour application's page: ${absoluteUrl(statusPath(token))}` : "") + `\n\n— The Council founders\n`,
  };
}

/**
 * Decides an application. The decision must be the one the current policy requires (see
 * requiredDecision); anything else is refused with 409 and nothing changes. Approval creates the
 * invitation and emails it; rejection emails the reasons. Audited with the policy version.
 */
export async function decideApplication(db: Db, actor: Actor, id: number, decision: Decision, now = new Date()) {
  const policy = await getCurrentPolicy(db);
  const outcome = await db.transaction().execute(async (trx) => {
    const a = await loadDecidable(trx, actor, id);
    const verdict = evaluateEligibility(applicantOf(a), policy);
    const required = requiredDecision(verdict, factsOf(a), a);
    if (required.decision === null) throw new Conflict(required.why);
    if (decision !== required.decision) {
      throw new Conflict(`The policy does not allow ${decision === "approve" ? "approving" : "rejecting"} this application. ${required.why} There are no individual exceptions; to change the outcome, change the policy.`);
    }
    const status = decision === "approve" ? "approved" : "rejected";
    await trx.updateTable("applications").set({
      status, decided_at: nowIso(now), decided_by: actor.id, policy_version: policy.version, decision_reasons: JSON.stringify(required.reasons),
    }).where("id", "=", id).where("status", "=", "pending").execute();
    let invitationId: number | null = null;
    if (decision === "approve") {
      const invitation = await createInvitation(trx, {
        ...applicantOf(a), email: a.email, socialResponsibilityNote: a.social_responsibility_note,
      }, { invitedBy: actor.id, applicationId: a.id, policyVersion: policy.version }, now);
      invitationId = invitation.id;
    } else {
      await queueEmail(trx, rejectedEmail(a, policy.version, required.reasons, null));
    }
    await recordAudit(trx, {
      actorId: actor.id, action: `application.${status}`, subjectType: "application", subjectId: id, rule: "eligibility_policy",
      policyVersion: policy.version, reason: required.why, details: { reasons: required.reasons, invitationId },
    });
    return { status, invitationId };
  });
  kickDelivery(db);
  return outcome;
}
