import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { NotFound } from "../../app/platform/errors";
import { getMemberProfile, listMembers, MEMBERS_PAGE_SIZE } from "../../app/forum/members.server";
import type { Actor } from "../../app/accounts/permissions";
import { createSession, requirePermission, sessionCookie } from "../../app/accounts/session.server";
import { makeChapter, makeMember, makeThread } from "../factories";
import { createTestDb } from "../helpers/db";

let db: Db;
let viewer: Actor;

beforeEach(async () => {
  db = await createTestDb();
  viewer = await makeMember(db, { name: "Vera Viewer", company: "Viewco" });
});

const names = (r: Awaited<ReturnType<typeof listMembers>>) => r.members.map((m) => m.name);

describe("listMembers", () => {
  it("lists active members by name, never revoked or suspended ones", async () => {
    await makeMember(db, { name: "Zed Active" });
    await makeMember(db, { name: "Anna Active" });
    await makeMember(db, { name: "Rex Revoked", status: "revoked" });
    await makeMember(db, { name: "Sue Suspended", status: "suspended" });
    expect(names(await listMembers(db, viewer))).toEqual(["Anna Active", "Vera Viewer", "Zed Active"]);
  });

  it("searches name, company and title, case-insensitively, with wildcards taken literally", async () => {
    await makeMember(db, { name: "Grace Whitfield", company: "Fabrikam Foods", title: "Chief Marketing Officer" });
    await makeMember(db, { name: "Luis Ortega", company: "Wide World", title: "Director, Social Analytics" });
    await makeMember(db, { name: "Percent Person", company: "100% Co", title: "VP" });
    expect(names(await listMembers(db, viewer, { q: "whit" }))).toEqual(["Grace Whitfield"]);
    expect(names(await listMembers(db, viewer, { q: "FABRIKAM" }))).toEqual(["Grace Whitfield"]);
    expect(names(await listMembers(db, viewer, { q: "analytics" }))).toEqual(["Luis Ortega"]);
    expect(names(await listMembers(db, viewer, { q: "%" }))).toEqual(["Percent Person"]);
    expect(names(await listMembers(db, viewer, { q: "_" }))).toEqual([]);
  });

  it("filters by role level, member type and chapter; unknown values are ignored", async () => {
    const chapter = await makeChapter(db, "Boston");
    await makeMember(db, { name: "Cleo C-level", roleLevel: "c_level" });
    await makeMember(db, { name: "Carl Consultant", memberType: "consultant", roleLevel: "c_level" });
    await makeMember(db, { name: "Bea Boston", roleLevel: "director", chapterId: chapter.id });
    expect(names(await listMembers(db, viewer, { roleLevel: "c_level" }))).toEqual(["Carl Consultant", "Cleo C-level"]);
    expect(names(await listMembers(db, viewer, { roleLevel: "c_level", memberType: "executive" }))).toEqual(["Cleo C-level"]);
    expect(names(await listMembers(db, viewer, { memberType: "consultant" }))).toEqual(["Carl Consultant"]);
    expect((await listMembers(db, viewer, { chapterId: chapter.id })).members).toEqual([
      expect.objectContaining({ name: "Bea Boston", chapter_name: "Boston", role_level: "director" }),
    ]);
    expect(await listMembers(db, viewer, { roleLevel: "king", memberType: "robot" }).then(names)).toHaveLength(4);
  });

  it("paginates", async () => {
    for (let i = 0; i < MEMBERS_PAGE_SIZE + 3; i++) await makeMember(db, { name: `Member ${String(i).padStart(3, "0")}` });
    const one = await listMembers(db, viewer, {}, 1);
    const two = await listMembers(db, viewer, {}, 2);
    expect(one.members).toHaveLength(MEMBERS_PAGE_SIZE);
    expect(one.hasNext).toBe(true);
    expect(two.members).toHaveLength(4); // 53 + the viewer
    expect(two.hasNext).toBe(false);
  });
});

