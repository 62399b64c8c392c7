// /settings/profile and the reviewers' "job changes" list (issue 15, item 5). A member edits their
// name, bio and profile link freely; a change to a fact the policy reads is judged first (job-change.ts):
// the verdict is shown before anything is saved, in the words an applicant sees. Confirmed:
//   still eligible → saved; the new facts wait in /review for a reviewer's verification. Until they are
//                    verified they never make anyone eligible who was not (policyFactsOf, used by the
//                    notice job, judges by the last verified facts).
//   not eligible   → saved, and the same notice a policy change gives (giveMembershipNotice): notice
//                    period, personal message, appeal; the jobs revoke when it ends (runDueNotices).
// Staff have no way to edit a member's facts: this is the only path. Every change is audited with the
// policy version.
import type { Db } from "../platform/db.server";
import type { Person } from "../../db/schema";
import { can, type Actor } from "../accounts/permissions";
import { recordAudit } from "../platform/audit.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { kickDelivery, queueEmail } from "../platform/mail.server";
import { addDays, nowIso } from "../platform/time";
import type { Applicant } from "./eligibility";
import { judgeJobChange, type JobChangeVerdict, type JobFacts } from "./job-change";
import { getCurrentPolicy, giveMembershipNotice } from "./policy.server";
import { bumpThreadsOfAuthor } from "../forum/thread-page-cache.server";
import type { ProfileInput } from "./schemas/profile";

/** How long a member whose new job no longer qualifies keeps their membership. */
export const JOB_CHANGE_NOTICE_DAYS = 30;

export const jobFactsOf = (p: Pick<Person, "title" | "company" | "role_level" | "member_type" | "social_responsibility" | "social_responsibility_note">): JobFacts => ({
  title: p.title, company: p.company, roleLevel: p.role_level, memberType: p.member_type,
  socialResponsibility: p.social_responsibility === 1, socialResponsibilityNote: p.social_responsibility_note,
});

const factsFromInput = (input: ProfileInput): JobFacts => ({
  title: input.title, company: input.company, roleLevel: input.roleLevel, memberType: input.memberType,
  socialResponsibility: input.socialResponsibility === "yes",
  socialResponsibilityNote: input.socialResponsibility === "yes" ? input.socialResponsibilityNote : "",
});

const factsToColumns = (f: JobFacts) => ({
  title: f.title, company: f.company, role_level: f.roleLevel, member_type: f.memberType,
  social_responsibility: f.socialResponsibility ? 1 : 0, social_responsibility_note: f.socialResponsibilityNote,
});

function personalMessage(changed: string) {
  return `Thank you for telling us that your role has changed (${changed}). We are sorry to see you go: the council's ` +
    `rules apply to every member in the same way, and under them your new role does not qualify. You keep your ` +
    `membership for ${JOB_CHANGE_NOTICE_DAYS} days. If your role changes again, update your profile and a reviewer will verify it.`;
}

/** The profile page: the member's own fields, their job facts, changes awaiting verification and any notice. */
export async function getProfile(db: Db, actor: Actor) {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const person = await db.selectFrom("people").selectAll().where("id", "=", actor.id).executeTakeFirstOrThrow();
  const [pending, notice] = await Promise.all([
    db.selectFrom("job_changes").select(["id", "created_at"]).where("person_id", "=", actor.id).where("status", "=", "pending").orderBy("id").execute(),
    db.selectFrom("membership_notices").select(["revoke_at", "policy_version"]).where("person_id", "=", actor.id).where("status", "=", "pending").executeTakeFirst(),
  ]);
  return {
    name: person.name, email: person.email, bio: person.bio, profileUrl: person.profile_url ?? "", facts: jobFactsOf(person),
    awaitingVerification: pending.length > 0, notice: notice ? { revokeAt: notice.revoke_at, policyVersion: notice.policy_version } : null,
  };
}

export type ProfileResult =
  | { saved: false; judged: JobChangeVerdict }
  | { saved: true; judged: JobChangeVerdict; revokeAt: string | null };

/**
 * Saves the member's profile. When a fact the policy reads changed and `input.intent` is "preview",
 * nothing is saved: the verdict comes back for the member to read and confirm.
 */
