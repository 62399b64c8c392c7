import { beforeEach, describe, expect, it } from "vitest";
import {
  APPLY_LIMIT, decideApplication, getApplicationForReview, getApplicationStatus, listOpenApplications, recordVerification, submitApplication,
} from "../../app/membership/applications.server";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden, Invalid, TooManyRequests } from "../../app/platform/errors";
import { hashToken } from "../../app/platform/tokens.server";
import { applySchema, type ApplyInput } from "../../app/membership/schemas/apply";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

let n = 0;
function applicant(o: Partial<ApplyInput> = {}): ApplyInput {
  n++;
  return {
    name: `Elena Petrova ${n}`, email: `elena${n}@fourthcoffee.example`, title: "VP, Social & Community", company: "Fourth Coffee",
    roleLevel: "vp", socialResponsibility: "yes", socialResponsibilityNote: "I lead social strategy for 40 markets.",
    memberType: "executive", profileUrl: undefined, referredBy: undefined, ...o,
  };
}
const apply = (o: Partial<ApplyInput> = {}, ip = `10.0.0.${n + 1}`) => submitApplication(db, applicant(o), { ip });
const outbox = () => db.selectFrom("outbox").selectAll().orderBy("id").execute();
const audit = (action: string) => db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();

describe("the application form's schema", () => {
  it.each([
    [{ email: "not-an-email" }, "email", "Enter a valid email address"],
    [{ name: "" }, "name", "Enter your full name."],
    [{ roleLevel: "intern" }, "roleLevel", "Choose your role level."],
    [{ socialResponsibility: "yes", socialResponsibilityNote: "" }, "socialResponsibilityNote", "In a sentence"],
    [{ profileUrl: "linkedin" }, "profileUrl", "Enter a full web address"],
  ])("refuses %o with a message on %s", (override, field, message) => {
    const result = applySchema.safeParse({ ...applicant(), ...override });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toContain(message);
  });

  it("treats an empty profile URL and referrer as absent", () => {
    const result = applySchema.parse({ ...applicant(), profileUrl: "", referredBy: "  " });
    expect(result.profileUrl).toBeUndefined();
    expect(result.referredBy).toBeUndefined();
  });
});

describe("applying", () => {
  it("records the application with the policy verdict, stores only the token's hash and emails the confirmation", async () => {
    const now = new Date("2026-11-23T10:00:00Z");
    const result = await submitApplication(db, applicant({ email: "Elena@FourthCoffee.example" }), { ip: "1.2.3.4" }, now);
    expect(result.reference).toMatch(/^APP-[A-Z0-9]{8}$/);
    expect(result.dueAt).toBe("2026-11-28T10:00:00.000Z"); // policy v1: 5 days
    const row = await db.selectFrom("applications").selectAll().executeTakeFirstOrThrow();
    expect(row.status_token_hash).toBe(hashToken(result.statusToken));
    expect(row.status_token_hash).not.toContain(result.statusToken);
    expect(row).toMatchObject({ email_normalized: "elena@fourthcoffee.example", verdict_outcome: "eligible", verdict_policy_version: 1, status: "pending" });
    expect(JSON.parse(row.verdict_reasons!)).toHaveLength(4);
    const [mail] = await outbox();
    expect(mail).toMatchObject({ to_address: "Elena@FourthCoffee.example", kind: "application_received", status: "stored" });
    expect(mail!.subject).toContain(result.reference);
    expect(mail!.text_body).toContain("Expect a decision by November 28, 2026");
    expect(mail!.text_body).toContain(`/apply/status/${result.statusToken}`);
  });

  it("the status token opens the status page; an unknown one does not", async () => {
    const { statusToken, reference } = await apply();
    expect(await getApplicationStatus(db, statusToken)).toMatchObject({ reference, status: "pending", overdue: false, reasons: [] });
    await expect(getApplicationStatus(db, "not-a-token")).rejects.toThrow("not valid");
  });

  it("refuses a second open application for the same email, without revealing its status link, and emails the link to that address", async () => {
    const first = await apply({ email: "sam@woodgrove.example" });
    const error = await apply({ email: "SAM@woodgrove.example" }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors.email).toContain("already open");
    expect(JSON.stringify(error)).not.toContain("/apply/status/");
    expect(await db.selectFrom("applications").selectAll().execute()).toHaveLength(1);
    const mails = await outbox();
    expect(mails.map((m) => m.kind)).toEqual(["application_received", "application_status_link"]);
    expect(mails[1]!.to_address).toBe("sam@woodgrove.example");
    // The re-sent link works; the old one was replaced.
    const token = /\/apply\/status\/([a-z0-9]+)/.exec(mails[1]!.text_body)![1]!;
    expect((await getApplicationStatus(db, token)).reference).toBe(first.reference);
    await expect(getApplicationStatus(db, first.statusToken)).rejects.toThrow();
  });

  it("limits applications per IP address with a clear message", async () => {
    for (let i = 0; i < APPLY_LIMIT.perIp; i++) await apply({}, "9.9.9.9");
    const error = await apply({}, "9.9.9.9").catch((e) => e);
    expect(error).toBeInstanceOf(TooManyRequests);
    expect(error.message).toContain("wait an hour");
    await expect(apply({}, "8.8.8.8")).resolves.toBeTruthy();
  });
});

