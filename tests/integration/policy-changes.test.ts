import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { DEFAULT_POLICY, type PolicyRules } from "../../app/membership/eligibility";
import { Conflict, Forbidden, Invalid } from "../../app/platform/errors";
import { runJobs } from "../../app/jobs.server";
import {
  adoptPolicy, createPolicyDraft, discardPolicyDraft, getCurrentPolicy, impactCsv, listPolicyVersions, policyImpactReport, updatePolicyDraft,
} from "../../app/membership/policy.server";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import { addDays } from "../../app/platform/time";
import { createTestDb } from "../helpers/db";
import { makeMember } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const rules = (change: (r: PolicyRules) => void = () => {}): PolicyRules => {
  const copy = structuredClone(DEFAULT_POLICY.rules) as PolicyRules;
  change(copy);
  return copy;
};
/** v2 in these tests: Directors are no longer admitted. */
const noDirectors = rules((r) => { r.admittedRoleLevels = r.admittedRoleLevels.filter((l) => l !== "director"); });
const SUMMARY = "Directors are no longer admitted; everything else stays as in version 1.";
const MESSAGE = "Thank you for everything you gave the council. The members voted to raise the bar.";

async function insertApplication(o: { name: string; roleLevel: "director" | "below_director" | "vp"; email?: string }) {
  const now = new Date().toISOString();
  const email = o.email ?? `${o.name.toLowerCase().replace(/\W+/g, ".")}@acme.example`;
  await db.insertInto("applications").values({
    reference: `APP-${o.name}`, status_token_hash: `hash-${o.name}`, name: o.name, email, email_normalized: email, title: "Director of Social",
    company: "Acme", role_level: o.roleLevel, member_type: "executive", social_responsibility: 1, created_at: now, due_at: now,
  }).execute();
}

describe("drafting policy versions", () => {
  it("lets founders draft, edit and discard; members and anonymous visitors are refused", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const member = await makeMember(db);
    for (const who of [member, moderator, null]) {
      await expect(createPolicyDraft(db, who, { summary: SUMMARY, rules: noDirectors })).rejects.toBeInstanceOf(Forbidden);
    }
    const version = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    expect(version).toBe(2);
    await expect(createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors })).rejects.toBeInstanceOf(Conflict);
    await expect(updatePolicyDraft(db, member, 2, { summary: SUMMARY, rules: noDirectors })).rejects.toBeInstanceOf(Forbidden);
    await updatePolicyDraft(db, founder, 2, { summary: "Edited: " + SUMMARY, rules: noDirectors });
    expect((await listPolicyVersions(db))[0]).toMatchObject({ version: 2, status: "draft", summary: "Edited: " + SUMMARY });
    await expect(discardPolicyDraft(db, member, 2)).rejects.toBeInstanceOf(Forbidden);
    await discardPolicyDraft(db, founder, 2);
    expect(await listPolicyVersions(db)).toHaveLength(1);
    const actions = (await db.selectFrom("audit_log").select("action").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["policy.drafted", "policy.draft_edited", "policy.draft_discarded"]);
  });

  it("refuses invalid rules and an empty summary with field errors", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const bad = rules((r) => { r.admittedRoleLevels = []; r.reviewWindowDays = 0; });
    const error = await createPolicyDraft(db, founder, { summary: " ", rules: bad }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fieldErrors).sort()).toEqual(["admittedRoleLevels", "reviewWindowDays", "summary"]);
  });

  it("never edits an adopted version in place", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await expect(updatePolicyDraft(db, founder, 1, { summary: SUMMARY, rules: noDirectors })).rejects.toBeInstanceOf(Conflict);
    await expect(discardPolicyDraft(db, founder, 1)).rejects.toBeInstanceOf(Conflict);
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    await adoptPolicy(db, founder, v2, {});
    await expect(updatePolicyDraft(db, founder, v2, { summary: SUMMARY, rules: DEFAULT_POLICY.rules })).rejects.toBeInstanceOf(Conflict);
    const versions = await listPolicyVersions(db);
    expect(versions.map((v) => [v.version, v.status])).toEqual([[2, "adopted"], [1, "superseded"]]);
    expect((await getCurrentPolicy(db)).version).toBe(2);
  });
});