export async function updateProfile(db: Db, actor: Actor, input: ProfileInput, now = new Date()): Promise<ProfileResult> {
  if (!can(actor, "manage_own_account")) throw new Forbidden();
  const policy = await getCurrentPolicy(db);
  const result = await db.transaction().execute(async (trx): Promise<ProfileResult> => {
    const person = await trx.selectFrom("people").selectAll().where("id", "=", actor.id).executeTakeFirstOrThrow();
    const before = jobFactsOf(person);
    const after = factsFromInput(input);
    const judged = judgeJobChange({ name: input.name, email: person.email }, before, after, policy);
    if (judged.path !== "none" && input.intent !== "confirm") return { saved: false, judged };

    const own = { name: input.name, bio: input.bio, profile_url: input.profileUrl ?? null };
    const ownChanged = own.name !== person.name || own.bio !== person.bio || own.profile_url !== person.profile_url;
    await trx.updateTable("people").set({ ...own, ...factsToColumns(after) }).where("id", "=", actor.id).execute();
    // Posts show their author's name, title and company.
    if (own.name !== person.name || after.title !== before.title || after.company !== before.company) await bumpThreadsOfAuthor(trx, actor.id);
    if (ownChanged) {
      await recordAudit(trx, { actorId: actor.id, action: "profile.updated", subjectType: "person", subjectId: actor.id,
        details: { name: own.name !== person.name, bio: own.bio !== person.bio, profileUrl: own.profile_url !== person.profile_url } });
    }
    if (judged.path === "none") return { saved: true, judged, revokeAt: null };

    let noticeId: number | null = null;
    let revokeAt: string | null = null;
    if (judged.path === "notice") {
      const existing = await trx.selectFrom("membership_notices").select(["id", "revoke_at"])
        .where("person_id", "=", actor.id).where("status", "=", "pending").executeTakeFirst();
      if (existing) {
        ({ id: noticeId, revoke_at: revokeAt } = existing);
      } else {
        const end = addDays(now, JOB_CHANGE_NOTICE_DAYS);
        const changed = judged.changed.map((k) => (k === "roleLevel" ? "role level" : k === "memberType" ? "member type" : k === "socialResponsibility" || k === "socialResponsibilityNote" ? "social responsibility" : k));
        noticeId = await giveMembershipNotice(trx, {
          actorId: actor.id, person: { id: actor.id, name: input.name, email: person.email }, policyVersion: policy.version,
          message: personalMessage([...new Set(changed)].join(", ")), reasons: judged.verdict.reasons, revokeAt: end, cause: "job_change",
        }, now);
        revokeAt = end.toISOString();
      }
    }
    const change = await trx.insertInto("job_changes").values({
      person_id: actor.id, before_facts: JSON.stringify(before), after_facts: JSON.stringify(after), policy_version: policy.version,
      outcome: judged.verdict.outcome, reasons: JSON.stringify(judged.verdict.reasons), status: judged.path === "notice" ? "notice" : "pending",
      notice_id: noticeId, created_at: nowIso(now), verified_by: null, verified_at: null, verification_note: null,
    }).returning("id").executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.id, action: "job_change.submitted", subjectType: "person", subjectId: actor.id, rule: "eligibility_policy",
      policyVersion: policy.version, reason: judged.path === "notice" ? "No longer eligible: notice given." : "Still eligible: awaiting a reviewer's verification.",
      details: { jobChangeId: change.id, changed: judged.changed, before, after, outcome: judged.verdict.outcome, noticeId },
    });
    return { saved: true, judged, revokeAt };
  });
  kickDelivery(db);
  return result;
}

/**
 * The facts the policy judges a member by: their profile, except that facts still awaiting a
 * reviewer's verification do not count (the last verified facts stand in for them).
 */
export async function policyFactsOf(db: Db, person: Person): Promise<Applicant> {
  const firstPending = await db.selectFrom("job_changes").select("before_facts")
    .where("person_id", "=", person.id).where("status", "=", "pending").orderBy("id").executeTakeFirst();
  const facts: JobFacts = firstPending ? JSON.parse(firstPending.before_facts) : jobFactsOf(person);
  return { name: person.name, email: person.email, ...facts };
}

