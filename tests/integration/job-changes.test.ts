import { beforeEach, describe, expect, it } from "vitest";
import { runDueNotices } from "../../app/jobs.server";
import { listPendingJobChanges, updateProfile, verifyJobChange, JOB_CHANGE_NOTICE_DAYS } from "../../app/membership/job-changes.server";
import type { ProfileInput } from "../../app/membership/schemas/profile";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import type { Actor } from "../../app/accounts/permissions";
import type { Db } from "../../app/platform/db.server";
import { Forbidden, Invalid } from "../../app/platform/errors";
import { action as profileAction, loader as profileLoader } from "../../app/routes/settings.profile";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/review._index";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { callRoute, signedInRequest, useTestDbForRoutes } from "../helpers/routes";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const asInput = (m: Actor, o: Partial<ProfileInput> = {}): ProfileInput => ({
  intent: "confirm", name: m.name, bio: "", profileUrl: undefined, title: m.title, company: m.company, roleLevel: m.roleLevel,
  memberType: m.memberType, socialResponsibility: "yes", socialResponsibilityNote: "", ...o,
});
const person = (id: number) => db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const audits = (action: string) => db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

describe("a job change that ends eligibility: the notice path, then revocation", () => {
  it("a VP demoted below Director gets a notice, an email and an audit row with the policy version, then is revoked when it ends", async () => {
    const vp = await makeMember(db, { title: "VP, Social Media" });
    const session = await createSession(db, vp.id, 30);
    const now = new Date();
    const result = await updateProfile(db, vp, asInput(vp, { title: "Senior Manager", roleLevel: "below_director" }), now);
    expect(result).toMatchObject({ saved: true, judged: { path: "notice", verdict: { outcome: "ineligible", policyVersion: 1 } } });

    // Not an instant lock-out: still active, still signed in, with a notice and an email.
    expect((await person(vp.id)).status).toBe("active");
    expect(await validateSessionToken(db, session.token, 30)).not.toBeNull();
    const notice = await db.selectFrom("membership_notices").selectAll().where("person_id", "=", vp.id).executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ status: "pending", policy_version: 1 });
    expect(Math.round((new Date(notice.revoke_at).getTime() - now.getTime()) / 86_400_000)).toBe(JOB_CHANGE_NOTICE_DAYS);
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "membership_notice").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(vp.email);
    expect(mail.text_body).toContain("You told us your role has changed");
    expect(mail.text_body).toContain("does not admit Below Director members");
    expect(mail.text_body).toContain("appeal");
    const [submitted] = await audits("job_change.submitted");
    expect(submitted).toMatchObject({ actor_id: vp.id, subject_id: vp.id, policy_version: 1, rule: "eligibility_policy" });
    expect(JSON.parse(submitted!.details!)).toMatchObject({ changed: ["title", "roleLevel"], outcome: "ineligible" });
    expect((await audits("notice.sent"))[0]).toMatchObject({ subject_id: vp.id, policy_version: 1 });
    // It is not in the reviewers' list: nothing to verify about a role that no longer qualifies.
    expect(await listPendingJobChanges(db, await makeMember(db, { roles: ["member", "moderator"] }))).toEqual([]);

    // Before the end nothing happens; at the end the jobs revoke, citing the policy version, and sessions end.
    expect(await runDueNotices(db, new Date(now.getTime() + 29 * 86_400_000))).toEqual({ revoked: 0, cancelled: 0 });
    expect(await runDueNotices(db, new Date(now.getTime() + 31 * 86_400_000))).toEqual({ revoked: 1, cancelled: 0 });
    expect((await person(vp.id)).status).toBe("revoked");
    expect(await validateSessionToken(db, session.token, 30)).toBeNull();
    const [revoked] = await audits("membership.revoked");
    expect(revoked).toMatchObject({ subject_id: vp.id, rule: "eligibility_policy", policy_version: 1 });
    expect(await db.selectFrom("outbox").select("kind").where("kind", "=", "membership_revoked").execute()).toHaveLength(1);
  });

  it("a promotion back, verified by a reviewer before the notice ends, cancels the notice", async () => {
    const vp = await makeMember(db);
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const now = new Date();
    await updateProfile(db, vp, asInput(vp, { roleLevel: "below_director" }), now);
    await updateProfile(db, vp, asInput(vp, { roleLevel: "vp", title: "VP, Social Care" }), now);
    const [change] = await listPendingJobChanges(db, moderator);
    await verifyJobChange(db, moderator, change!.id, { titleVerified: true, companyVerified: true, note: "" });
    expect(await runDueNotices(db, new Date(now.getTime() + 31 * 86_400_000))).toEqual({ revoked: 0, cancelled: 1 });
    expect((await person(vp.id)).status).toBe("active");
  });

  it("an unverified promotion never makes anyone eligible: the notice still ends the membership", async () => {
    const vp = await makeMember(db);
    const now = new Date();
    await updateProfile(db, vp, asInput(vp, { roleLevel: "below_director" }), now);
    await updateProfile(db, vp, asInput(vp, { roleLevel: "c_level", title: "Chief Everything Officer" }), now);
    expect((await person(vp.id)).role_level).toBe("c_level");
    expect(await runDueNotices(db, new Date(now.getTime() + 31 * 86_400_000))).toEqual({ revoked: 1, cancelled: 0 });
  });
});

