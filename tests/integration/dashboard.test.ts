import { beforeEach, describe, expect, it } from "vitest";
import { loader as csvLoader } from "../../app/routes/dashboard.$file";
import { loader as dashboardLoader } from "../../app/routes/dashboard._index";
import { toCsv } from "../../app/platform/csv";
import {
  activityByCell, applicationFunnel, datasetCsv, membersByChapter, membersByMemberType, membersByRoleLevel,
  moderationByWeek, quantile, timeToDecision, weekStart,
} from "../../app/governance/dashboard.server";
import type { Db } from "../../app/platform/db.server";
import { createSession } from "../../app/accounts/session.server";
import { recordAudit } from "../../app/platform/audit.server";
import type { ApplicationStatus } from "../../db/schema";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
  // Loaders use the app's shared connection; point it at this test's database.
  (globalThis as { councilDb?: Db }).councilDb = db;
});

const NOW = new Date("2026-11-23T12:00:00.000Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();
let appCount = 0;

async function makeApplication(status: ApplicationStatus, createdDaysAgo: number, decidedDaysAgo: number | null, window = 5) {
  appCount++;
  await db.insertInto("applications").values({
    reference: `APP-${appCount}`, status_token_hash: `hash-${appCount}`, name: `Applicant ${appCount}`, email: `a${appCount}@example.com`,
    email_normalized: `a${appCount}@example.com`, title: "VP Social", company: "Acme", role_level: "vp", member_type: "executive",
    social_responsibility: 1, status, created_at: day(-createdDaysAgo), due_at: day(-createdDaysAgo + window),
    decided_at: decidedDaysAgo === null ? null : day(-decidedDaysAgo),
  }).execute();
}

async function knownApplications() {
  await makeApplication("pending", 1, null); // due in 4 days
  await makeApplication("pending", 10, null); // overdue by 5 days
  await makeApplication("approved", 20, 18); // 2 days, within the window
  await makeApplication("rejected", 30, 20); // 10 days, late
  await makeApplication("approved", 12, 8); // 4 days, within
  await makeApplication("expired", 40, null);
}

async function requestAs(email: string | null, path: string) {
  const headers = new Headers();
  if (email) {
    const person = await db.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    headers.set("Cookie", `council_session=${(await createSession(db, person.id, 30)).token}`);
  }
  return new Request(`http://localhost:3000${path}`, { headers });
}

async function statusOf(promise: Promise<unknown>) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    if (thrown && typeof thrown === "object" && "init" in thrown) return (thrown as { init: { status: number } }).init.status;
    throw thrown;
  }
}

describe("dashboard numbers", () => {
  it("counts active members by role level, member type and chapter", async () => {
    const ny = await makeChapter(db, "New York");
    await makeMember(db, { roleLevel: "c_level", memberType: "consultant", roles: ["member", "founder"] });
    await makeMember(db, { roleLevel: "vp", chapterId: ny.id });
    await makeMember(db, { roleLevel: "vp" });
    await makeMember(db, { roleLevel: "director", chapterId: ny.id });
    await makeMember(db, { roleLevel: "vp", status: "revoked", chapterId: ny.id }); // not counted
    expect((await membersByRoleLevel(db)).map((r) => [r.label, r.count])).toEqual([
      ["C-level", 1], ["EVP", 0], ["SVP", 0], ["VP", 2], ["Director", 1], ["Below Director", 0],
    ]);
    expect((await membersByMemberType(db)).map((r) => [r.key, r.count])).toEqual([["executive", 3], ["consultant", 1]]);
    expect((await membersByChapter(db)).map((r) => [r.label, r.count])).toEqual([["New York", 2], ["No chapter", 2]]);
  });

  it("the application funnel and time to decision against the review window", async () => {
    await knownApplications();
    expect((await applicationFunnel(db)).map((r) => [r.key, r.count])).toEqual([
      ["applied", 6], ["approved", 2], ["rejected", 1], ["expired", 1], ["withdrawn", 0], ["pending", 2],
    ]);
    expect(await timeToDecision(db, NOW)).toEqual({
      reviewWindowDays: 5, decided: 3, medianDays: 4, p90Days: 10, decidedWithinWindow: 2, withinWindowShare: 2 / 3, overdue: 1,
    });
  });

  it("time to decision with no decisions yet", async () => {
    expect(await timeToDecision(db, NOW)).toMatchObject({ decided: 0, medianDays: null, p90Days: null, withinWindowShare: null, overdue: 0 });
  });

  it.each([
    [[], 0.5, null], [[3], 0.9, 3], [[1, 2, 3, 4], 0.5, 2.5], [[2, 4, 10], 0.5, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9], [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9, 10],
  ])("quantile(%j, %s) = %s", (values, q, expected) => {
    expect(quantile(values, q)).toBe(expected);
  });

  it.each([
    ["2026-11-23T12:00:00.000Z", "2026-11-23"], // a Monday
    ["2026-11-29T23:59:59.000Z", "2026-11-23"], // the Sunday after
    ["2026-11-22T08:00:00.000Z", "2026-11-16"], // the Sunday before
  ])("week of %s starts %s", (iso, monday) => {
    expect(weekStart(iso)).toBe(monday);
  });

  it("counts held and hidden posts, upheld flags and strikes per week for 12 weeks", async () => {
    const author = await makeMember(db);
    const thread = await makeThread(db, author, { status: "held" }); // its post: held, this week
    await db.updateTable("posts").set({ created_at: day(0) }).where("thread_id", "=", thread.id).execute();
    await recordAudit(db, { actorId: author.id, action: "strike.recorded" });
    await db.updateTable("audit_log").set({ at: day(-14) }).execute();
    // Hidden by flags last week (counted when it happened, even if a moderator has since restored it).
    await recordAudit(db, { actorId: null, action: "post.hidden", subjectType: "post", subjectId: 1 });
    await db.updateTable("audit_log").set({ at: day(-7) }).where("action", "=", "post.hidden").execute();
    const weeks = await moderationByWeek(db, NOW);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]!.weekStart).toBe("2026-09-07");
    expect(weeks.at(-1)).toEqual({ weekStart: "2026-11-23", held: 1, hidden: 0, flagsUpheld: 0, strikes: 0 });
    expect(weeks.at(-2)).toMatchObject({ weekStart: "2026-11-16", hidden: 1 });
    expect(weeks.at(-3)).toMatchObject({ weekStart: "2026-11-09", strikes: 1 });
  });

  it("activity per framework cell over the last 90 days, every cell listed", async () => {
    const author = await makeMember(db);
    await makeThread(db, author, { lifecycleArea: "employee", discipline: "strategy", replies: 2 });
    const old = await makeThread(db, author, { lifecycleArea: "employee", discipline: "strategy" });
    await db.updateTable("threads").set({ created_at: day(-200) }).where("id", "=", old.id).execute();
    await db.updateTable("posts").set({ created_at: day(-200) }).where("thread_id", "=", old.id).execute();
    const cells = await activityByCell(db, new Date());
    expect(cells).toHaveLength(15);
    expect(cells.find((c) => c.lifecycleArea === "employee" && c.discipline === "strategy")).toMatchObject({ threads: 1, posts: 3 });
    expect(cells.filter((c) => c.threads > 0)).toHaveLength(1);
  });
});

