import type { Db } from "../platform/db.server";
import { DEFAULT_POLICY, policyRulesSchema, type EligibilityPolicy } from "./eligibility";
import { nowIso } from "../platform/time";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { can, type Actor } from "../accounts/permissions";
import { recordAudit } from "../platform/audit.server";
import { queueEmail } from "../platform/mail.server";
import { getEnv } from "../platform/env.server";
import { addDays, formatDate } from "../platform/time";
import { toCsv } from "../platform/csv";
import { outcomeWords } from "./schemas/policy";
import { isClosed, isPassed, proposalForVersion, tallyVotes } from "../governance/votes.server";
import {
  compareOutcomes,
  describePolicy,
  describePolicyIssues,
  type Applicant,
  type EligibilityReason,
  type Outcome,
  type PolicyRules,
} from "./eligibility";
import type { MemberType, RoleLevel } from "../../db/schema";

type PolicyRow = { version: number; summary: string; rules: string; adopted_at: string | null };

const toPolicy = (row: PolicyRow): EligibilityPolicy => ({
  version: row.version,
  summary: row.summary,
  rules: policyRulesSchema.parse(JSON.parse(row.rules)),
  adoptedAt: row.adopted_at ?? undefined,
});

// Policies are immutable once adopted, so the current one is cached until a new version is adopted.
// Keyed by the rules text too, so several databases in one process (tests) never share a stale entry.
let cached: { version: number; rules: string; policy: EligibilityPolicy } | undefined;

/** The adopted policy version every decision is made under. */
export async function getCurrentPolicy(db: Db): Promise<EligibilityPolicy> {
  const row = await db
    .selectFrom("eligibility_policies")
    .select(["version", "summary", "rules", "adopted_at"])
    .where("status", "=", "adopted")
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!row) throw new Error("No eligibility policy has been adopted; run the migrations and seed (npm run db:migrate).");
  if (cached?.version !== row.version || cached.rules !== row.rules) cached = { version: row.version, rules: row.rules, policy: toPolicy(row) };
  return cached.policy;
}

export async function getPolicyVersion(db: Db, version: number): Promise<(EligibilityPolicy & { status: string }) | undefined> {
  const row = await db.selectFrom("eligibility_policies").selectAll().where("version", "=", version).executeTakeFirst();
  return row ? { ...toPolicy(row), status: row.status } : undefined;
}

/** Version 1, the founders' default policy, adopted in every new council (production included). Idempotent. */
export async function ensureDefaultPolicy(db: Db): Promise<void> {
  const existing = await db.selectFrom("eligibility_policies").select("version").executeTakeFirst();
  if (existing) return;
  const now = nowIso();
  await db.insertInto("eligibility_policies").values({
    version: DEFAULT_POLICY.version,
    status: "adopted",
    summary: DEFAULT_POLICY.summary,
    rules: JSON.stringify(DEFAULT_POLICY.rules),
    author_id: null,
    created_at: now,
    adopted_at: now,
    adopted_by: null,
  }).execute();
}

// ---------------------------------------------------------------------------------------------
// Drafting, the impact report and adoption (issue 4, items 2 and 7)
//
// Versions are never edited in place once adopted: a founder drafts the next version (a draft may
// be edited or discarded), reads the impact report, and adopts it. Adoption, in one transaction:
// the draft becomes adopted, the previous version superseded, and EVERY active member who no longer
// qualifies gets a notice (message, reasons, revoke_at) and an email at once. There is no way to
// exempt anyone: the input has no such field, and the affected list is recomputed at adoption.
// ---------------------------------------------------------------------------------------------


export type DraftInput = { summary: string; rules: unknown };
export type AdoptionInput = { noticeDays?: number | null; message?: string | null };

function requirePolicyManager(actor: Actor | null): asserts actor is Actor {
  if (!can(actor, "manage_policy")) throw new Forbidden("Only founders manage the eligibility policy.");
}

function validateDraft(input: DraftInput): { summary: string; rules: PolicyRules } {
  const fieldErrors: Record<string, string> = {};
  const summary = input.summary.trim();
  if (summary.length < 10) fieldErrors.summary = "Say in a sentence or two what this version changes and does.";
  const parsed = policyRulesSchema.safeParse(input.rules);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "rules")] ??= issue.message;
  }
  if (!parsed.success || Object.keys(fieldErrors).length) {
    const detail = parsed.success ? [] : describePolicyIssues(parsed.error);
    throw new Invalid(["Please correct the highlighted fields.", ...detail].join(" "), fieldErrors);
  }
  return { summary, rules: parsed.data };
}

