// Policy proposals and votes against a real database: who may propose, the seconding rule, one vote
// each (changeable until the deadline), results hidden until close, tallies by role level, and the
// rule that only a passed proposal is adopted, through the normal adoption path with its notices.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { DEFAULT_POLICY, type PolicyRules } from "../../app/membership/eligibility";
import { Conflict, Forbidden, Invalid, NotFound, TooManyRequests } from "../../app/platform/errors";
import { headerCounts } from "../../app/forum/notifications.server";
import type { Actor } from "../../app/accounts/permissions";
import { adoptPolicy, createPolicyDraft, discardPolicyDraft, getCurrentPolicy, updatePolicyDraft } from "../../app/membership/policy.server";
import { createThread, replyToThread } from "../../app/forum/posts.server";
import { castVote, getProposal, listOpenVotes, listProposals, proposePolicy, secondProposal } from "../../app/governance/proposals.server";
import { searchPosts } from "../../app/forum/search.server";
import { getThreadPage } from "../../app/forum/threads.server";
import { addDays } from "../../app/platform/time";
import { isPassed } from "../../app/governance/votes.server";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";

let db: Db;
let founder: Actor;
let version: number;
const NOW = new Date("2026-11-23T12:00:00Z");
const AFTER = addDays(NOW, 8); // past a 7-day deadline
const CASE = "Directors without a budget rarely own social strategy; discuss in the Policy thread.";
const MESSAGE = "Thank you for everything you gave the council. The members voted to raise the bar.";

const noDirectors = (): PolicyRules => {
  const r = structuredClone(DEFAULT_POLICY.rules) as PolicyRules;
  r.admittedRoleLevels = r.admittedRoleLevels.filter((l) => l !== "director");
  return r;
};

beforeEach(async () => {
  db = await createTestDb();
  founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
  version = await createPolicyDraft(db, founder, { summary: "Directors are no longer admitted; the rest is unchanged.", rules: noDirectors() });
});

const openProposal = () => proposePolicy(db, founder, { version, discussion: CASE, votingDays: 7 }, NOW);
const audit = async (action: string) => db.selectFrom("audit_log").select(["actor_id", "details"]).where("action", "=", action).execute();

describe("proposing", () => {
  it("a founder's proposal opens at once with a deadline; anonymous visitors are refused; bad input keeps field messages", async () => {
    await expect(proposePolicy(db, null, { version, discussion: CASE, votingDays: 7 })).rejects.toBeInstanceOf(Forbidden);
    const bad = await proposePolicy(db, founder, { version, discussion: "short", votingDays: 0 }, NOW).catch((e) => e);
    expect(bad).toBeInstanceOf(Invalid);
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(["discussion", "votingDays"]);
    const id = await openProposal();
    const view = await getProposal(db, founder, id, NOW);
    expect(view).toMatchObject({ state: "open", deadline: addDays(NOW, 7).toISOString(), discussion: CASE, canVote: true, results: null });
    expect(view.impact).toMatchObject({ currentVersion: 1 });
    expect((await audit("proposal.opened")).length).toBe(1);
    await expect(openProposal()).rejects.toBeInstanceOf(Conflict); // one proposal per version
  });

  it("only a draft can be proposed", async () => {
    await expect(proposePolicy(db, founder, { version: 1, discussion: CASE, votingDays: 7 }, NOW)).rejects.toBeInstanceOf(Conflict);
  });
});