describe("CSV export", () => {
  it("a chapter named like a formula is exported inert", async () => {
    await makeChapter(db, "=cmd|' /C calc'!A0");
    const csv = await datasetCsv(db, "members-by-chapter", NOW);
    expect(csv).toBe(toCsv([["chapter", "members"], ["=cmd|' /C calc'!A0", 0], ["No chapter", 0]]));
    expect(csv).toBe("chapter,members\r\n'=cmd|' /C calc'!A0,0\r\nNo chapter,0\r\n");
  });

  it("the funnel CSV has the known counts", async () => {
    await knownApplications();
    expect(await datasetCsv(db, "application-funnel", NOW)).toBe(
      "stage,applications\r\nApplied,6\r\nApproved,2\r\nRejected,1\r\nExpired,1\r\nWithdrawn,0\r\nPending,2\r\n",
    );
  });
});

describe("founders only", () => {
  beforeEach(async () => {
    await makeMember(db, { email: "founder@example.com", roles: ["member", "founder"] });
    await makeMember(db, { email: "moderator@example.com", roles: ["member", "moderator"] });
    await makeMember(db, { email: "member@example.com" });
    await knownApplications();
  });

  it("a founder gets the dashboard and each CSV", async () => {
    const data = await dashboardLoader({ request: await requestAs("founder@example.com", "/dashboard"), params: {}, context: {} });
    expect(data.funnel.find((r) => r.key === "pending")?.count).toBe(2);
    const response = await csvLoader({ request: await requestAs("founder@example.com", "/dashboard/application-funnel.csv"), params: { file: "application-funnel.csv" }, context: {} });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="council-application-funnel-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(await response.text()).toContain("Applied,6\r\n");
  });

  it.each(["member@example.com", "moderator@example.com"])("%s gets 403 for the dashboard and the CSV", async (email) => {
    expect(await statusOf(dashboardLoader({ request: await requestAs(email, "/dashboard"), params: {}, context: {} }))).toBe(403);
    expect(await statusOf(csvLoader({ request: await requestAs(email, "/dashboard/members-by-role-level.csv"), params: { file: "members-by-role-level.csv" }, context: {} }))).toBe(403);
  });

  it("anonymous visitors are sent to sign in; unknown exports are 404", async () => {
    expect(await statusOf(dashboardLoader({ request: await requestAs(null, "/dashboard"), params: {}, context: {} }))).toBe(302);
    expect(await statusOf(csvLoader({ request: await requestAs("founder@example.com", "/dashboard/people.csv"), params: { file: "people.csv" }, context: {} }))).toBe(404);
    expect(await statusOf(csvLoader({ request: await requestAs("founder@example.com", "/dashboard/x"), params: { file: "application-funnel" }, context: {} }))).toBe(404);
  });
});
