import { beforeEach, describe, expect, it } from "vitest";
import {
  actOnChapter, appointPresident, cancelGathering, createChapter, createGathering, getChapterPage, joinChapter, leaveChapter,
  listChapters, setAttendance, updateGathering,
} from "../../app/governance/chapters.server";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../../app/platform/errors";
import type { Actor } from "../../app/accounts/permissions";
import { loadActor } from "../../app/accounts/session.server";
import { chapterSchema, gatheringSchema } from "../../app/governance/schemas/chapters";
import { makeChapter, makeMember, makeThread } from "../factories";
import { createTestDb } from "../helpers/db";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const reload = async (actor: Actor) => (await loadActor(db, actor.id))!;
const audit = (action: string) => db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const gathering = (o: Partial<{ title: string; startsAt: string; place: string | null; link: string | null }> = {}) =>
  ({ title: "Breakfast roundtable", startsAt: inDays(14), place: "The Harvard Club", link: null, ...o });

describe("creating chapters", () => {
  it("lets a founder create a chapter, derives its address from the name, and audits it", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const chapter = await createChapter(db, founder, chapterSchema.parse({ name: "São Paulo", slug: "", description: "Members in Brazil." }));
    expect(chapter.slug).toBe("sao-paulo");
    const [row] = await audit("chapter.created");
    expect(row).toMatchObject({ actor_id: founder.id, subject_type: "chapter", subject_id: chapter.id });
    expect(await listChapters(db)).toEqual([expect.objectContaining({ name: "São Paulo", member_count: 0, president: null, description: "Members in Brazil." })]);
  });

  it.each([
    ["a member", ["member"] as const],
    ["a moderator", ["member", "moderator"] as const],
  ])("refuses %s", async (_label, roles) => {
    const actor = await makeMember(db, { roles: [...roles] });
    await expect(createChapter(db, actor, chapterSchema.parse({ name: "London", slug: "" }))).rejects.toBeInstanceOf(Forbidden);
    expect(await listChapters(db)).toEqual([]);
    expect(await audit("chapter.created")).toEqual([]);
  });

  it("refuses an address another chapter already uses, naming the field", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await createChapter(db, founder, chapterSchema.parse({ name: "London", slug: "london" }));
    const error = await createChapter(db, founder, chapterSchema.parse({ name: "London 2", slug: "london" })).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors.slug).toMatch(/already uses/);
  });

  it.each([
    [{ name: "", slug: "" }, "name"],
    [{ name: "London", slug: "Not A Slug!" }, "slug"],
    [{ name: "London", slug: "new" }, "slug"],
  ])("rejects invalid input %j", (input, field) => {
    const result = chapterSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(field);
  });
});

describe("joining and leaving", () => {
  it("counts active members, moves a member who joins another chapter, and audits lightly", async () => {
    const ny = await makeChapter(db, "New York");
    const london = await makeChapter(db, "London");
    const member = await makeMember(db);
    await makeMember(db, { chapterId: ny.id, status: "revoked" });

    expect(await joinChapter(db, member, ny.id)).toEqual({ moved: false });
    expect(await joinChapter(db, await reload(member), london.id)).toEqual({ moved: true });
    expect((await reload(member)).chapterId).toBe(london.id);
    const counts = Object.fromEntries((await listChapters(db)).map((c) => [c.name, c.member_count]));
    expect(counts).toEqual({ "New York": 0, London: 1 });
    const joins = await audit("chapter.joined");
    expect(joins.map((j) => [j.subject_id, JSON.parse(j.details!).from])).toEqual([[ny.id, null], [london.id, ny.id]]);

    await leaveChapter(db, await reload(member));
    expect((await reload(member)).chapterId).toBeNull();
    expect(await audit("chapter.left")).toHaveLength(1);
    await expect(leaveChapter(db, await reload(member))).rejects.toBeInstanceOf(Conflict);
  });

  it("keeps a chapter president until a founder appoints a successor, with a clear message", async () => {
    const ny = await makeChapter(db, "New York");
    const london = await makeChapter(db, "London");
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    await expect(leaveChapter(db, president)).rejects.toThrow("A founder must appoint your successor before you can leave.");
    await expect(joinChapter(db, president, london.id)).rejects.toBeInstanceOf(Conflict);
    expect((await reload(president)).chapterId).toBe(ny.id);
    expect(await audit("chapter.left")).toEqual([]);

    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const successor = await makeMember(db, { chapterId: ny.id });
    await appointPresident(db, founder, { chapterId: ny.id, personId: successor.id });
    await leaveChapter(db, await reload(president));
    expect((await reload(president)).chapterId).toBeNull();
  });

  it("lets a president whose own chapter it is join it", async () => {
    const ny = await makeChapter(db, "New York");
    const president = await makeMember(db, { roles: ["member", "chapter_president"], presidentOf: ny.id });
    await joinChapter(db, president, ny.id);
    expect((await reload(president)).chapterId).toBe(ny.id);
  });

  it("answers an unknown chapter with NotFound", async () => {
    const member = await makeMember(db);
    await expect(joinChapter(db, member, 9999)).rejects.toBeInstanceOf(NotFound);
    await expect(actOnChapter(db, member, "nowhere", { intent: "join" })).rejects.toBeInstanceOf(NotFound);
  });
});

