// Policy proposals and votes: the council deciding its own eligibility rules (issue 7, item 1).
//
// A founder puts the open draft policy version to the members and voting opens at once; any other
// member may propose it too, and voting opens when two other members have seconded. Members vote
// yes / no / abstain, one vote each, changeable until the deadline. Results are hidden until the
// deadline, then shown with tallies by role level. A passed proposal (votes.server.ts isPassed) is
// adopted by a founder through the normal adoption path (adoptPolicy: notice period for members who
// no longer qualify); a failed one can never be adopted. Every step is audited. Each proposal starts
// its discussion thread in the forum, in the same transaction (screened and limited like any thread).
import type { VoteChoice } from "../../db/schema";
import { recordAudit } from "../platform/audit.server";
import type { Db } from "../platform/db.server";
import { lockKey } from "../platform/locks.server";
import { describePolicy } from "../membership/eligibility";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform/errors";
import { excerptText } from "../forum/markdown.server";
import { can, type Actor } from "../accounts/permissions";
import { computeImpact, getCurrentPolicy, getOpenDraft, getPolicyVersion } from "../membership/policy.server";
import { createThreadWithin, MAX_TITLE_LENGTH } from "../forum/posts.server";
import { visibleThreads } from "../forum/threads.server";
import { addDays, formatDate, nowIso } from "../platform/time";
import { isClosed, isPassed, tallyVotes } from "./votes.server";
import { queueNotifications } from "../platform/notification-queue.server";

/** Seconds a member's proposal needs (from members other than the proposer) before voting opens. */
export const SECONDS_NEEDED = 2;

export type ProposalInput = { version: number; discussion: string; votingDays: number };

// Where a proposal's discussion thread goes in the framework. No lifecycle area is about the council
// governing itself; eligibility decides who joins, which is closest to Employee (recruiting,
// onboarding), and Social strategy is the discipline of goals, governance and organisation.
const DISCUSSION_AREA = "employee";
const DISCUSSION_DISCIPLINE = "strategy";


function requireMemberActor(actor: Actor | null, action: "propose_policy" | "vote_policy" | "read_council"): asserts actor is Actor {
  if (!can(actor, action)) throw new Forbidden("Only members take part in policy votes.");
}

async function loadProposal(db: Db, id: number) {
  const row = await db.selectFrom("policy_proposals").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new NotFound(await whatBecameOf(db, id));
  return row;
}

/**
 * A failed proposal goes with its draft when a founder discards it (policy.server.ts); its discussion
 * thread stays and links here, so the page says what happened, from the audit row that kept the tally.
 */
async function whatBecameOf(db: Db, id: number): Promise<string> {
  const discarded = await db.selectFrom("audit_log").select(["policy_version", "details", "at"])
    .where("action", "=", "policy.draft_discarded").where("details", "is not", null).orderBy("id", "desc").execute();
  for (const row of discarded) {
    const tally = JSON.parse(row.details!) as { proposal?: number; yes?: number; no?: number; abstain?: number };
    if (tally.proposal !== id) continue;
    return `This proposal (policy version ${row.policy_version}) did not pass (yes ${tally.yes ?? 0}, no ${tally.no ?? 0}, abstain ${tally.abstain ?? 0}); its draft was discarded on ${formatDate(row.at)}.`;
  }
  return "There is no such proposal.";
}

/** Every active member but the one who opened it may hear by email that voting is open. */
async function queueVoteOpened(trx: Db, proposal: { id: number; version: number }, openerId: number, deadline: Date, now: Date) {
  const [members, policy] = await Promise.all([
    trx.selectFrom("people").select("id").where("status", "=", "active").where("id", "!=", openerId).execute(),
    trx.selectFrom("eligibility_policies").select("summary").where("version", "=", proposal.version).executeTakeFirst(),
  ]);
  await queueNotifications(trx, members.map((m) => ({
    personId: m.id, kind: "votes" as const, title: `Voting is open on eligibility policy version ${proposal.version}`,
    body: `${policy?.summary ?? ""}\n\nVoting closes ${formatDate(deadline.toISOString())}.`.trim(), path: `/policy/proposals/${proposal.id}`,
  })), now);
}

