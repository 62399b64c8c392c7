// Rules that count, with the same action fired many times at once. On PostgreSQL (npm test's second
// run) the calls run in parallel transactions on separate connections of the pool; on SQLite the
// connection runs them one at a time. Either way each rule must hold exactly.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Conflict, NotFound, TooManyRequests } from "../../app/platform/errors";
import type { LimitRule } from "../../app/platform/limits";
import { enforceRateLimit } from "../../app/platform/rate-limit.server";
import { acceptInvitation, inviteDirectly } from "../../app/membership/invitations.server";
import { createPolicyDraft } from "../../app/membership/policy.server";
import { DEFAULT_POLICY, type PolicyRules } from "../../app/membership/eligibility";
import { castVote, proposePolicy } from "../../app/governance/proposals.server";
import { flagPost } from "../../app/moderation/moderation.server";
import { requestPasswordReset, resetPassword } from "../../app/accounts/password-reset.server";
import { makeMember, makeThread } from "../factories";
import { createTestDb, testEngine } from "../helpers/db";

const AT_ONCE = 10;
let db: Db;
beforeEach(async () => {
  db = await createTestDb({ poolSize: AT_ONCE });
});

/** Runs `action` AT_ONCE times at once; the fulfilled values and the rejection reasons. */
async function atOnce<T>(action: (i: number) => Promise<T>) {
  const settled = await Promise.allSettled(Array.from({ length: AT_ONCE }, (_, i) => action(i)));
  return {
    ok: settled.filter((s) => s.status === "fulfilled").map((s) => (s as PromiseFulfilledResult<T>).value),
    errors: settled.filter((s) => s.status === "rejected").map((s) => (s as PromiseRejectedResult).reason as unknown),
  };
}
const audits = async (action: string) => (await db.selectFrom("audit_log").select("id").where("action", "=", action).execute()).length;

describe(`the same action from many connections at once (${testEngine})`, () => {
  it("an invitation is used once: one member, the others told it was already accepted", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const { token } = await inviteDirectly(db, founder, {
      name: "Grace Whitfield", email: "grace@fabrikam.example", title: "Chief Marketing Officer", company: "Fabrikam Foods",
      roleLevel: "c_level", socialResponsibility: "yes", socialResponsibilityNote: "Social reports to me.", memberType: "executive", roleVerified: false,
    });
    const { ok, errors } = await atOnce(() => acceptInvitation(db, { token, password: "quiet-harbor-lantern-1987" }));
    expect(ok).toHaveLength(1);
    expect(errors.every((e) => e instanceof Conflict)).toBe(true);
    expect(await db.selectFrom("people").select("id").where("email_normalized", "=", "grace@fabrikam.example").execute()).toHaveLength(1);
    expect(await audits("invitation.accepted")).toBe(1);
  });

  it("a vote is cast once: one row per member, the later ones recorded as changes", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const rules = structuredClone(DEFAULT_POLICY.rules) as PolicyRules;
    rules.admittedRoleLevels = rules.admittedRoleLevels.filter((l) => l !== "director");
    const version = await createPolicyDraft(db, founder, { summary: "Directors are no longer admitted; the rest is unchanged.", rules });
    const id = await proposePolicy(db, founder, { version, discussion: "Directors without a budget rarely own social strategy; discuss in the thread.", votingDays: 7 });
    const voter = await makeMember(db);
    const { ok, errors } = await atOnce((i) => castVote(db, voter, id, i % 2 ? "yes" : "no"));
    expect(errors).toEqual([]);
    expect(ok).toHaveLength(AT_ONCE);
    expect(await db.selectFrom("policy_votes").select("id").where("proposal_id", "=", id).where("person_id", "=", voter.id).execute()).toHaveLength(1);
    expect(await audits("vote.cast")).toBe(1);
    expect(await audits("vote.changed")).toBe(AT_ONCE - 1);
  });

  it("flags from members of many companies at once hide the post exactly once", async () => {
    const author = await makeMember(db, { company: "Acme Corp" });
    const t = await makeThread(db, author, { replies: 1 });
    const postId = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).where("number", "=", 2).executeTakeFirstOrThrow()).id;
    const flaggers = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => makeMember(db, { company: `Company ${i} Ltd` })));
    const { ok, errors } = await atOnce((i) => flagPost(db, flaggers[i]!, { postId, reason: "sales_pitch", note: null }));
    // A flag that reads the post after another has hidden it finds it no longer visible (as a member would);
    // whichever way the race goes, at least the threshold's flags count and the post is hidden exactly once.
    expect(errors.every((e) => e instanceof NotFound)).toBe(true);
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(ok.filter((r) => r.hidden)).toHaveLength(1);
    expect(await audits("post.hidden")).toBe(1);
    expect(await audits("flag.raised")).toBe(ok.length);
    expect((await db.selectFrom("posts").select("status").where("id", "=", postId).executeTakeFirstOrThrow()).status).toBe("hidden");
  });

  it("one member's flag sent many times at once counts once", async () => {
    const author = await makeMember(db);
    const t = await makeThread(db, author, { replies: 1 });
    const postId = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).where("number", "=", 2).executeTakeFirstOrThrow()).id;
    const flagger = await makeMember(db);
    const { ok, errors } = await atOnce(() => flagPost(db, flagger, { postId, reason: "off_topic", note: null }));
    expect(ok).toHaveLength(1);
    expect(errors.every((e) => e instanceof Conflict)).toBe(true);
    expect(await db.selectFrom("flags").select("id").where("post_id", "=", postId).execute()).toHaveLength(1);
  });

  it("a rate limit lets exactly its limit through", async () => {
    const rule: LimitRule = { name: "test.burst", limit: 3, windowMinutes: 60, doAgain: "try again" };
    const { ok, errors } = await atOnce(() => db.transaction().execute((trx) => enforceRateLimit(trx, rule, 42)));
    expect(ok).toHaveLength(rule.limit);
    expect(errors.every((e) => e instanceof TooManyRequests)).toBe(true);
    expect(await db.selectFrom("rate_limit_events").select("id").where("key", "=", "test.burst:42").execute()).toHaveLength(rule.limit);
  });

  it("a password reset link works once", async () => {
    const member = await makeMember(db, { email: "priya@contoso.example", name: "Priya Raman" });
    await requestPasswordReset(db, { email: member.email, ip: "10.0.0.1" });
    const mail = await db.selectFrom("outbox").select("text_body").where("kind", "=", "password_reset").executeTakeFirstOrThrow();
    const token = /\/password\/reset\/([a-z0-9]+)/.exec(mail.text_body)![1]!;
    const password = "quiet-harbor-lantern-1987";
    const { ok, errors } = await atOnce(() => resetPassword(db, { token, password, passwordConfirm: password }));
    expect(ok).toHaveLength(1);
    expect(errors.every((e) => e instanceof NotFound)).toBe(true);
    expect(await audits("password.reset")).toBe(1);
  });
});