describe("getMemberProfile", () => {
  it("shows an active member with their recent visible threads only", async () => {
    const chapter = await makeChapter(db, "Oslo");
    const author = await makeMember(db, { name: "Olav Author", roles: ["member", "moderator"] });
    const open = await makeThread(db, author, { title: "Open thread" });
    await makeThread(db, author, { title: "Chapter thread", chapterId: chapter.id });
    await makeThread(db, author, { title: "Held thread", status: "held" });
    const profile = await getMemberProfile(db, viewer, author.id);
    expect(profile.member).toMatchObject({ name: "Olav Author", role_level: "vp", member_type: "executive" });
    expect(profile.roles.sort()).toEqual(["member", "moderator"]);
    expect(profile.threads.map((t) => t.id)).toEqual([open.id]);
    const insider = await makeMember(db, { chapterId: chapter.id });
    expect((await getMemberProfile(db, insider, author.id)).threads.map((t) => t.title).sort()).toEqual(["Chapter thread", "Open thread"]);
  });

  it("a revoked member or an unknown id is not found", async () => {
    const revoked = await makeMember(db, { status: "revoked" });
    await expect(getMemberProfile(db, viewer, revoked.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getMemberProfile(db, viewer, 999_999)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("member-only access (the routes' guard)", () => {
  const request = (cookie?: string) => new Request("http://localhost/members", { headers: cookie ? { Cookie: cookie } : {} });

  it("sends an anonymous visitor to sign in", async () => {
    const response = await requirePermission(request(), "read_council").catch((r: unknown) => r);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fmembers");
  });

  it("refuses a revoked member whose session still exists", async () => {
    // requirePermission reads the process database (getDb); vitest runs with DATABASE_PATH=:memory:.
    const { getDb } = await import("../../app/platform/db.server");
    const { migrateToLatest } = await import("../../db/migrate");
    const shared = getDb();
    await migrateToLatest(shared);
    const revoked = await makeMember(shared, { status: "revoked" });
    const active = await makeMember(shared);
    const bad = await createSession(shared, revoked.id, 30);
    const good = await createSession(shared, active.id, 30);
    const denied = await requirePermission(request(sessionCookie(bad.token, bad.expiresAt).split(";")[0]), "read_council").catch((r: unknown) => r);
    expect((denied as Response).status).toBe(302);
    const actor = await requirePermission(request(sessionCookie(good.token, good.expiresAt).split(";")[0]), "read_council");
    expect(actor.id).toBe(active.id);
  });

  it("every members and search loader refuses anonymous visitors and serves active members", async () => {
    const { getDb } = await import("../../app/platform/db.server");
    const { migrateToLatest } = await import("../../db/migrate");
    const { seedFramework } = await import("../../db/seed/demo");
    const shared = getDb();
    await migrateToLatest(shared);
    await seedFramework(shared);
    const member = await makeMember(shared, { name: "Loader Tester" });
    const { token, expiresAt } = await createSession(shared, member.id, 30);
    const cookie = sessionCookie(token, expiresAt).split(";")[0]!;
    const routes = [
      { mod: await import("../../app/routes/members._index"), url: "http://localhost/members?q=loader", params: {} },
      { mod: await import("../../app/routes/members.$id"), url: `http://localhost/members/${member.id}`, params: { id: String(member.id) } },
      { mod: await import("../../app/routes/search"), url: "http://localhost/search?q=roi", params: {} },
    ];
    for (const { mod, url, params } of routes) {
      const anonymous = await Promise.resolve(mod.loader({ request: new Request(url), params, context: {} })).catch((r: unknown) => r);
      expect((anonymous as Response).status, url).toBe(302);
      const served = await mod.loader({ request: new Request(url, { headers: { Cookie: cookie } }), params, context: {} });
      expect(served, url).toBeTruthy();
    }
  });
});