/** Puts a draft version to the members. A founder's proposal opens at once; a member's awaits two seconds. */
export async function proposePolicy(db: Db, actor: Actor | null, input: ProposalInput, now = new Date()): Promise<number> {
  requireMemberActor(actor, "propose_policy");
  const discussion = input.discussion.trim();
  const fieldErrors: Record<string, string> = {};
  if (discussion.length < 20) fieldErrors.discussion = "Make the case in a few sentences (at least 20 characters).";
  if (!Number.isInteger(input.votingDays) || input.votingDays < 1 || input.votingDays > 60) fieldErrors.votingDays = "Voting runs for 1 to 60 whole days.";
  if (Object.keys(fieldErrors).length) throw new Invalid("Please correct the highlighted fields.", fieldErrors);
  const opensNow = can(actor, "manage_policy");
  return db.transaction().execute(async (trx) => {
    const draft = await trx.selectFrom("eligibility_policies").select(["version", "status", "summary"]).where("version", "=", input.version).executeTakeFirst();
    if (!draft) throw new NotFound("There is no such policy version.");
    if (draft.status !== "draft") throw new Conflict(`Version ${input.version} is ${draft.status}; only a draft can be proposed.`);
    const existing = await trx.selectFrom("policy_proposals").select("id").where("policy_version", "=", input.version).executeTakeFirst();
    if (existing) throw new Conflict(`Version ${input.version} has already been proposed.`);
    const at = nowIso(now);
    const { id } = await trx.insertInto("policy_proposals").values({
      policy_version: input.version, proposed_by: actor.id, discussion, voting_days: input.votingDays,
      status: opensNow ? "open" : "seconding", created_at: at,
      opened_at: opensNow ? at : null, deadline: opensNow ? addDays(now, input.votingDays).toISOString() : null, adopted_at: null,
    }).returning("id").executeTakeFirstOrThrow();
    const prefix = `Policy proposal: version ${input.version}, `;
    const { threadId } = await createThreadWithin(trx, actor, {
      title: prefix + excerptText(draft.summary, MAX_TITLE_LENGTH - prefix.length),
      body: `${discussion}\n\n[Read the proposal and its impact](/policy/proposals/${id})`,
      lifecycleArea: DISCUSSION_AREA, discipline: DISCUSSION_DISCIPLINE,
    });
    await trx.updateTable("policy_proposals").set({ thread_id: threadId }).where("id", "=", id).execute();
    await recordAudit(trx, {
      actorId: actor.id, action: "proposal.created", subjectType: "policy_proposal", subjectId: id, policyVersion: input.version,
      reason: discussion, details: { votingDays: input.votingDays, opensNow, threadId },
    });
    if (opensNow) {
      await recordAudit(trx, { actorId: actor.id, action: "proposal.opened", subjectType: "policy_proposal", subjectId: id, policyVersion: input.version, rule: "proposed_by_founder" });
      await queueVoteOpened(trx, { id, version: input.version }, actor.id, addDays(now, input.votingDays), now);
    }
    return id;
  });
}

