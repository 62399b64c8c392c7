import { beforeEach, describe, expect, it } from "vitest";
import { createAppealToken, verifyAppealToken } from "../../app/membership/appeal-token.server";
import { signIds } from "../../app/platform/signed-token.server";
import { decideAppeal, getAppealContext, listAppeals, submitAppeal } from "../../app/membership/appeals.server";
import type { Db } from "../../app/platform/db.server";
import { DEFAULT_POLICY, type PolicyRules } from "../../app/membership/eligibility";
import { Conflict, Forbidden, Invalid, NotFound } from "../../app/platform/errors";
import { getPersonForAdmin, listPeopleForAdmin, revokeMembership } from "../../app/membership/revocation.server";
import { adoptPolicy, createPolicyDraft } from "../../app/membership/policy.server";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import { createTestDb } from "../helpers/db";
import { makeMember } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const REASON = "Sent three unsolicited sales pitches to executives after a warning.";
const STATEMENT = "I misunderstood the rule about introductions and will not contact anyone unasked again.";

async function revokeWithToken(target: { id: number }, actor: Parameters<typeof revokeMembership>[1]) {
  const { auditId } = await revokeMembership(db, actor, { memberId: target.id, rule: "no_sales_pitches", reason: REASON });
  return createAppealToken(target.id, auditId);
}

describe("revocation", () => {
  it("ends a live session at once, audits the rule and emails the reason with an appeal link", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const target = await makeMember(db, { memberType: "consultant" });
    const { token } = await createSession(db, target.id, 30);
    expect(await validateSessionToken(db, token, 30)).not.toBeNull();
    const { auditId } = await revokeMembership(db, moderator, { memberId: target.id, rule: "no_sales_pitches", reason: REASON });
    expect(await validateSessionToken(db, token, 30)).toBeNull();
    const audit = await db.selectFrom("audit_log").selectAll().where("id", "=", auditId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "membership.revoked", actor_id: moderator.id, subject_id: target.id, rule: "no_sales_pitches", reason: REASON });
    const mail = await db.selectFrom("outbox").selectAll().where("to_address", "=", target.email).executeTakeFirstOrThrow();
    expect(mail.kind).toBe("membership_revoked");
    expect(mail.text_body).toContain(REASON);
    expect(mail.text_body).toContain("No sales pitches (rule 4)");
    const link = /\/appeal\/(\S+)/.exec(mail.text_body)?.[1];
    expect(link && verifyAppealToken(link)).toEqual({ personId: target.id, revocationAuditId: auditId });
  });

  it("refuses members, anonymous callers and self-revocation; needs a rule and a reason", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const member = await makeMember(db);
    const target = await makeMember(db);
    await expect(revokeMembership(db, member, { memberId: target.id, rule: "conduct", reason: REASON })).rejects.toBeInstanceOf(Forbidden);
    await expect(revokeMembership(db, moderator, { memberId: moderator.id, rule: "conduct", reason: REASON })).rejects.toBeInstanceOf(Forbidden);
    await expect(revokeMembership(db, moderator, { memberId: target.id, rule: "", reason: REASON })).rejects.toBeInstanceOf(Invalid);
    await expect(revokeMembership(db, moderator, { memberId: target.id, rule: "conduct", reason: "short" })).rejects.toBeInstanceOf(Invalid);
    await expect(listPeopleForAdmin(db, member)).rejects.toBeInstanceOf(Forbidden);
    await expect(listPeopleForAdmin(db, null)).rejects.toBeInstanceOf(Forbidden);
    await expect(getPersonForAdmin(db, member, target.id)).rejects.toBeInstanceOf(Forbidden);
    expect((await getPersonForAdmin(db, moderator, target.id)).canRevoke).toBe(true);
    expect(await db.selectFrom("audit_log").selectAll().execute()).toHaveLength(0);
  });
});