/** Every version, newest first, with its author: the history members may read. */
export async function listPolicyVersions(db: Db) {
  return db
    .selectFrom("eligibility_policies as p")
    .leftJoin("people as author", "author.id", "p.author_id")
    .leftJoin("people as adopter", "adopter.id", "p.adopted_by")
    .select(["p.version", "p.status", "p.summary", "p.created_at", "p.adopted_at", "author.name as author_name", "adopter.name as adopted_by_name"])
    .orderBy("p.version", "desc")
    .execute();
}

/** The open draft, if a founder is working on one. */
export async function getOpenDraft(db: Db) {
  return db.selectFrom("eligibility_policies").select(["version", "summary", "created_at"]).where("status", "=", "draft").executeTakeFirst();
}

/** Starts the next version as a draft. One draft at a time. */
export async function createPolicyDraft(db: Db, actor: Actor | null, input: DraftInput): Promise<number> {
  requirePolicyManager(actor);
  const { summary, rules } = validateDraft(input);
  return db.transaction().execute(async (trx) => {
    const open = await trx.selectFrom("eligibility_policies").select("version").where("status", "=", "draft").executeTakeFirst();
    if (open) throw new Conflict(`Version ${open.version} is already being drafted; edit or discard it first.`);
    const last = await trx.selectFrom("eligibility_policies").select((eb) => eb.fn.max("version").as("v")).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx.insertInto("eligibility_policies").values({
      version, status: "draft", summary, rules: JSON.stringify(rules), author_id: actor.id, created_at: nowIso(), adopted_at: null, adopted_by: null,
    }).execute();
    await recordAudit(trx, { actorId: actor.id, action: "policy.drafted", subjectType: "policy", subjectId: version, policyVersion: version, reason: summary });
    return version;
  });
}

async function loadDraft(db: Db, version: number) {
  const row = await db.selectFrom("eligibility_policies").selectAll().where("version", "=", version).executeTakeFirst();
  if (!row) throw new NotFound("There is no such policy version.");
  if (row.status !== "draft") throw new Conflict(`Version ${version} is ${row.status}; adopted versions are never edited. Draft a new version instead.`);
  return row;
}

/** A draft put to the members' vote stays as they read it: no edits or discarding until the vote has closed. */
async function refuseWhileUnderVote(db: Db, version: number, now = new Date()) {
  const proposal = await proposalForVersion(db, version);
  if (proposal && (proposal.status === "seconding" || (proposal.status === "open" && !isClosed(proposal.deadline, now)))) {
    throw new Conflict(`Version ${version} is proposed to the members (/policy/proposals/${proposal.id}); it cannot change while the proposal is awaiting seconds or being voted on.`);
  }
}

/**
 * A version proposed to the members is adopted only if their vote passed (votes.server.ts isPassed),
 * after the deadline. Returns the proposal to mark adopted, or null when the version was never proposed.
 */
async function requirePassedVote(db: Db, version: number, now: Date) {
  const proposal = await proposalForVersion(db, version);
  if (!proposal) return null;
  if (proposal.status === "seconding") throw new Conflict(`Version ${version} is awaiting seconds for a members' vote; it can be adopted only if that vote passes.`);
  if (!isClosed(proposal.deadline, now)) throw new Conflict(`The members' vote on version ${version} is open until ${formatDate(proposal.deadline!)}; it can be adopted only if it passes.`);
  const { total } = await tallyVotes(db, proposal.id);
  if (!isPassed(total)) throw new Conflict(`The members did not pass version ${version} (yes ${total.yes}, no ${total.no}, abstain ${total.abstain}); it cannot be adopted.`);
  return { id: proposal.id, tally: total };
}

/** Edits a draft. Adopted and superseded versions are refused: they never change. */
export async function updatePolicyDraft(db: Db, actor: Actor | null, version: number, input: DraftInput): Promise<void> {
  requirePolicyManager(actor);
  const { summary, rules } = validateDraft(input);
  await db.transaction().execute(async (trx) => {
    await loadDraft(trx, version);
    await refuseWhileUnderVote(trx, version);
    await trx.updateTable("eligibility_policies").set({ summary, rules: JSON.stringify(rules) })
      .where("version", "=", version).where("status", "=", "draft").execute();
    await recordAudit(trx, { actorId: actor.id, action: "policy.draft_edited", subjectType: "policy", subjectId: version, policyVersion: version, reason: summary });
  });
}