/** Another member seconds a member's proposal; with the second second, voting opens. */
export async function secondProposal(db: Db, actor: Actor | null, id: number, now = new Date()) {
  requireMemberActor(actor, "read_council");
  return db.transaction().execute(async (trx) => {
    const proposal = await loadProposal(trx, id);
    if (!can(actor, "second_proposal", { authorId: proposal.proposed_by ?? undefined })) throw new Forbidden("You cannot second your own proposal.");
    if (proposal.status !== "seconding") throw new Conflict("This proposal is no longer waiting for seconds.");
    const already = await trx.selectFrom("policy_seconds").select("id").where("proposal_id", "=", id).where("person_id", "=", actor.id).executeTakeFirst();
    if (already) throw new Conflict("You have already seconded this proposal.");
    await trx.insertInto("policy_seconds").values({ proposal_id: id, person_id: actor.id, created_at: nowIso(now) }).execute();
    await recordAudit(trx, { actorId: actor.id, action: "proposal.seconded", subjectType: "policy_proposal", subjectId: id, policyVersion: proposal.policy_version });
    const seconds = await trx.selectFrom("policy_seconds").select((eb) => eb.fn.countAll<number>().as("n")).where("proposal_id", "=", id).executeTakeFirstOrThrow();
    const opened = Number(seconds.n) >= SECONDS_NEEDED;
    if (opened) {
      await trx.updateTable("policy_proposals")
        .set({ status: "open", opened_at: nowIso(now), deadline: addDays(now, proposal.voting_days).toISOString() })
        .where("id", "=", id).execute();
      await recordAudit(trx, { actorId: actor.id, action: "proposal.opened", subjectType: "policy_proposal", subjectId: id, policyVersion: proposal.policy_version, rule: "seconded_by_two_members" });
      await queueVoteOpened(trx, { id, version: proposal.policy_version }, actor.id, addDays(now, proposal.voting_days), now);
    }
    return { opened };
  });
}

/** Casts or changes this member's vote. One vote each; only while voting is open. */
export async function castVote(db: Db, actor: Actor | null, id: number, choice: VoteChoice, now = new Date()) {
  requireMemberActor(actor, "vote_policy");
  await db.transaction().execute(async (trx) => {
    await lockKey(trx, `vote:${id}:${actor.id}`); // one member's parallel votes: the second sees the first and changes it
    const proposal = await loadProposal(trx, id);
    if (proposal.status === "seconding") throw new Conflict("Voting opens once two members have seconded this proposal.");
    if (proposal.status !== "open" || isClosed(proposal.deadline, now)) throw new Conflict("Voting on this proposal has closed.");
    const at = nowIso(now);
    const previous = await trx.selectFrom("policy_votes").select(["id", "choice"]).where("proposal_id", "=", id).where("person_id", "=", actor.id).executeTakeFirst();
    if (previous) {
      await trx.updateTable("policy_votes").set({ choice, role_level: actor.roleLevel, updated_at: at }).where("id", "=", previous.id).execute();
    } else {
      await trx.insertInto("policy_votes").values({ proposal_id: id, person_id: actor.id, choice, role_level: actor.roleLevel, created_at: at, updated_at: at }).execute();
    }
    await recordAudit(trx, {
      actorId: actor.id, action: previous ? "vote.changed" : "vote.cast", subjectType: "policy_proposal", subjectId: id, policyVersion: proposal.policy_version,
      details: previous ? { from: previous.choice, to: choice } : { choice },
    });
  });
}

export type ProposalState = "seconding" | "open" | "passed" | "failed" | "adopted";

function stateOf(p: { status: string; deadline: string | null }, passed: boolean | null, now: Date): ProposalState {
  if (p.status === "adopted") return "adopted";
  if (p.status === "seconding") return "seconding";
  if (!isClosed(p.deadline, now)) return "open";
  return passed ? "passed" : "failed";
}

/** /policy/proposals: every proposal with its state, and the open draft if it can be proposed. */
export async function listProposals(db: Db, actor: Actor | null, now = new Date()) {
  requireMemberActor(actor, "read_council");
  const rows = await db.selectFrom("policy_proposals as p")
    .innerJoin("eligibility_policies as v", "v.version", "p.policy_version")
    .leftJoin("people as proposer", "proposer.id", "p.proposed_by")
    .select(["p.id", "p.policy_version", "p.status", "p.deadline", "p.created_at", "v.summary", "proposer.name as proposer_name"])
    .orderBy("p.created_at", "desc").orderBy("p.id", "desc")
    .execute();
  const proposals = await Promise.all(rows.map(async (p) => {
    const closed = isClosed(p.deadline, now);
    const passed = closed ? isPassed((await tallyVotes(db, p.id)).total) : null;
    return { id: p.id, version: p.policy_version, summary: p.summary, proposer: p.proposer_name, deadline: p.deadline, state: stateOf(p, passed, now) };
  }));
  const draft = await getOpenDraft(db);
  const proposable = draft && !rows.some((p) => p.policy_version === draft.version) ? await draftSummary(db, draft.version) : null;
  return { proposals, proposable, opensAtOnce: can(actor, "manage_policy"), secondsNeeded: SECONDS_NEEDED };
}