describe("appointing a chapter president", () => {
  it("appoints a member of the chapter, replaces the previous president, and audits both", async () => {
    const ny = await makeChapter(db, "New York");
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const first = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const second = await makeMember(db, { chapterId: ny.id, name: "Grace Hopper" });

    const result = await appointPresident(db, founder, { chapterId: ny.id, personId: second.id });
    expect(result).toEqual({ president: { id: second.id, name: "Grace Hopper" }, previous: [first.id] });
    expect((await reload(first)).presidentOf).toEqual([]);
    expect((await reload(first)).roles).not.toContain("chapter_president");
    expect((await reload(second)).presidentOf).toEqual([ny.id]);
    const [row] = await audit("chapter.president_appointed");
    expect(row).toMatchObject({ actor_id: founder.id, subject_id: ny.id });
    expect(JSON.parse(row.details!)).toEqual({ personId: second.id, previous: [first.id] });
    const role = await db.selectFrom("person_roles").selectAll().where("person_id", "=", second.id).where("role", "=", "chapter_president").executeTakeFirstOrThrow();
    expect(role.granted_by).toBe(founder.id);
    expect((await listChapters(db))[0].president).toEqual({ id: second.id, name: "Grace Hopper" });
  });

  it("refuses someone outside the chapter, or no longer active, naming the field", async () => {
    const ny = await makeChapter(db, "New York");
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const outsider = await makeMember(db);
    const revoked = await makeMember(db, { chapterId: ny.id, status: "revoked" });
    for (const personId of [outsider.id, revoked.id, 9999]) {
      const error = await appointPresident(db, founder, { chapterId: ny.id, personId }).catch((e) => e);
      expect(error).toBeInstanceOf(Invalid);
      expect(error.fieldErrors.personId).toMatch(/active member of the New York chapter/);
    }
    expect(await audit("chapter.president_appointed")).toEqual([]);
  });

  it("is for founders only: not members, moderators, or the president", async () => {
    const ny = await makeChapter(db, "New York");
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const moderator = await makeMember(db, { roles: ["member", "moderator"], chapterId: ny.id });
    const member = await makeMember(db, { chapterId: ny.id });
    for (const actor of [president, moderator, member]) {
      await expect(appointPresident(db, actor, { chapterId: ny.id, personId: member.id })).rejects.toBeInstanceOf(Forbidden);
    }
    expect((await reload(president)).presidentOf).toEqual([ny.id]);
  });

  it("says so when the person already presides", async () => {
    const ny = await makeChapter(db, "New York");
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    await expect(appointPresident(db, founder, { chapterId: ny.id, personId: president.id })).rejects.toBeInstanceOf(Conflict);
  });
});