describe("the discussion thread", () => {
  it("proposing starts a forum thread with the case and a link to the proposal, stored on the proposal, and members reply there", async () => {
    const proposer = await makeMember(db, { name: "Pat Proposer" });
    const member = await makeMember(db);
    const id = await proposePolicy(db, proposer, { version, discussion: CASE, votingDays: 7 }, NOW);

    const { threadId } = await getProposal(db, member, id, NOW);
    expect(threadId).toEqual(expect.any(Number));
    const row = await db.selectFrom("policy_proposals").select("thread_id").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.thread_id).toBe(threadId);
    const page = await getThreadPage(db, member, threadId!);
    expect(page.thread).toMatchObject({
      title: `Policy proposal: version ${version}, Directors are no longer admitted; the rest is unchanged.`,
      author_name: "Pat Proposer", lifecycle_area: "employee", discipline: "strategy", status: "published", chapter_id: null,
    });
    expect(page.posts[0]!.body_html).toContain("Directors without a budget rarely own social strategy");
    expect(page.posts[0]!.body_html).toContain(`href="/policy/proposals/${id}"`);
    const created = await db.selectFrom("audit_log").select("details").where("action", "=", "proposal.created").executeTakeFirstOrThrow();
    expect(JSON.parse(created.details!)).toMatchObject({ threadId });
    // Indexed for search like any post.
    expect((await searchPosts(db, member, "budget rarely")).results.map((r) => r.threadId)).toEqual([threadId]);

    // A member replies; the proposer follows their thread and hears about it.
    const reply = await replyToThread(db, member, { threadId: threadId!, body: "Directors at our company hold budgets; I would vote no." });
    expect(reply).toMatchObject({ threadId, number: 2, held: false });
    expect((await headerCounts(db, proposer.id)).unreadNotifications).toBe(1);
  });

  it("the thread is screened like any other: a pitch is held, and the link shows only to those who may read it", async () => {
    const proposer = await makeMember(db);
    const member = await makeMember(db);
    const pitch = "Great question! Our **ZephyrMetrics** platform solves exactly this. Book a free demo at https://calendly.com/zephyr/intro and mention the council for 20% off.";
    const id = await proposePolicy(db, proposer, { version, discussion: pitch, votingDays: 7 }, NOW);
    const own = await getProposal(db, proposer, id, NOW);
    expect(own.threadId).toEqual(expect.any(Number));
    expect((await getThreadPage(db, proposer, own.threadId!)).thread.status).toBe("held");
    expect((await getProposal(db, member, id, NOW)).threadId).toBeNull();
  });

  it("one action: when the thread cannot be started (posting limits), no proposal is made either", async () => {
    const newcomer = await makeMember(db, { joinedAt: new Date().toISOString() });
    for (let n = 0; n < 3; n++) await createThread(db, newcomer, { title: `Question ${n}`, body: "How do you staff social care on weekends?", lifecycleArea: "customer", discipline: "execution" });
    await expect(proposePolicy(db, newcomer, { version, discussion: CASE, votingDays: 7 }, NOW)).rejects.toBeInstanceOf(TooManyRequests);
    expect(await db.selectFrom("policy_proposals").select("id").execute()).toEqual([]);
    expect(await audit("proposal.created")).toEqual([]);
  });
});

describe("the seconding rule", () => {
  it("a member's proposal opens only when two other members have seconded it", async () => {
    const proposer = await makeMember(db);
    const [a, b] = [await makeMember(db), await makeMember(db)];
    const id = await proposePolicy(db, proposer, { version, discussion: CASE, votingDays: 7 }, NOW);
    expect((await getProposal(db, a, id, NOW)).state).toBe("seconding");
    await expect(castVote(db, a, id, "yes", NOW)).rejects.toBeInstanceOf(Conflict);
    await expect(secondProposal(db, proposer, id, NOW)).rejects.toBeInstanceOf(Forbidden); // not their own
    expect(await secondProposal(db, a, id, NOW)).toEqual({ opened: false });
    await expect(secondProposal(db, a, id, NOW)).rejects.toBeInstanceOf(Conflict); // not twice
    const later = addDays(NOW, 2);
    expect(await secondProposal(db, b, id, later)).toEqual({ opened: true });
    const view = await getProposal(db, proposer, id, later);
    expect(view).toMatchObject({ state: "open", deadline: addDays(later, 7).toISOString() });
    expect(view.seconds.map((s) => s.id)).toEqual([a.id, b.id]);
    expect((await audit("proposal.seconded")).map((r) => r.actor_id)).toEqual([a.id, b.id]);
    expect((await audit("proposal.opened")).map((r) => r.actor_id)).toEqual([b.id]);
  });

  it("the draft cannot be edited or discarded while it awaits seconds or a vote", async () => {
    await proposePolicy(db, await makeMember(db), { version, discussion: CASE, votingDays: 7 }, NOW);
    await expect(updatePolicyDraft(db, founder, version, { summary: "Something else entirely now.", rules: noDirectors() })).rejects.toBeInstanceOf(Conflict);
    await expect(discardPolicyDraft(db, founder, version)).rejects.toBeInstanceOf(Conflict);
  });
});

