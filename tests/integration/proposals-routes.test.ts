// /policy/proposals routes: sign-in required, bad input kept with a message, a vote through the form.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { DEFAULT_POLICY, type PolicyRules } from "../../app/membership/eligibility";
import type { Actor } from "../../app/accounts/permissions";
import { createPolicyDraft } from "../../app/membership/policy.server";
import { castVote, proposePolicy } from "../../app/governance/proposals.server";
import { action as versionAction, loader as versionLoader } from "../../app/routes/policy.$version._index";
import { action as indexAction, loader as indexLoader } from "../../app/routes/policy.proposals._index";
import { action as proposalAction, loader as proposalLoader } from "../../app/routes/policy.proposals.$id";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { routeArgs, run, signedInRequest } from "../helpers/routes";

let db: Db;
let founder: Actor;
let member: Actor;
let version: number;
beforeEach(async () => {
  db = await createTestDb();
  (globalThis as { councilDb?: Db }).councilDb = db;
  founder = await makeMember(db, { roles: ["member", "founder"] });
  member = await makeMember(db);
  const rules = structuredClone(DEFAULT_POLICY.rules) as PolicyRules;
  rules.reviewWindowDays = 5;
  version = await createPolicyDraft(db, founder, { summary: "Decisions within 5 days instead of 10.", rules });
});
const CASE = "Applicants wait too long; discuss in the Policy thread on the forum.";

describe("/policy/proposals", () => {
  it("sends anonymous visitors to sign in", async () => {
    const out = await run(() => indexLoader(routeArgs(new Request("http://localhost/policy/proposals"))));
    expect(out.status).toBe(302);
  });

  it("lists the draft for a member to propose; bad input comes back with messages and values", async () => {
    const page = await run(async () => indexLoader(routeArgs(await signedInRequest(db, member, "/policy/proposals"))));
    expect(page.body).toMatchObject({ proposals: [], proposable: { version }, opensAtOnce: false });
    const bad = await run(async () => indexAction(routeArgs(await signedInRequest(db, member, "/policy/proposals", { version: String(version), discussion: "too short", votingDays: "90" }))));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ fieldErrors: { discussion: expect.any(String), votingDays: "Voting runs for 1 to 60 days." }, values: { discussion: "too short" } });
    const ok = await run(async () => indexAction(routeArgs(await signedInRequest(db, founder, "/policy/proposals", { version: String(version), discussion: CASE, votingDays: "7" }))));
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/^\/policy\/proposals\/\d+$/);
  });

  it("a member votes through the form; an unknown choice is refused; results stay hidden", async () => {
    await run(async () => indexAction(routeArgs(await signedInRequest(db, founder, "/policy/proposals", { version: String(version), discussion: CASE, votingDays: "7" }))));
    const id = String((await db.selectFrom("policy_proposals").select("id").executeTakeFirstOrThrow()).id);
    const bad = await run(async () => proposalAction(routeArgs(await signedInRequest(db, member, `/policy/proposals/${id}`, { intent: "vote", choice: "maybe" }), { id })));
    expect(bad.status).toBe(400);
    const ok = await run(async () => proposalAction(routeArgs(await signedInRequest(db, member, `/policy/proposals/${id}`, { intent: "vote", choice: "yes" }), { id })));
    expect(ok.body).toEqual({ ok: true, done: "Your vote is recorded: Yes." });
    const view = await run(async () => proposalLoader(routeArgs(await signedInRequest(db, member, `/policy/proposals/${id}`), { id })));
    expect(view.body).toMatchObject({ state: "open", myVote: { choice: "yes" }, results: null, canSeeReport: false, threadId: expect.any(Number) });
    const missing = await run(async () => proposalLoader(routeArgs(await signedInRequest(db, member, "/policy/proposals/999"), { id: "999" })));
    expect(missing.status).toBe(404);
  });
});

describe("adopting a passed proposal on the version page", () => {
  it("works with no notice fields when no member is affected", async () => {
    const id = await proposePolicy(db, founder, { version, discussion: CASE, votingDays: 7 }, new Date(Date.now() - 10 * 86_400_000));
    await castVote(db, member, id, "yes", new Date(Date.now() - 9 * 86_400_000));
    const adopted = await run(async () => versionAction(routeArgs(await signedInRequest(db, founder, `/policy/${version}`, { intent: "adopt" }), { version: String(version) })));
    expect(adopted).toMatchObject({ status: 302, location: `/policy/${version}` });
    expect((await db.selectFrom("policy_proposals").select("status").executeTakeFirstOrThrow()).status).toBe("adopted");
  });

  it("is refused (409) while the members' vote is open", async () => {
    await proposePolicy(db, founder, { version, discussion: CASE, votingDays: 7 });
    const refused = await run(async () => versionAction(routeArgs(await signedInRequest(db, founder, `/policy/${version}`, { intent: "adopt" }), { version: String(version) })));
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/members' vote on version \d+ is open/);
    const page = await run(async () => versionLoader(routeArgs(await signedInRequest(db, founder, `/policy/${version}`), { version: String(version) })));
    expect(page.body.vote).toMatchObject({ state: "open" });
  });
});