/** Throws a draft away. Its number is free for the next draft. */
export async function discardPolicyDraft(db: Db, actor: Actor | null, version: number, now = new Date()): Promise<void> {
  requirePolicyManager(actor);
  await db.transaction().execute(async (trx) => {
    await loadDraft(trx, version);
    await refuseWhileUnderVote(trx, version, now);
    // A failed proposal goes with its draft (and its votes); the audit row keeps the final tally.
    const proposal = await proposalForVersion(trx, version);
    const vote = proposal ? { proposal: proposal.id, ...(await tallyVotes(trx, proposal.id)).total } : undefined;
    await trx.deleteFrom("eligibility_policies").where("version", "=", version).where("status", "=", "draft").execute();
    await recordAudit(trx, { actorId: actor.id, action: "policy.draft_discarded", subjectType: "policy", subjectId: version, policyVersion: version, details: vote });
  });
}

export type ImpactRow = {
  kind: "member" | "applicant";
  id: number;
  name: string;
  email: string;
  company: string;
  before: Outcome;
  after: Outcome;
  reasons: EligibilityReason[];
};
export type ImpactReport = {
  currentVersion: number;
  draftVersion: number;
  members: ImpactRow[];
  applicants: ImpactRow[];
  /** Active members who would no longer qualify: each gets a notice on adoption. */
  noLongerQualify: ImpactRow[];
  counted: { members: number; applicants: number };
};

type ProfileRow = {
  id: number; name: string; email: string; title: string; company: string;
  role_level: RoleLevel; member_type: MemberType; social_responsibility: number;
};
/** A stored profile (a person or an application row) as the policy engine sees it. */
export const profileToApplicant = (r: Omit<ProfileRow, "id">): Applicant => ({
  name: r.name, email: r.email, title: r.title, company: r.company,
  roleLevel: r.role_level, memberType: r.member_type, socialResponsibility: r.social_responsibility === 1,
});
const toApplicant = (r: ProfileRow): Applicant & { id: number } => ({ id: r.id, ...profileToApplicant(r) });
const PROFILE = ["id", "name", "email", "title", "company", "role_level", "member_type", "social_responsibility"] as const;

/**
 * Who among active members and open applicants would change outcome if `draft` replaced the current
 * policy. Pure over what it loads; used by the page, the CSV, adoption (inside its transaction) and
 * the benchmark.
 */
export async function computeImpact(db: Db, current: EligibilityPolicy, draft: EligibilityPolicy): Promise<ImpactReport> {
  const [members, applicants] = await Promise.all([
    db.selectFrom("people").select(PROFILE).where("status", "=", "active").execute(),
    db.selectFrom("applications").select(PROFILE).where("status", "=", "pending").execute(),
  ]);
  const rows = (kind: ImpactRow["kind"], list: ProfileRow[]): ImpactRow[] => {
    const email = new Map(list.map((r) => [r.id, r.email]));
    return compareOutcomes(list.map(toApplicant), current, draft).map((c) => ({ kind, ...c, email: email.get(c.id) ?? "" }));
  };
  const memberRows = rows("member", members);
  return {
    currentVersion: current.version,
    draftVersion: draft.version,
    members: memberRows,
    applicants: rows("applicant", applicants),
    noLongerQualify: memberRows.filter((r) => r.after === "ineligible"),
    counted: { members: members.length, applicants: applicants.length },
  };
}

/** The impact report of a draft version against the current policy. Founders only. */
export async function policyImpactReport(db: Db, actor: Actor | null, version: number): Promise<ImpactReport> {
  requirePolicyManager(actor);
  const draft = await getPolicyVersion(db, version);
  if (!draft) throw new NotFound("There is no such policy version.");
  if (draft.status !== "draft") throw new Conflict(`Version ${version} is ${draft.status}; impact reports are for drafts.`);
  return computeImpact(db, await getCurrentPolicy(db), draft);
}