describe("appeal links", () => {
  it("reject forged, altered and malformed tokens", async () => {
    const token = createAppealToken(5, 9);
    expect(verifyAppealToken(token)).toEqual({ personId: 5, revocationAuditId: 9 });
    expect(verifyAppealToken(token.replace(/^5\./, "6."))).toBeNull();
    expect(verifyAppealToken(createAppealToken(5, 9, "another-secret-of-at-least-32-characters"))).toBeNull();
    expect(verifyAppealToken("nonsense")).toBeNull();
    // A link signed for another purpose over the same ids is not an appeal link.
    expect(verifyAppealToken(signIds("digest-unsubscribe", [5, 9]))).toBeNull();
    await expect(getAppealContext(db, "nonsense")).rejects.toBeInstanceOf(NotFound);
  });
});

describe("appeals", () => {
  it("are filed once through the link, without signing in, and audited", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const target = await makeMember(db);
    const token = await revokeWithToken(target, moderator);
    await expect(submitAppeal(db, token, "too short")).rejects.toBeInstanceOf(Invalid);
    await submitAppeal(db, token, STATEMENT);
    await expect(submitAppeal(db, token, STATEMENT)).rejects.toBeInstanceOf(Conflict);
    expect((await getAppealContext(db, token)).appeal?.status).toBe("open");
    const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "appeal.submitted").execute();
    expect(audit).toEqual([{ action: "appeal.submitted", actor_id: null }]);
  });

  it("only founders decide; upholding reinstates (old password works again) and emails the person", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const target = await makeMember(db, { roleLevel: "vp" });
    const token = await revokeWithToken(target, moderator);
    const appealId = await submitAppeal(db, token, STATEMENT);
    for (const who of [moderator, await makeMember(db), null]) {
      await expect(decideAppeal(db, who, appealId, { decision: "uphold", reason: "The pitch was a misunderstanding." })).rejects.toBeInstanceOf(Forbidden);
      await expect(listAppeals(db, who)).rejects.toBeInstanceOf(Forbidden);
    }
    expect((await listAppeals(db, founder))[0]).toMatchObject({ id: appealId, status: "open", currentPolicy: { version: 1, outcome: "eligible" } });
    await decideAppeal(db, founder, appealId, { decision: "uphold", reason: "The pitch was a misunderstanding." });
    const person = await db.selectFrom("people").select(["status", "revoked_at"]).where("id", "=", target.id).executeTakeFirstOrThrow();
    expect(person).toEqual({ status: "active", revoked_at: null });
    const actions = (await db.selectFrom("audit_log").select("action").orderBy("id").execute()).map((a) => a.action);
    expect(actions).toEqual(["membership.revoked", "appeal.submitted", "appeal.decided", "membership.reinstated"]);
    const mail = await db.selectFrom("outbox").selectAll().where("kind", "=", "appeal_decided").executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(target.email);
    await expect(decideAppeal(db, founder, appealId, { decision: "deny", reason: "Changed my mind entirely." })).rejects.toBeInstanceOf(Conflict);
  });

  it("cannot reinstate someone the current policy does not admit; denial keeps the revocation", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
    const director = await makeMember(db, { roleLevel: "director" });
    const noDirectors = structuredClone(DEFAULT_POLICY.rules) as PolicyRules;
    noDirectors.admittedRoleLevels = noDirectors.admittedRoleLevels.filter((l) => l !== "director");
    const v2 = await createPolicyDraft(db, founder, { summary: "Directors are no longer admitted.", rules: noDirectors });
    await adoptPolicy(db, founder, v2, { noticeDays: 1, message: "Thank you for your contributions to the council." });
    const token = await revokeWithToken(director, founder);
    const appealId = await submitAppeal(db, token, STATEMENT);
    const refused = await decideAppeal(db, founder, appealId, { decision: "uphold", reason: "We would like them back." }).catch((e) => e);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).message).toContain("does not admit Director members");
    expect((await db.selectFrom("people").select("status").where("id", "=", director.id).executeTakeFirstOrThrow()).status).toBe("revoked");
    await decideAppeal(db, founder, appealId, { decision: "deny", reason: "Policy v2 does not admit Directors." });
    expect((await getAppealContext(db, token)).appeal).toMatchObject({ status: "denied", decision_reason: "Policy v2 does not admit Directors." });
    expect((await db.selectFrom("people").select("status").where("id", "=", director.id).executeTakeFirstOrThrow()).status).toBe("revoked");
  });
});