/** Job changes awaiting verification, oldest first, each re-judged under the current policy: the reviewers' list in /review. */
export async function listPendingJobChanges(db: Db, actor: Actor) {
  if (!can(actor, "review_applications")) throw new Forbidden();
  const policy = await getCurrentPolicy(db);
  const rows = await db.selectFrom("job_changes").innerJoin("people", "people.id", "job_changes.person_id")
    .select(["job_changes.id", "job_changes.person_id", "job_changes.before_facts", "job_changes.after_facts", "job_changes.created_at",
      "job_changes.policy_version", "people.name", "people.email"])
    .where("job_changes.status", "=", "pending").where("people.status", "=", "active").orderBy("job_changes.id").execute();
  return rows.map((r) => {
    const before = JSON.parse(r.before_facts) as JobFacts;
    const after = JSON.parse(r.after_facts) as JobFacts;
    return {
      id: r.id, personId: r.person_id, name: r.name, email: r.email, createdAt: r.created_at, before, after,
      judged: judgeJobChange({ name: r.name, email: r.email }, before, after, policy),
      mayVerify: can(actor, "verify_job_changes", { personId: r.person_id }),
    };
  });
}

export type JobChangeVerification = { titleVerified: boolean; companyVerified: boolean; note: string };

/**
 * A reviewer verifies a job change like an applicant's facts. Both facts verified → the change stands.
 * Otherwise (a note is required) the member's facts go back to what was last verified, and they are told why.
 */
export async function verifyJobChange(db: Db, actor: Actor, id: number, input: JobChangeVerification, now = new Date()) {
  const verified = input.titleVerified && input.companyVerified;
  if (!verified && input.note.trim().length < 5) {
    throw new Invalid("Say what you checked.", { note: "When a fact could not be verified, say in a sentence what you checked." });
  }
  const policy = await getCurrentPolicy(db);
  await db.transaction().execute(async (trx) => {
    const change = await trx.selectFrom("job_changes").selectAll().where("id", "=", id).executeTakeFirst();
    if (!change || !can(actor, "review_applications")) throw change ? new Forbidden() : new NotFound("No such job change.");
    if (!can(actor, "verify_job_changes", { personId: change.person_id })) throw new Forbidden("No one verifies their own job change. Another reviewer will.");
    if (change.status !== "pending") throw new Conflict("This job change was already reviewed.");
    const person = await trx.selectFrom("people").select(["id", "name", "email"]).where("id", "=", change.person_id).executeTakeFirstOrThrow();
    await trx.updateTable("job_changes").set({
      status: verified ? "verified" : "not_verified", verified_by: actor.id, verified_at: nowIso(now), verification_note: input.note.trim() || null,
    }).where("id", "=", id).execute();
    const before = JSON.parse(change.before_facts) as JobFacts;
    if (!verified) {
      // Later changes were built on this one: they go too, and the member is back to the last verified facts.
      await trx.updateTable("job_changes").set({ status: "not_verified", verified_by: actor.id, verified_at: nowIso(now), verification_note: "Superseded: an earlier change could not be verified." })
        .where("person_id", "=", change.person_id).where("status", "=", "pending").where("id", ">", id).execute();
      await trx.updateTable("people").set(factsToColumns(before)).where("id", "=", change.person_id).execute();
      await bumpThreadsOfAuthor(trx, change.person_id); // posts show the title and company again
      await queueEmail(trx, {
        to: person.email, kind: "job_change_not_verified", subject: "Your job change on Council could not be verified",
        text: `Dear ${person.name},\n\nA reviewer could not verify the job change you saved on Council, so your profile shows your previous role again ` +
          `(${before.title}, ${before.company}).\n\nWhat they checked: ${input.note.trim()}\n\nIf your role has changed, update your profile again with ` +
          `details a reviewer can check (for example a profile link).\n\n— Council\n`,
      });
    }
    await recordAudit(trx, {
      actorId: actor.id, action: verified ? "job_change.verified" : "job_change.not_verified", subjectType: "person", subjectId: change.person_id,
      rule: "eligibility_policy", policyVersion: policy.version, reason: input.note.trim() || "Facts verified.",
      details: { jobChangeId: id, titleVerified: input.titleVerified, companyVerified: input.companyVerified },
    });
  });
  kickDelivery(db);
}