describe("impact report", () => {
  it("lists exactly the members and open applicants whose outcome changes", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const director = await makeMember(db, { name: "Dana Director", roleLevel: "director" });
    await makeMember(db, { roleLevel: "vp" });
    await makeMember(db, { roleLevel: "director", status: "revoked" }); // not a current member
    await insertApplication({ name: "Ada Applicant", roleLevel: "director" });
    await insertApplication({ name: "Vic Vp", roleLevel: "vp" });
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    const report = await policyImpactReport(db, founder, v2);
    expect(report.members.map((r) => [r.id, r.before, r.after])).toEqual([[director.id, "eligible", "ineligible"]]);
    expect(report.applicants.map((r) => [r.name, r.after])).toEqual([["Ada Applicant", "ineligible"]]);
    expect(report.noLongerQualify.map((r) => r.id)).toEqual([director.id]);
    expect(report.members[0].reasons.map((r) => r.rule)).toEqual(["role_level"]);
    await expect(policyImpactReport(db, await makeMember(db), v2)).rejects.toBeInstanceOf(Forbidden);
    await expect(policyImpactReport(db, null, v2)).rejects.toBeInstanceOf(Forbidden);
  });

  it("writes CSV with escaping and defused formulas", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    await makeMember(db, { name: '=HYPERLINK("http://evil.example","click")', company: "Acme, \"Inc\"\nEurope", roleLevel: "director" });
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    const csv = impactCsv(await policyImpactReport(db, founder, v2));
    const [header, row] = csv.split("\r\n");
    expect(header).toBe("kind,id,name,email,company,outcome under v1,outcome under v2,reasons");
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`"Acme, ""Inc""\nEurope"`);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

describe("adoption", () => {
  it("requires a notice period and a personal message when anyone no longer qualifies", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    await makeMember(db, { roleLevel: "director" });
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    const error = await adoptPolicy(db, founder, v2, { noticeDays: 0, message: "" }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys((error as Invalid).fieldErrors).sort()).toEqual(["message", "noticeDays"]);
    await expect(adoptPolicy(db, await makeMember(db, { roles: ["member", "moderator"] }), v2, { noticeDays: 30, message: MESSAGE })).rejects.toBeInstanceOf(Forbidden);
    expect((await getCurrentPolicy(db)).version).toBe(1); // nothing changed
  });

  it("gives EVERY affected member a notice and an email at once; there is no exemption", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const directors = [
      await makeMember(db, { roleLevel: "director" }),
      await makeMember(db, { roleLevel: "director", memberType: "consultant" }),
      await makeMember(db, { roleLevel: "director", roles: ["member", "moderator"] }), // staff are held to the same rules
      await makeMember(db, { roleLevel: "director", roles: ["member", "founder"] }), // founders too
    ];
    await makeMember(db, { roleLevel: "svp" });
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    // An attempt to smuggle in an exemption is simply not part of the input.
    const input = { noticeDays: 30, message: MESSAGE, exempt: [directors[0].id] } as unknown as { noticeDays: number; message: string };
    const result = await adoptPolicy(db, founder, v2, input);
    expect(result.notices).toBe(4);
    const notices = await db.selectFrom("membership_notices").selectAll().orderBy("person_id").execute();
    expect(notices.map((n) => n.person_id)).toEqual(directors.map((d) => d.id));
    expect(notices.every((n) => n.policy_version === 2 && n.status === "pending" && n.message === MESSAGE)).toBe(true);
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "membership_notice").execute();
    expect(mail.map((m) => m.to_address).sort()).toEqual(directors.map((d) => d.email).sort());
    expect(mail[0].text_body).toContain(MESSAGE);
    expect(mail[0].text_body).toContain("does not admit Director members");
    expect(mail[0].text_body).toContain("appeal");
    const audit = await db.selectFrom("audit_log").select(["action", "policy_version"]).where("action", "in", ["policy.adopted", "notice.sent"]).execute();
    expect(audit.filter((a) => a.action === "notice.sent")).toHaveLength(4);
    expect(audit.every((a) => a.policy_version === 2)).toBe(true);
  });

  it("adopts without notice fields when no member loses eligibility", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: rules((r) => { r.reviewWindowDays = 7; }) });
    expect(await adoptPolicy(db, founder, v2, {})).toMatchObject({ notices: 0 });
    expect((await getCurrentPolicy(db)).rules.reviewWindowDays).toBe(7);
  });
});

