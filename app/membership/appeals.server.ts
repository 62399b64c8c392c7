// Appeals against a revocation. A revoked person appeals through the signed link in their
// revocation email (they can no longer sign in); founders uphold (reinstate) or deny with a reason.
// Reinstatement happens only when the CURRENT policy admits the person's stored profile: an appeal
// is never a per-person exception.
import type { Db } from "../platform/db.server";
import { verifyAppealToken } from "./appeal-token.server";
import { recordAudit } from "../platform/audit.server";
import { evaluateEligibility, type EligibilityReason } from "./eligibility";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { queueEmail } from "../platform/mail.server";
import { ruleLabel } from "./revocation.server";
import { can, type Actor } from "../accounts/permissions";
import { getCurrentPolicy, profileToApplicant } from "./policy.server";
import { nowIso } from "../platform/time";

/** What an appeal link shows: whose revocation, why, and whether an appeal is already in. */
export async function getAppealContext(db: Db, token: string) {
  const claim = verifyAppealToken(token);
  if (!claim) throw new NotFound("This appeal link is not valid. Use the link from your email exactly as it was sent.");
  const person = await db.selectFrom("people").select(["id", "name", "status"]).where("id", "=", claim.personId).executeTakeFirst();
  const revocation = await db.selectFrom("audit_log").select(["id", "at", "rule", "reason", "policy_version"])
    .where("id", "=", claim.revocationAuditId).where("action", "=", "membership.revoked").where("subject_id", "=", claim.personId)
    .executeTakeFirst();
  if (!person || !revocation) throw new NotFound("This appeal link is not valid.");
  const appeal = await db.selectFrom("appeals").select(["id", "status", "created_at", "decided_at", "decision_reason"])
    .where("revocation_audit_id", "=", revocation.id).executeTakeFirst();
  return {
    name: person.name,
    stillRevoked: person.status === "revoked",
    revocation: { ...revocation, ruleLabel: ruleLabel(revocation.rule ?? "") },
    appeal: appeal ?? null,
  };
}

/** Files an appeal (one per revocation). No sign-in: the signed token is the proof. */
export async function submitAppeal(db: Db, token: string, statement: string): Promise<number> {
  const text = statement.trim();
  if (text.length < 20) throw new Invalid("Tell the founders why the decision should change.", { statement: "At least 20 characters, please." });
  if (text.length > 5000) throw new Invalid("Please keep the appeal under 5,000 characters.", { statement: "At most 5,000 characters." });
  const context = await getAppealContext(db, token);
  const claim = verifyAppealToken(token)!;
  if (!context.stillRevoked) throw new Conflict("Your membership is active again; there is nothing to appeal.");
  if (context.appeal) throw new Conflict("You have already appealed this decision; the founders will answer by email.");
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("people").select(["email", "name"]).where("id", "=", claim.personId).executeTakeFirstOrThrow();
    const row = await trx.insertInto("appeals").values({
      person_id: claim.personId, revocation_audit_id: claim.revocationAuditId, statement: text, status: "open", created_at: nowIso(),
      decided_at: null, decided_by: null, decision_reason: null,
    }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: null, action: "appeal.submitted", subjectType: "person", subjectId: claim.personId, details: { appealId: row.id, revocationAuditId: claim.revocationAuditId } });
    await queueEmail(trx, {
      to: person.email, kind: "appeal_received", subject: "We received your appeal",
      text: `Dear ${person.name},\n\nThe founders have your appeal and will answer by email. You can see its status at the same link.\n`,
    });
    return row.id;
  });
}

/** The founders' queue: open appeals oldest first, then the decided ones. */
export async function listAppeals(db: Db, actor: Actor | null) {
  if (!can(actor, "decide_appeals")) throw new Forbidden("Only founders decide appeals.");
  const policy = await getCurrentPolicy(db);
  const rows = await db.selectFrom("appeals")
    .innerJoin("people", "people.id", "appeals.person_id")
    .innerJoin("audit_log as revocation", "revocation.id", "appeals.revocation_audit_id")
    .select([
      "appeals.id", "appeals.status", "appeals.statement", "appeals.created_at", "appeals.decided_at", "appeals.decision_reason",
      "people.id as person_id", "people.name", "people.email", "people.title", "people.company", "people.role_level", "people.member_type",
      "people.social_responsibility", "revocation.rule", "revocation.reason as revocation_reason", "revocation.policy_version",
    ])
    .orderBy("appeals.status", "desc") // open before denied/upheld
    .orderBy("appeals.created_at", "asc")
    .execute();
  return rows.map((r) => {
    const decision = evaluateEligibility(profileToApplicant(r), policy);
    return { ...r, ruleLabel: ruleLabel(r.rule ?? ""), currentPolicy: { version: policy.version, outcome: decision.outcome, reasons: decision.reasons } };
  });
}

