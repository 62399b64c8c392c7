import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Forbidden } from "../../app/platform/errors";
import { getStaffHome } from "../../app/moderation/staff-home.server";
import { countOpenApplications, submitApplication } from "../../app/membership/applications.server";
import { countOpenAppeals, submitAppeal } from "../../app/membership/appeals.server";
import { flagPost } from "../../app/moderation/moderation.server";
import { revokeMembership } from "../../app/membership/revocation.server";
import { createAppealToken } from "../../app/membership/appeal-token.server";
import { loader as staffLoader } from "../../app/routes/staff._index";
import { createTestDb } from "../helpers/db";
import { callRoute, request, useTestDbForRoutes } from "../helpers/routes";
import { makeChapter, makeMember, makeThread } from "../factories";
import type { Actor } from "../../app/accounts/permissions";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  useTestDbForRoutes(db);
});

const NOW = new Date("2026-12-01T12:00:00Z");
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();

let n = 0;
async function application(dueAt: string) {
  n++;
  await submitApplication(db, {
    name: `Applicant ${n}`, email: `applicant${n}@fourthcoffee.example`, title: "VP, Social", company: "Fourth Coffee", roleLevel: "vp",
    socialResponsibility: "yes", socialResponsibilityNote: "I lead social.", memberType: "executive", profileUrl: undefined, referredBy: undefined,
  }, { ip: `10.1.0.${n}` }, NOW);
  await db.updateTable("applications").set({ due_at: dueAt }).where("email", "=", `applicant${n}@fourthcoffee.example`).execute();
}

const counts = (home: Awaited<ReturnType<typeof getStaffHome>>) => Object.fromEntries(home.attention.map((a) => [a.key, a.count]));

describe("the staff home", () => {
  let founder: Actor;
  let moderator: Actor;
  beforeEach(async () => {
    founder = await makeMember(db, { roles: ["member", "founder"], company: "Council" });
    moderator = await makeMember(db, { roles: ["member", "moderator"], company: "Council Mods" });
  });

  it("counts applications overdue, due within two days and open, held posts, hidden and flagged posts, and open appeals", async () => {
    await application(hours(-5)); // overdue
    await application(hours(20)); // due soon
    await application(hours(24 * 5)); // later
    await db.updateTable("applications").set({ status: "rejected" }).where("email", "=", `applicant${n}@fourthcoffee.example`).execute();
    await application(hours(24 * 5));
    const author = await makeMember(db, { company: "Acme" });
    await makeThread(db, author, { status: "held" });
    const hidden = await makeThread(db, author, { replies: 1 });
    const shown = await makeThread(db, author, { replies: 1 });
    const postOf = async (threadId: number) => (await db.selectFrom("posts").select("id").where("thread_id", "=", threadId).where("number", "=", 2).executeTakeFirstOrThrow()).id;
    for (const company of ["Globex", "Initech", "Umbrella"]) {
      await flagPost(db, await makeMember(db, { company }), { postId: await postOf(hidden.id), reason: "sales_pitch", note: null });
    }
    await flagPost(db, await makeMember(db, { company: "Hooli" }), { postId: await postOf(shown.id), reason: "off_topic", note: null });
    const revoked = await makeMember(db);
    const { auditId } = await revokeMembership(db, moderator, { memberId: revoked.id, rule: "no_sales_pitches", reason: "Repeated sales pitches after a warning." });
    await submitAppeal(db, await createAppealToken(revoked.id, auditId), "I misunderstood the rule and will not contact anyone unasked again.");

    const home = await getStaffHome(db, founder, NOW);
    expect(counts(home)).toEqual({
      "applications-overdue": 1, "applications-due": 1, "applications-open": 3, held: 1, hidden: 1, flagged: 1, appeals: 1,
    });
    expect(home.attention.find((a) => a.key === "held")).toMatchObject({ to: "/moderation#held", urgent: true });
    expect(home.attention.find((a) => a.key === "appeals")).toMatchObject({ to: "/appeals", urgent: true });
    expect(home.tools.map((t) => t.label)).toEqual([
      "Applications", "Review queue", "Appeals", "Manage members", "Invitations", "Outbox", "Dashboard", "Moderation settings",
    ]);

    // A moderator sees the queues they work, not the founders' appeals.
    const mod = await getStaffHome(db, moderator, NOW);
    expect(Object.keys(counts(mod))).toEqual(["applications-overdue", "applications-due", "applications-open", "held", "hidden", "flagged"]);
    expect(mod.tools.map((t) => t.label)).toEqual(["Applications", "Review queue", "Manage members"]);
  });

  it("shows a chapter president only their chapter's posts, and never anyone's own post", async () => {
    const chapter = await makeChapter(db);
    const president = await makeMember(db, { roles: ["member", "chapter_president"], presidentOf: chapter.id, chapterId: chapter.id });
    const author = await makeMember(db);
    await makeThread(db, author, { status: "held", chapterId: chapter.id });
    await makeThread(db, author, { status: "held" }); // council-wide: not the president's
    await makeThread(db, moderator, { status: "held" }); // the moderator's own post
    expect(counts(await getStaffHome(db, president, NOW))).toEqual({ held: 1, hidden: 0, flagged: 0 });
    expect(counts(await getStaffHome(db, moderator, NOW))).toMatchObject({ held: 2 });
    expect(counts(await getStaffHome(db, founder, NOW))).toMatchObject({ held: 3 });
  });

  it("is refused to members, and each count is refused to whoever cannot open its queue", async () => {
    const member = await makeMember(db);
    await expect(getStaffHome(db, member, NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(countOpenApplications(db, member, NOW)).rejects.toBeInstanceOf(Forbidden);
    await expect(countOpenAppeals(db, moderator)).rejects.toBeInstanceOf(Forbidden);
    expect((await callRoute(staffLoader, await request(db, "/staff", member))).status).toBe(403);
    expect((await callRoute(staffLoader, await request(db, "/staff", null))).location).toBe("/login?redirectTo=%2Fstaff");
    const ok = await callRoute(staffLoader, await request(db, "/staff", founder));
    expect(ok.status).toBe(200);
    expect(ok.body.tools).toHaveLength(8);
  });
});