describe("gatherings", () => {
  let ny: { id: number };
  let president: Actor;
  let founder: Actor;
  beforeEach(async () => {
    ny = await makeChapter(db, "New York");
    president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id, name: "Ola President" });
    founder = await makeMember(db, { roles: ["member", "founder"] });
  });

  it("lets the chapter president and founders hold gatherings, audited", async () => {
    const a = await createGathering(db, president, { ...gathering(), chapterId: ny.id });
    const b = await createGathering(db, founder, { ...gathering({ title: "Online measurement clinic", place: null, link: "https://meet.example/x", startsAt: inDays(3) }), chapterId: ny.id });
    const rows = await audit("gathering.created");
    expect(rows.map((r) => [r.actor_id, r.subject_id])).toEqual([[president.id, a.id], [founder.id, b.id]]);
    const page = await getChapterPage(db, president, "new-york");
    expect(page.upcoming.map((g) => g.title)).toEqual(["Online measurement clinic", "Breakfast roundtable"]); // soonest first
    expect(page.canManageGatherings).toBe(true);
  });

  it("refuses members, moderators and the president of another chapter", async () => {
    const london = await makeChapter(db, "London");
    const otherPresident = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: london.id, presidentOf: london.id });
    const moderator = await makeMember(db, { roles: ["member", "moderator"], chapterId: ny.id });
    const member = await makeMember(db, { chapterId: ny.id });
    for (const actor of [otherPresident, moderator, member]) {
      await expect(createGathering(db, actor, { ...gathering(), chapterId: ny.id })).rejects.toBeInstanceOf(Forbidden);
    }
    expect(await db.selectFrom("gatherings").selectAll().execute()).toEqual([]);
    expect((await getChapterPage(db, member, "new-york")).canManageGatherings).toBe(false);
  });

  it("requires a date in the future", async () => {
    const error = await createGathering(db, president, { ...gathering({ startsAt: inDays(-1) }), chapterId: ny.id }).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors).toEqual({ startsAt: "Choose a date and time in the future." });
  });

  it.each([
    [{ title: "", startsAt: "2030-01-01T18:00", place: "Club", link: "" }, "title"],
    [{ title: "Dinner", startsAt: "", place: "Club", link: "" }, "startsAt"],
    [{ title: "Dinner", startsAt: "next tuesday", place: "Club", link: "" }, "startsAt"],
    [{ title: "Dinner", startsAt: "2030-02-31T18:00", place: "Club", link: "" }, "startsAt"],
    [{ title: "Dinner", startsAt: "2030-01-01T18:00", place: "", link: "" }, "place"],
    [{ title: "Dinner", startsAt: "2030-01-01T18:00", place: "", link: "javascript:alert(1)" }, "link"],
  ])("rejects invalid gathering input %j", (input, field) => {
    const result = gatheringSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field);
  });

  it("reads a datetime-local value as UTC and stores an ISO string", () => {
    expect(gatheringSchema.parse({ title: "Dinner", startsAt: "2030-01-01T18:30", place: "Club", link: "" }))
      .toEqual({ title: "Dinner", startsAt: "2030-01-01T18:30:00.000Z", place: "Club", link: null });
  });

  it("lets members of the chapter say they will attend, once each, and counts them", async () => {
    const g = await createGathering(db, president, { ...gathering(), chapterId: ny.id });
    const priya = await makeMember(db, { chapterId: ny.id, name: "Priya Raman" });
    expect(await setAttendance(db, priya, { gatheringId: g.id, attending: true })).toEqual({ attendeeCount: 1 });
    expect(await setAttendance(db, priya, { gatheringId: g.id, attending: true })).toEqual({ attendeeCount: 1 });
    expect(await setAttendance(db, president, { gatheringId: g.id, attending: true })).toEqual({ attendeeCount: 2 });
    const page = await getChapterPage(db, priya, "new-york");
    expect(page.upcoming[0]).toMatchObject({ attending: true, attendees: [{ id: president.id, name: "Ola President" }, { id: priya.id, name: "Priya Raman" }] });

    expect(await setAttendance(db, priya, { gatheringId: g.id, attending: false })).toEqual({ attendeeCount: 1 });
    expect((await getChapterPage(db, priya, "new-york")).upcoming[0].attending).toBe(false);
  });

  it("refuses attendance from outside the chapter, for cancelled and for past gatherings", async () => {
    const g = await createGathering(db, president, { ...gathering(), chapterId: ny.id });
    const outsider = await makeMember(db);
    await expect(setAttendance(db, outsider, { gatheringId: g.id, attending: true })).rejects.toBeInstanceOf(Forbidden);
    await expect(actOnChapter(db, outsider, "new-york", { intent: "attend", gatheringId: g.id })).rejects.toBeInstanceOf(Forbidden);

    const member = await makeMember(db, { chapterId: ny.id });
    await expect(setAttendance(db, member, { gatheringId: g.id, attending: true }, new Date(Date.now() + 30 * 86_400_000)))
      .rejects.toThrow("already taken place");
    await cancelGathering(db, president, g.id);
    await expect(setAttendance(db, member, { gatheringId: g.id, attending: true })).rejects.toBeInstanceOf(Conflict);
    expect(await db.selectFrom("gathering_attendance").selectAll().execute()).toEqual([]);
  });

  it("does not let a gathering of one chapter be answered through another chapter's page", async () => {
    await makeChapter(db, "London");
    const g = await createGathering(db, president, { ...gathering(), chapterId: ny.id });
    const member = await makeMember(db, { chapterId: ny.id });
    await expect(actOnChapter(db, member, "london", { intent: "attend", gatheringId: g.id })).rejects.toBeInstanceOf(NotFound);
  });

  it("edits and cancels (president or founder only); cancelled and past gatherings move to the past list", async () => {
    const g = await createGathering(db, president, { ...gathering(), chapterId: ny.id });
    const member = await makeMember(db, { chapterId: ny.id });
    await expect(updateGathering(db, member, { ...gathering({ title: "Hijacked" }), gatheringId: g.id })).rejects.toBeInstanceOf(Forbidden);
    await expect(cancelGathering(db, member, g.id)).rejects.toBeInstanceOf(Forbidden);

    await updateGathering(db, founder, { ...gathering({ title: "Breakfast, moved", startsAt: inDays(20) }), gatheringId: g.id });
    await expect(updateGathering(db, president, { ...gathering({ startsAt: inDays(-2) }), gatheringId: g.id })).rejects.toBeInstanceOf(Invalid);
    await cancelGathering(db, president, g.id);
    await expect(cancelGathering(db, president, g.id)).rejects.toBeInstanceOf(Conflict);
    expect((await audit("gathering.updated")).map((r) => r.actor_id)).toEqual([founder.id]);
    expect((await audit("gathering.cancelled")).map((r) => r.actor_id)).toEqual([president.id]);

    const page = await getChapterPage(db, member, "new-york");
    expect(page.upcoming).toEqual([]);
    expect(page.past).toEqual([expect.objectContaining({ title: "Breakfast, moved", cancelled_at: expect.any(String) })]);
  });
});