/** The impact report as CSV (RFC 4180, formula-safe). */
export function impactCsv(report: ImpactReport): string {
  const header = ["kind", "id", "name", "email", "company", `outcome under v${report.currentVersion}`, `outcome under v${report.draftVersion}`, "reasons"];
  const rows = [...report.members, ...report.applicants].map((r) => [
    r.kind, r.id, r.name, r.email, r.company, outcomeWords(r.before), outcomeWords(r.after), r.reasons.map((x) => x.message).join(" "),
  ]);
  return toCsv([header, ...rows]);
}

/**
 * Adopts a draft. When anyone no longer qualifies, a notice period (whole days, 1 or more) and a
 * personal message are required; every one of them gets the same notice. Returns how many.
 */
export async function adoptPolicy(db: Db, actor: Actor | null, version: number, input: AdoptionInput, now = new Date()) {
  requirePolicyManager(actor);
  return db.transaction().execute(async (trx) => {
    const row = await loadDraft(trx, version);
    const vote = await requirePassedVote(trx, version, now);
    const draft = toPolicy(row);
    const current = await getCurrentPolicy(trx);
    const report = await computeImpact(trx, current, draft);
    const affected = report.noLongerQualify;
    const message = (input.message ?? "").trim();
    const noticeDays = input.noticeDays ?? null;
    if (affected.length > 0) {
      const fieldErrors: Record<string, string> = {};
      if (noticeDays == null || !Number.isInteger(noticeDays) || noticeDays < 1 || noticeDays > 365) {
        fieldErrors.noticeDays = "Give a notice period of 1 to 365 whole days.";
      }
      if (message.length < 20) fieldErrors.message = "Write a personal message to the members who no longer qualify (at least 20 characters).";
      if (Object.keys(fieldErrors).length) {
        throw new Invalid(`${affected.length} ${affected.length === 1 ? "member no longer qualifies" : "members no longer qualify"}: a notice period and a personal message are required.`, fieldErrors);
      }
    }
    const at = nowIso(now);
    await trx.updateTable("eligibility_policies").set({ status: "superseded" }).where("status", "=", "adopted").execute();
    await trx.updateTable("eligibility_policies").set({ status: "adopted", adopted_at: at, adopted_by: actor.id }).where("version", "=", version).execute();
    await recordAudit(trx, {
      actorId: actor.id, action: "policy.adopted", subjectType: "policy", subjectId: version, rule: "eligibility_policy", policyVersion: version,
      reason: draft.summary,
      details: { supersedes: current.version, membersChanged: report.members.length, applicantsChanged: report.applicants.length, notices: affected.length, noticeDays, proposal: vote?.id ?? null },
    });
    if (vote) {
      await trx.updateTable("policy_proposals").set({ status: "adopted", adopted_at: at }).where("id", "=", vote.id).execute();
      await recordAudit(trx, {
        actorId: actor.id, action: "proposal.adopted", subjectType: "policy_proposal", subjectId: vote.id, rule: "members_vote", policyVersion: version,
        reason: `Passed by the members: yes ${vote.tally.yes}, no ${vote.tally.no}, abstain ${vote.tally.abstain}`, details: { ...vote.tally, noticeDays },
      });
    }
    const revokeAt = addDays(now, noticeDays ?? 0);
    for (const person of affected) {
      await giveMembershipNotice(trx, { actorId: actor.id, person, policyVersion: version, message, reasons: person.reasons, revokeAt, cause: "policy_change" }, now);
    }
    return { version, notices: affected.length, revokeAt: affected.length ? revokeAt.toISOString() : null };
  });
}

/** /policy: the current policy in plain language and the version history. Every member may read it. */
export async function getPolicyOverview(db: Db, actor: Actor | null) {
  if (!can(actor, "read_council")) throw new Forbidden();
  const current = await getCurrentPolicy(db);
  const versions = await listPolicyVersions(db);
  const manage = can(actor, "manage_policy");
  return {
    current: { version: current.version, summary: current.summary, adoptedAt: current.adoptedAt ?? null, lines: describePolicy(current) },
    versions: versions.filter((v) => manage || v.status !== "draft"),
    canManage: manage,
    draftVersion: versions.find((v) => v.status === "draft")?.version ?? null,
  };
}