describe("a job change that keeps eligibility: verified by a reviewer", () => {
  it("is saved, listed beside applications in /review, and verified there (audited)", async () => {
    const vp = await makeMember(db, { title: "VP, Social Media" });
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const result = await updateProfile(db, vp, asInput(vp, { title: "SVP, Social", roleLevel: "svp" }));
    expect(result).toMatchObject({ saved: true, judged: { path: "verify" } });
    expect(await person(vp.id)).toMatchObject({ title: "SVP, Social", role_level: "svp" });
    expect(await db.selectFrom("membership_notices").selectAll().execute()).toEqual([]);

    const page = await callRoute(reviewLoader, await signedInRequest(db, moderator, "/review"));
    expect(page.body.jobChanges).toHaveLength(1);
    expect(page.body.jobChanges[0]).toMatchObject({ name: vp.name, judged: { changed: ["title", "roleLevel"] }, mayVerify: true });

    const refused = await callRoute(reviewAction, await signedInRequest(db, moderator, "/review", { jobChangeId: String(page.body.jobChanges[0].id), note: "" }));
    expect(refused.status).toBe(400);
    expect(refused.body.fieldErrors.note).toMatch(/say in a sentence what you checked/);

    const done = await callRoute(reviewAction, await signedInRequest(db, moderator, "/review", {
      jobChangeId: String(page.body.jobChanges[0].id), titleVerified: "on", companyVerified: "on", note: "LinkedIn and the company site agree.",
    }));
    expect(done.location).toBe("/review#job-changes");
    expect(await db.selectFrom("job_changes").select(["status", "verified_by"]).executeTakeFirstOrThrow()).toEqual({ status: "verified", verified_by: moderator.id });
    expect((await audits("job_change.verified"))[0]).toMatchObject({ actor_id: moderator.id, subject_id: vp.id, policy_version: 1 });
  });

  it("not verified: the member's last verified facts come back and they are told why", async () => {
    const vp = await makeMember(db, { title: "VP, Social Media", company: "Contoso" });
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await updateProfile(db, vp, asInput(vp, { company: "Fabrikam" }));
    const [change] = await listPendingJobChanges(db, founder);
    expect(await verifyJobChange(db, founder, change!.id, { titleVerified: true, companyVerified: false, note: "" }).catch((e) => e)).toBeInstanceOf(Invalid);
    await verifyJobChange(db, founder, change!.id, { titleVerified: true, companyVerified: false, note: "Fabrikam has no record of them." });
    expect((await person(vp.id)).company).toBe("Contoso");
    expect(await db.selectFrom("outbox").select("to_address").where("kind", "=", "job_change_not_verified").execute()).toEqual([{ to_address: vp.email }]);
  });

  it("no one verifies their own job change; plain members cannot see the list", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    await updateProfile(db, moderator, asInput(moderator, { company: "Elsewhere Inc" }));
    const [change] = await listPendingJobChanges(db, moderator);
    expect(change!.mayVerify).toBe(false);
    expect(await verifyJobChange(db, moderator, change!.id, { titleVerified: true, companyVerified: true, note: "" }).catch((e) => e)).toBeInstanceOf(Forbidden);
    expect(await listPendingJobChanges(db, await makeMember(db)).catch((e) => e)).toBeInstanceOf(Forbidden);
  });
});

describe("/settings/profile", () => {
  it("saves name, bio and profile link at once, audited, with no verdict to confirm", async () => {
    const m = await makeMember(db);
    const form = { name: "Priya R. Raman", bio: "Social at a bank.", profileUrl: "https://example.com/priya", title: m.title, company: m.company,
      roleLevel: m.roleLevel, memberType: m.memberType, socialResponsibility: "yes", socialResponsibilityNote: "I own social media for the bank.", intent: "preview" };
    const res = await callRoute(profileAction, await signedInRequest(db, m, "/settings/profile", form));
    expect(res.body).toMatchObject({ ok: true, saved: true, judged: { path: "none" } });
    expect(await person(m.id)).toMatchObject({ name: "Priya R. Raman", bio: "Social at a bank.", profile_url: "https://example.com/priya" });
    expect(await audits("profile.updated")).toHaveLength(1);
  });

  it("a change of role shows the verdict first and saves nothing until confirmed", async () => {
    const m = await makeMember(db, { title: "VP, Social Media" });
    const form = { name: m.name, bio: "", profileUrl: "", title: "Senior Manager", company: m.company, roleLevel: "below_director",
      memberType: m.memberType, socialResponsibility: "yes", socialResponsibilityNote: "I run social listening.", intent: "preview" };
    const preview = await callRoute(profileAction, await signedInRequest(db, m, "/settings/profile", form));
    expect(preview.body).toMatchObject({ ok: true, saved: false, judged: { path: "notice", verdict: { outcome: "ineligible" } } });
    expect(preview.body.values.title).toBe("Senior Manager");
    expect((await person(m.id)).title).toBe("VP, Social Media");
    expect(await db.selectFrom("job_changes").selectAll().execute()).toEqual([]);

    const confirmed = await callRoute(profileAction, await signedInRequest(db, m, "/settings/profile", { ...form, intent: "confirm" }));
    expect(confirmed.body).toMatchObject({ saved: true, judged: { path: "notice" } });
    expect((await person(m.id)).title).toBe("Senior Manager");
    const page = await callRoute(profileLoader, await signedInRequest(db, m, "/settings/profile"));
    expect(page.body.notice).toMatchObject({ policyVersion: 1 });
  });

  it("bad input comes back beside the fields with what was typed", async () => {
    const m = await makeMember(db);
    const res = await callRoute(profileAction, await signedInRequest(db, m, "/settings/profile", {
      name: "P", bio: "", profileUrl: "not a url", title: "Head of Social", company: "", roleLevel: "vp", memberType: "executive", socialResponsibility: "yes", socialResponsibilityNote: "",
    }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fieldErrors).sort()).toEqual(["company", "name", "profileUrl", "socialResponsibilityNote"]);
    expect(res.body.values.title).toBe("Head of Social");
  });
});