describe("voting", () => {
  it("one vote each, changeable before the deadline, refused after it", async () => {
    const id = await openProposal();
    const member = await makeMember(db);
    await castVote(db, member, id, "yes", NOW);
    await castVote(db, member, id, "no", addDays(NOW, 1));
    await castVote(db, member, id, "abstain", addDays(NOW, 6));
    const votes = await db.selectFrom("policy_votes").select(["person_id", "choice"]).execute();
    expect(votes).toEqual([{ person_id: member.id, choice: "abstain" }]);
    expect((await getProposal(db, member, id, addDays(NOW, 6))).myVote?.choice).toBe("abstain");
    await expect(castVote(db, member, id, "yes", addDays(NOW, 7))).rejects.toBeInstanceOf(Conflict); // the deadline itself closes it
    await expect(castVote(db, member, id, "yes", AFTER)).rejects.toBeInstanceOf(Conflict);
    expect((await db.selectFrom("policy_votes").select("choice").executeTakeFirstOrThrow()).choice).toBe("abstain");
    expect((await audit("vote.cast")).length).toBe(1);
    expect((await audit("vote.changed")).map((r) => JSON.parse(r.details!))).toEqual([{ from: "yes", to: "no" }, { from: "no", to: "abstain" }]);
  });

  it("revoked members cannot vote", async () => {
    const id = await openProposal();
    await expect(castVote(db, await makeMember(db, { status: "revoked" }), id, "yes", NOW)).rejects.toBeInstanceOf(Forbidden);
  });

  it("results are hidden from everyone, founders too, until the deadline; then shown with tallies by role level", async () => {
    const id = await openProposal();
    await castVote(db, await makeMember(db, { roleLevel: "vp" }), id, "yes", NOW);
    await castVote(db, await makeMember(db, { roleLevel: "vp" }), id, "no", NOW);
    await castVote(db, await makeMember(db, { roleLevel: "director" }), id, "yes", NOW);
    await castVote(db, await makeMember(db, { roleLevel: "c_level" }), id, "abstain", NOW);
    const during = await getProposal(db, founder, id, addDays(NOW, 6));
    expect(during.results).toBeNull();
    expect(during.state).toBe("open");
    expect((await listProposals(db, founder, addDays(NOW, 6))).proposals[0]!.state).toBe("open");
    const after = await getProposal(db, founder, id, AFTER);
    expect(after.state).toBe("passed");
    expect(after.results!.total).toEqual({ yes: 2, no: 1, abstain: 1 });
    const byLevel = Object.fromEntries(after.results!.byRoleLevel.map((t) => [t.roleLevel, [t.yes, t.no, t.abstain]]));
    expect(byLevel).toMatchObject({ c_level: [0, 0, 1], vp: [1, 1, 0], director: [1, 0, 0], evp: [0, 0, 0] });
  });

  it("lists only proposals still open for the digest", async () => {
    const id = await openProposal();
    expect((await listOpenVotes(db, NOW)).map((p) => p.id)).toEqual([id]);
    expect(await listOpenVotes(db, AFTER)).toEqual([]);
  });
});

describe("the rule and adoption", () => {
  it.each([
    [{ yes: 2, no: 1, abstain: 0 }, true],
    [{ yes: 1, no: 1, abstain: 5 }, false],
    [{ yes: 0, no: 0, abstain: 0 }, false],
    [{ yes: 1, no: 0, abstain: 9 }, true],
  ])("%j passes: %s", (tally, expected) => {
    expect(isPassed(tally)).toBe(expected);
  });

  it("a failed proposal can never be adopted", async () => {
    const id = await openProposal();
    await castVote(db, await makeMember(db), id, "no", NOW);
    await expect(adoptPolicy(db, founder, version, {}, addDays(NOW, 1))).rejects.toBeInstanceOf(Conflict); // not before the deadline
    expect((await getProposal(db, founder, id, AFTER))).toMatchObject({ state: "failed", canAdopt: false });
    const error = await adoptPolicy(db, founder, version, { noticeDays: 30, message: MESSAGE }, AFTER).catch((e) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toMatch(/did not pass/);
    expect((await getCurrentPolicy(db)).version).toBe(1);
    // Once failed, the draft may be discarded; the audit row keeps the final tally.
    await discardPolicyDraft(db, founder, version, AFTER);
    expect((await audit("policy.draft_discarded")).map((r) => JSON.parse(r.details!))).toEqual([{ proposal: id, yes: 0, no: 1, abstain: 0 }]);
    // Its discussion thread still links to the proposal page, which now says what became of it.
    const gone = await getProposal(db, founder, id, AFTER).catch((e) => e);
    expect(gone).toBeInstanceOf(NotFound);
    expect(gone.message).toMatch(new RegExp(`policy version ${version}\\) did not pass \\(yes 0, no 1, abstain 0\\); its draft was discarded on`));
    expect((await getProposal(db, founder, id + 100).catch((e) => e)).message).toBe("There is no such proposal.");
  });

  it("a passed proposal is adopted through the normal path: notices for members who no longer qualify, audited", async () => {
    const id = await openProposal();
    const director = await makeMember(db, { roleLevel: "director" });
    await castVote(db, await makeMember(db), id, "yes", NOW);
    await castVote(db, director, id, "no", NOW);
    await castVote(db, await makeMember(db), id, "yes", NOW);
    expect((await getProposal(db, founder, id, AFTER)).canAdopt).toBe(true);
    expect((await getProposal(db, director, id, AFTER)).canAdopt).toBe(false);
    // The normal path still asks for a notice period and message when someone no longer qualifies.
    await expect(adoptPolicy(db, founder, version, {}, AFTER)).rejects.toBeInstanceOf(Invalid);
    const result = await adoptPolicy(db, founder, version, { noticeDays: 30, message: MESSAGE }, AFTER);
    expect(result.notices).toBe(1);
    expect((await getCurrentPolicy(db)).version).toBe(version);
    expect((await getProposal(db, founder, id, AFTER)).state).toBe("adopted");
    expect(await db.selectFrom("membership_notices").select("person_id").execute()).toEqual([{ person_id: director.id }]);
    expect((await audit("proposal.adopted")).map((r) => JSON.parse(r.details!))).toEqual([{ yes: 2, no: 1, abstain: 0, noticeDays: 30 }]);
  });
});