/** Appeals waiting for a founder's decision (for the staff home). */
export async function countOpenAppeals(db: Db, actor: Actor | null): Promise<number> {
  if (!can(actor, "decide_appeals")) throw new Forbidden("Only founders decide appeals.");
  const row = await db.selectFrom("appeals").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "open").executeTakeFirstOrThrow();
  return Number(row.n);
}

export type AppealDecision = { decision: "uphold" | "deny"; reason: string };

/**
 * Upholds (reinstates) or denies an appeal, with a reason, audited, and the person emailed. Upholding
 * is refused, with the policy's reasons, when the current policy does not admit the person.
 */
export async function decideAppeal(db: Db, actor: Actor | null, appealId: number, input: AppealDecision) {
  if (!actor || !can(actor, "decide_appeals")) throw new Forbidden("Only founders decide appeals.");
  const reason = input.reason.trim();
  if (reason.length < 10) throw new Invalid("Give the reason for your decision in a sentence.", { reason: "At least 10 characters." });
  const policy = await getCurrentPolicy(db);
  return db.transaction().execute(async (trx) => {
    const appeal = await trx.selectFrom("appeals").selectAll().where("id", "=", appealId).executeTakeFirst();
    if (!appeal) throw new NotFound("No such appeal.");
    if (appeal.status !== "open") throw new Conflict("This appeal has already been decided.");
    const person = await trx.selectFrom("people").selectAll().where("id", "=", appeal.person_id).executeTakeFirstOrThrow();
    let failed: EligibilityReason[] = [];
    if (input.decision === "uphold") {
      const verdict = evaluateEligibility(profileToApplicant(person), policy);
      failed = verdict.reasons.filter((r) => !r.passed && r.rule !== "free_webmail");
      if (verdict.outcome === "ineligible") {
        throw new Invalid(`Policy v${policy.version} does not admit ${person.name}, so the appeal cannot be upheld: ${failed.map((r) => r.message).join(" ")} To let them in, change the policy for everyone.`);
      }
      if (person.status !== "revoked") throw new Conflict("This membership is not revoked.");
      await trx.updateTable("people").set({ status: "active", revoked_at: null }).where("id", "=", person.id).execute();
    }
    const at = nowIso();
    await trx.updateTable("appeals").set({
      status: input.decision === "uphold" ? "upheld" : "denied", decided_at: at, decided_by: actor.id, decision_reason: reason,
    }).where("id", "=", appealId).execute();
    await recordAudit(trx, {
      actorId: actor.id, action: "appeal.decided", subjectType: "person", subjectId: person.id, policyVersion: policy.version, reason,
      details: { appealId, decision: input.decision },
    });
    if (input.decision === "uphold") {
      await recordAudit(trx, {
        actorId: actor.id, action: "membership.reinstated", subjectType: "person", subjectId: person.id, rule: "eligibility_policy",
        policyVersion: policy.version, reason,
      });
    }
    await queueEmail(trx, {
      to: person.email,
      kind: "appeal_decided",
      subject: input.decision === "uphold" ? "Your appeal was upheld: welcome back" : "Your appeal was not upheld",
      text: input.decision === "uphold"
        ? `Dear ${person.name},\n\nThe founders upheld your appeal and your membership is active again under eligibility policy v${policy.version}. Sign in with your email and your old password.\n\nTheir reason: ${reason}\n`
        : `Dear ${person.name},\n\nThe founders considered your appeal and did not uphold it.\n\nTheir reason: ${reason}\n`,
    });
    return { status: input.decision === "uphold" ? "upheld" : "denied" };
  });
}