describe("review: the decision follows the policy", () => {
  async function staff() {
    return makeMember(db, { roles: ["member", "founder"] });
  }

  it("lists open applications oldest first with the current verdict and overdue marked", async () => {
    const old = await submitApplication(db, applicant({ roleLevel: "below_director" }), { ip: "a" }, new Date(Date.now() - 6 * 86_400_000));
    await apply({ email: "sam@gmail.com", roleLevel: "c_level" });
    const list = await listOpenApplications(db);
    expect(list.map((a) => a.reference)[0]).toBe(old.reference);
    expect(list.map((a) => [a.verdict.outcome, a.overdue])).toEqual([["ineligible", true], ["needs_review", false]]);
  });

  it("refuses to approve an ineligible application, and nothing changes", async () => {
    const founder = await staff();
    const { id } = await apply({ roleLevel: "below_director" });
    await recordVerification(db, founder, id, { titleVerified: true, domainVerified: true, note: "" });
    const before = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const mailsBefore = (await outbox()).length;
    const error = await decideApplication(db, founder, id, "approve").catch((e) => e);
    expect(error).toBeInstanceOf(Conflict);
    expect(error.message).toContain("does not allow approving");
    expect(await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await db.selectFrom("invitations").selectAll().execute()).toHaveLength(0);
    expect(await outbox()).toHaveLength(mailsBefore);
    expect(await audit("application.approved")).toHaveLength(0);
  });

  it("rejects an ineligible application with the reasons, emails them and audits the policy version", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const { id, statusToken } = await apply({ roleLevel: "below_director", email: "beth@lucerne.example" });
    await decideApplication(db, moderator, id, "reject");
    const status = await getApplicationStatus(db, statusToken);
    expect(status).toMatchObject({ status: "rejected", policyVersion: 1 });
    expect(status.reasons.find((r) => r.rule === "role_level")).toMatchObject({ passed: false, message: expect.stringContaining("does not admit Below Director") });
    const mail = (await outbox()).at(-1)!;
    expect(mail).toMatchObject({ to_address: "beth@lucerne.example", kind: "application_rejected" });
    expect(mail.text_body).toContain("does not admit Below Director members");
    const [row] = await audit("application.rejected");
    expect(row).toMatchObject({ actor_id: moderator.id, subject_id: id, policy_version: 1, rule: "eligibility_policy" });
    expect(JSON.parse(row!.details!).reasons.length).toBeGreaterThan(0);
  });

  it("an eligible application can be approved only after the facts are verified; the invitation is emailed", async () => {
    const founder = await staff();
    const { id } = await apply({ email: "ok@fourthcoffee.example" });
    await expect(decideApplication(db, founder, id, "approve")).rejects.toThrow("Record the verified facts first");
    await recordVerification(db, founder, id, { titleVerified: true, domainVerified: true, note: "" });
    await expect(decideApplication(db, founder, id, "reject")).rejects.toBeInstanceOf(Conflict); // no "reject anyway" either
    await decideApplication(db, founder, id, "approve");
    const invitation = await db.selectFrom("invitations").selectAll().executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ application_id: id, email_normalized: "ok@fourthcoffee.example", policy_version: 1, invited_by: founder.id });
    expect((await outbox()).at(-1)).toMatchObject({ kind: "invitation", to_address: "ok@fourthcoffee.example" });
    const [row] = await audit("application.approved");
    expect(row).toMatchObject({ policy_version: 1, actor_id: founder.id });
  });

  it("failed verification means the policy rejects", async () => {
    const founder = await staff();
    const { id } = await apply();
    await expect(recordVerification(db, founder, id, { titleVerified: false, domainVerified: true, note: "" })).rejects.toBeInstanceOf(Invalid);
    await recordVerification(db, founder, id, { titleVerified: false, domainVerified: true, note: "No such person at the company's switchboard." });
    await expect(decideApplication(db, founder, id, "approve")).rejects.toBeInstanceOf(Conflict);
    await decideApplication(db, founder, id, "reject");
    const view = await getApplicationForReview(db, founder, id);
    expect(view.application.status).toBe("rejected");
    expect(view.decisionReasons.find((r) => r.rule === "verified_title")?.passed).toBe(false);
  });

  it("a free-webmail applicant (needs review) is approved only once the reviewer verified the role", async () => {
    const founder = await staff();
    const { id } = await apply({ email: "samir@gmail.com", roleLevel: "c_level" });
    const view = await getApplicationForReview(db, founder, id);
    expect(view.verdict.outcome).toBe("needs_review");
    expect(view.required.decision).toBeNull();
    await recordVerification(db, founder, id, { titleVerified: true, domainVerified: false, note: "Webmail; confirmed the title with the company." });
    expect((await getApplicationForReview(db, founder, id)).required.decision).toBe("approve");
    await decideApplication(db, founder, id, "approve");
    expect(await db.selectFrom("invitations").select("email").execute()).toEqual([{ email: "samir@gmail.com" }]);
  });

  it("no one reviews their own application or one they referred", async () => {
    const founder = await makeMember(db, { email: "frances@council.example", roles: ["member", "founder"] });
    const own = await apply({ email: "Frances@council.example" });
    const referred = await apply({ referredBy: "Frances Okafor <frances@council.example>" });
    for (const { id } of [own, referred]) {
      await expect(recordVerification(db, founder, id, { titleVerified: true, domainVerified: true, note: "" })).rejects.toBeInstanceOf(Forbidden);
      await expect(decideApplication(db, founder, id, "reject")).rejects.toBeInstanceOf(Forbidden);
      expect((await getApplicationForReview(db, founder, id)).mayDecide).toBe(false);
    }
  });

  it("members who are not staff cannot review", async () => {
    const member = await makeMember(db);
    const { id } = await apply();
    await expect(getApplicationForReview(db, member, id)).rejects.toBeInstanceOf(Forbidden);
    await expect(decideApplication(db, member, id, "reject")).rejects.toBeInstanceOf(Forbidden);
  });
});