describe("the chapter page", () => {
  it("shows members (name, title, company) to everyone but threads only to the chapter's members", async () => {
    const ny = await makeChapter(db, "New York");
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id, name: "Ola", title: "EVP", company: "Litware" });
    const outsider = await makeMember(db);
    await makeThread(db, president, { chapterId: ny.id, title: "Agenda for our gathering" });
    await makeThread(db, president, { title: "Council-wide thread" });

    const inside = await getChapterPage(db, president, "new-york");
    expect(inside.isMember).toBe(true);
    expect(inside.threads?.map((t) => t.title)).toEqual(["Agenda for our gathering"]);
    expect(inside.members).toEqual([{ id: president.id, name: "Ola", title: "EVP", company: "Litware" }]);
    expect(inside.president).toEqual({ id: president.id, name: "Ola" });

    const outside = await getChapterPage(db, outsider, "new-york");
    expect(outside.isMember).toBe(false);
    expect(outside.threads).toBeNull();
    expect(outside.members).toHaveLength(1);
    expect([outside.joined, outside.inAnotherChapter, inside.joined]).toEqual([false, false, true]);
    const london = await makeChapter(db, "London");
    const londoner = await makeMember(db, { chapterId: london.id });
    expect(await getChapterPage(db, londoner, "new-york")).toMatchObject({ isMember: false, joined: false, inAnotherChapter: true, threads: null });
    await expect(getChapterPage(db, outsider, "nowhere")).rejects.toBeInstanceOf(NotFound);
  });
});