/** One version. Drafts (and their impact report, which names people) are for founders only. */
export async function getPolicyVersionView(db: Db, actor: Actor | null, version: number) {
  if (!can(actor, "read_council")) throw new Forbidden();
  const policy = await getPolicyVersion(db, version);
  if (!policy || (policy.status === "draft" && !can(actor, "manage_policy"))) throw new NotFound("There is no such policy version.");
  const meta = (await listPolicyVersions(db)).find((v) => v.version === version)!;
  const impact = policy.status === "draft" ? await computeImpact(db, await getCurrentPolicy(db), policy) : null;
  return { version, status: policy.status, summary: policy.summary, rules: policy.rules, lines: describePolicy(policy), meta, impact, vote: policy.status === "draft" ? await membersVote(db, version) : null };
}

/** A draft proposed to the members: where its vote stands (it may be adopted only once "passed"). */
async function membersVote(db: Db, version: number, now = new Date()) {
  const proposal = await proposalForVersion(db, version);
  if (!proposal) return null;
  if (proposal.status === "seconding") return { id: proposal.id, state: "seconding" as const, deadline: null };
  if (!isClosed(proposal.deadline, now)) return { id: proposal.id, state: "open" as const, deadline: proposal.deadline };
  return { id: proposal.id, state: isPassed((await tallyVotes(db, proposal.id)).total) ? ("passed" as const) : ("failed" as const), deadline: proposal.deadline };
}

/** The form's starting values for a new draft (the current policy) or an existing draft. */
export async function getDraftStart(db: Db, actor: Actor | null, version?: number) {
  requirePolicyManager(actor);
  if (version === undefined) {
    const open = await getOpenDraft(db);
    const current = await getCurrentPolicy(db);
    return { openDraft: open?.version ?? null, summary: "", rules: current.rules, basedOn: current.version };
  }
  const row = await loadDraft(db, version);
  const draft = toPolicy(row);
  return { openDraft: version, summary: draft.summary, rules: draft.rules, basedOn: null };
}

export type NoticeInput = {
  actorId: number | null;
  person: { id: number; name: string; email: string };
  policyVersion: number;
  /** The personal message, shown first in the email. */
  message: string;
  reasons: EligibilityReason[];
  revokeAt: Date;
  /** A newly adopted policy, or the member's own change of job (app/membership/job-changes.server.ts). */
  cause: "policy_change" | "job_change";
};

/**
 * The humane path for a member who no longer qualifies, whatever the cause: a notice (revoked by the
 * jobs when it ends, unless they qualify again then), an email with the personal message, the reasons,
 * the end date and how to appeal, and a `notice.sent` audit row. Call inside the deciding transaction.
 */
export async function giveMembershipNotice(trx: Db, input: NoticeInput, now = new Date()): Promise<number> {
  const { person, policyVersion: version, message, reasons, revokeAt } = input;
  const notice = await trx.insertInto("membership_notices").values({
    person_id: person.id, policy_version: version, message, reasons: JSON.stringify(reasons), revoke_at: revokeAt.toISOString(),
    status: "pending", created_at: nowIso(now), resolved_at: null,
  }).returning("id").executeTakeFirstOrThrow();
  const why = input.cause === "policy_change"
    ? `The council has adopted eligibility policy v${version}. Under it, your membership no longer qualifies:`
    : `You told us your role has changed. Under eligibility policy v${version}, the policy in force, your membership no longer qualifies:`;
  await queueEmail(trx, {
    to: person.email,
    kind: "membership_notice",
    subject: `Your Council membership under eligibility policy v${version}`,
    text: [
      `Dear ${person.name},`,
      "",
      message,
      "",
      why,
      ...reasons.map((r) => `  - ${r.message}`),
      "",
      `Your membership will end on ${formatDate(revokeAt.toISOString())}. Until then nothing changes.`,
      "If your role has changed, or you believe this is a mistake, reply to this email before then. If the policy",
      "changes so that you qualify again, the notice is cancelled. After your membership ends you will receive a",
      "link to appeal to the founders; they can reinstate anyone the policy then in force admits.",
      "The same rules apply to everyone; there are no individual exceptions.",
      "",
      `The policy: ${getEnv().publicUrl}/policy`,
    ].join("\n"),
  });
  await recordAudit(trx, {
    actorId: input.actorId, action: "notice.sent", subjectType: "person", subjectId: person.id, rule: "eligibility_policy", policyVersion: version,
    reason: message, details: { revokeAt: revokeAt.toISOString(), reasons: reasons.map((r) => r.rule), cause: input.cause, noticeId: notice.id },
  });
  return notice.id;
}