describe("the notice period ends (npm run jobs)", () => {
  it("revokes uniformly with the policy version as the reason, ends sessions and emails an appeal link", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const director = await makeMember(db, { roleLevel: "director" });
    const { token } = await createSession(db, director.id, 30);
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    await adoptPolicy(db, founder, v2, { noticeDays: 14, message: MESSAGE });

    // Before the period ends nothing happens.
    expect(await runJobs(db, { now: addDays(new Date(), 13) })).toMatchObject({ revoked: 0, cancelled: 0 });
    expect(await validateSessionToken(db, token, 30)).not.toBeNull();

    expect(await runJobs(db, { now: addDays(new Date(), 15) })).toMatchObject({ revoked: 1, cancelled: 0 });
    const person = await db.selectFrom("people").select("status").where("id", "=", director.id).executeTakeFirstOrThrow();
    expect(person.status).toBe("revoked");
    expect(await validateSessionToken(db, token, 30)).toBeNull();
    expect(await db.selectFrom("sessions").selectAll().where("person_id", "=", director.id).execute()).toHaveLength(0);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "membership.revoked").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: null, subject_id: director.id, rule: "eligibility_policy", policy_version: 2 });
    expect(audit.reason).toContain("policy v2");
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "membership_revoked").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(director.email);
    expect(mail.text_body).toMatch(/\/appeal\/\d+\.\d+\.[\w-]{43}/);
    expect((await db.selectFrom("membership_notices").select("status").executeTakeFirstOrThrow()).status).toBe("executed");
    // Running again does nothing more.
    expect(await runJobs(db, { now: addDays(new Date(), 16) })).toMatchObject({ revoked: 0, cancelled: 0 });
  });

  it("spares a member who qualifies again under the policy in force when the notice ends", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const director = await makeMember(db, { roleLevel: "director" });
    const v2 = await createPolicyDraft(db, founder, { summary: SUMMARY, rules: noDirectors });
    await adoptPolicy(db, founder, v2, { noticeDays: 14, message: MESSAGE });
    // The members object; the founders change the policy back before the notice ends.
    const v3 = await createPolicyDraft(db, founder, { summary: "Directors with social responsibility are admitted again.", rules: DEFAULT_POLICY.rules });
    expect(await adoptPolicy(db, founder, v3, {})).toMatchObject({ notices: 0 });
    expect(await runJobs(db, { now: addDays(new Date(), 15) })).toMatchObject({ revoked: 0, cancelled: 1 });
    expect((await db.selectFrom("people").select("status").where("id", "=", director.id).executeTakeFirstOrThrow()).status).toBe("active");
    expect((await db.selectFrom("membership_notices").select("status").executeTakeFirstOrThrow()).status).toBe("cancelled");
    const cancelled = await db.selectFrom("audit_log").selectAll().where("action", "=", "notice.cancelled").executeTakeFirstOrThrow();
    expect(cancelled).toMatchObject({ subject_id: director.id, policy_version: 3 });
  });
});
