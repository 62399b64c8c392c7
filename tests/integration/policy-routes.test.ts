// Authorization on every route of policy changes, revocation and appeals: the loaders and actions
// themselves, called with real requests against a real database (getDb() is pointed at it).
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import type { Actor } from "../../app/accounts/permissions";
import { createTestDb } from "../helpers/db";
import { call, request as requestAs, useTestDbForRoutes } from "../helpers/routes";
import { makeMember } from "../factories";
import * as policyIndex from "../../app/routes/policy._index";
import * as policyNew from "../../app/routes/policy.new";
import * as policyVersion from "../../app/routes/policy.$version._index";
import * as policyEdit from "../../app/routes/policy.$version.edit";
import * as impactCsv from "../../app/routes/policy.$version.impact[.csv]";
import * as adminMembers from "../../app/routes/admin.members._index";
import * as adminMember from "../../app/routes/admin.members.$id";
import * as appeals from "../../app/routes/appeals";

let db: Db;
let founder: Actor;
let moderator: Actor;
let member: Actor;
let target: Actor;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
  founder = await makeMember(db, { roles: ["member", "founder"], roleLevel: "c_level" });
  moderator = await makeMember(db, { roles: ["member", "moderator"] });
  member = await makeMember(db);
  target = await makeMember(db, { roleLevel: "director", name: "Dana Director" });
});

const request = (path: string, who: Actor | null, form?: Record<string, string>) => requestAs(db, path, who, form);

const DRAFT = {
  summary: "Directors are no longer admitted; everything else as in version 1.",
  admit_c_level: "on", admit_evp: "on", admit_svp: "on", admit_vp: "on",
  responsibility_evp: "on", responsibility_svp: "on", responsibility_vp: "on", responsibility_director: "on", responsibility_below_director: "on",
  type_executive: "on", type_consultant: "on", webmailReview: "on", webmailDomains: "gmail.com\nyahoo.com", reviewWindowDays: "5",
};

describe("policy routes", () => {
  it("let every member read /policy; anonymous visitors are sent to sign in", async () => {
    expect((await call(policyIndex.loader, await request("/policy", null))).status).toBe(302);
    expect((await call(policyIndex.loader, await request("/policy", member))).status).toBe(200);
  });

  it("let only founders draft, read the impact CSV, adopt and discard", async () => {
    for (const who of [null, member, moderator]) {
      const expected = who ? 403 : 302;
      expect((await call(policyNew.loader, await request("/policy/new", who))).status).toBe(expected);
      expect((await call(policyNew.action, await request("/policy/new", who, DRAFT))).status).toBe(expected);
    }
    expect(await db.selectFrom("eligibility_policies").selectAll().execute()).toHaveLength(1);

    const created = await call(policyNew.action, await request("/policy/new", founder, DRAFT));
    expect(created.status).toBe(302);
    expect((created.value as Response).headers.get("Location")).toBe("/policy/2");

    for (const who of [null, member, moderator]) {
      const expected = who ? 403 : 302;
      expect((await call(impactCsv.loader, await request("/policy/2/impact.csv", who), { version: "2" })).status).toBe(expected);
      expect((await call(policyEdit.action, await request("/policy/2/edit", who, DRAFT), { version: "2" })).status).toBe(expected);
      expect((await call(policyVersion.action, await request("/policy/2", who, { intent: "adopt", noticeDays: "30", message: "A message long enough to pass." }), { version: "2" })).status).toBe(expected);
      expect((await call(policyVersion.action, await request("/policy/2", who, { intent: "discard" }), { version: "2" })).status).toBe(expected);
    }
    // Members cannot even see that a draft exists.
    expect((await call(policyVersion.loader, await request("/policy/2", member), { version: "2" })).status).toBe(404);

    const csv = await call(impactCsv.loader, await request("/policy/2/impact.csv", founder), { version: "2" });
    expect(csv.status).toBe(200);
    const response = csv.value as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    expect(await response.text()).toContain("Dana Director");

    // Without a notice the adoption is refused with field errors, and nothing changes.
    const refused = await call(policyVersion.action, await request("/policy/2", founder, { intent: "adopt", noticeDays: "", message: "" }), { version: "2" });
    expect(refused.status).toBe(400);
    expect(await db.selectFrom("eligibility_policies").select("status").where("version", "=", 2).executeTakeFirstOrThrow()).toEqual({ status: "draft" });
    const adopted = await call(policyVersion.action, await request("/policy/2", founder, { intent: "adopt", noticeDays: "30", message: "Thank you for everything you gave the council." }), { version: "2" });
    expect(adopted.status).toBe(302);
    expect(await db.selectFrom("membership_notices").select("person_id").execute()).toEqual([{ person_id: target.id }]);
  });
});

describe("revocation and appeal routes", () => {
  it("let only staff list members and revoke, and only after the confirmation step", async () => {
    for (const who of [null, member]) {
      const expected = who ? 403 : 302;
      expect((await call(adminMembers.loader, await request("/admin/members", who))).status).toBe(expected);
      expect((await call(adminMember.loader, await request(`/admin/members/${target.id}`, who), { id: String(target.id) })).status).toBe(expected);
      expect((await call(adminMember.action, await request(`/admin/members/${target.id}`, who, { rule: "conduct", reason: "Abusive replies to members.", intent: "confirm" }), { id: String(target.id) })).status).toBe(expected);
    }
    const missingRule = await call(adminMember.action, await request(`/admin/members/${target.id}`, moderator, { rule: "", reason: "Abusive replies to members.", intent: "review" }), { id: String(target.id) });
    expect(missingRule.status).toBe(400);
    const review = await call(adminMember.action, await request(`/admin/members/${target.id}`, moderator, { rule: "conduct", reason: "Abusive replies to members.", intent: "review" }), { id: String(target.id) });
    expect(review.status).toBe(200);
    expect((await db.selectFrom("people").select("status").where("id", "=", target.id).executeTakeFirstOrThrow()).status).toBe("active");
    const confirmed = await call(adminMember.action, await request(`/admin/members/${target.id}`, moderator, { rule: "conduct", reason: "Abusive replies to members.", intent: "confirm" }), { id: String(target.id) });
    expect(confirmed.status).toBe(302);
    expect((await db.selectFrom("people").select("status").where("id", "=", target.id).executeTakeFirstOrThrow()).status).toBe("revoked");
    expect(await db.selectFrom("sessions").selectAll().where("person_id", "=", target.id).execute()).toHaveLength(0);
  });

  it("let only founders see and decide appeals", async () => {
    for (const who of [null, member, moderator]) {
      const expected = who ? 403 : 302;
      expect((await call(appeals.loader, await request("/appeals", who))).status).toBe(expected);
      expect((await call(appeals.action, await request("/appeals", who, { appealId: "1", decision: "uphold", reason: "A reason that is long enough." }))).status).toBe(expected);
    }
    expect((await call(appeals.loader, await request("/appeals", founder))).status).toBe(200);
  });
});