/** What members read about a draft before proposing or voting: the rules in words and the impact in numbers (no names). */
async function draftSummary(db: Db, version: number) {
  const policy = (await getPolicyVersion(db, version))!;
  const impact = await computeImpact(db, await getCurrentPolicy(db), policy);
  return {
    version, summary: policy.summary, lines: describePolicy(policy),
    impact: {
      currentVersion: impact.currentVersion, membersCounted: impact.counted.members, applicantsCounted: impact.counted.applicants,
      membersChanged: impact.members.length, applicantsChanged: impact.applicants.length, noLongerQualify: impact.noLongerQualify.length,
    },
  };
}

/** One proposal: the draft, its impact, seconds, the member's own vote, and the results once closed. */
export async function getProposal(db: Db, actor: Actor | null, id: number, now = new Date()) {
  requireMemberActor(actor, "read_council");
  const p = await loadProposal(db, id);
  const proposer = p.proposed_by ? await db.selectFrom("people").select(["id", "name"]).where("id", "=", p.proposed_by).executeTakeFirst() : undefined;
  const seconds = await db.selectFrom("policy_seconds as s").innerJoin("people", "people.id", "s.person_id")
    .select(["people.id", "people.name"]).where("s.proposal_id", "=", id).orderBy("s.id").execute();
  // The discussion thread, while this member may read it (a thread held by screening waits for a moderator).
  const thread = p.thread_id ? await db.selectFrom("threads").select("id").where("id", "=", p.thread_id).where(visibleThreads(actor, { includeOwn: true })).executeTakeFirst() : undefined;
  const mine = await db.selectFrom("policy_votes").select(["choice", "updated_at"]).where("proposal_id", "=", id).where("person_id", "=", actor.id).executeTakeFirst();
  const closed = p.status !== "seconding" && isClosed(p.deadline, now);
  // Results stay hidden, from everyone, until the deadline.
  const results = closed ? await tallyVotes(db, id) : null;
  const state = stateOf(p, results ? isPassed(results.total) : null, now);
  const policy = await getPolicyVersion(db, p.policy_version);
  const draft = policy?.status === "draft" ? await draftSummary(db, p.policy_version) : null;
  return {
    id, version: p.policy_version, state, discussion: p.discussion, threadId: thread?.id ?? null, votingDays: p.voting_days,
    createdAt: p.created_at, openedAt: p.opened_at, deadline: p.deadline, adoptedAt: p.adopted_at,
    proposer: proposer ?? null,
    summary: policy?.summary ?? "", lines: policy ? describePolicy(policy) : [], impact: draft?.impact ?? null,
    seconds, secondsNeeded: SECONDS_NEEDED,
    canSecond: state === "seconding" && can(actor, "second_proposal", { authorId: p.proposed_by ?? undefined }) && !seconds.some((s) => s.id === actor.id),
    canVote: state === "open" && can(actor, "vote_policy"),
    myVote: mine ? { choice: mine.choice, at: mine.updated_at } : null,
    results,
    canAdopt: state === "passed" && can(actor, "manage_policy"),
    /** The full impact report names people: founders only (on the version page). */
    canSeeReport: can(actor, "manage_policy") && draft !== null,
  };
}

/** Proposals members can vote on right now (for the digest). */
export async function listOpenVotes(db: Db, now = new Date()) {
  return db.selectFrom("policy_proposals as p").innerJoin("eligibility_policies as v", "v.version", "p.policy_version")
    .select(["p.id", "p.policy_version as version", "v.summary", "p.deadline"])
    .where("p.status", "=", "open").where("p.deadline", ">", nowIso(now))
    .orderBy("p.deadline").execute();
}
