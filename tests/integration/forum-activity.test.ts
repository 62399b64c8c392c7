import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Forbidden, Invalid } from "../../app/platform/errors";
import { updateFramework } from "../../app/forum/framework.server";
import { bumpForumVersion } from "../../app/forum/forum-version.server";
import { extractMentions, mentionHandle } from "../../app/forum/mentions";
import {
  headerCounts, listNotifications, markNotificationsRead, setAreaFollow, setThreadFollow,
} from "../../app/forum/notifications.server";
import { createThread, replyToThread } from "../../app/forum/posts.server";
import { getFrameworkGrid, getHome, listLatestThreads, openThread, touchVisit } from "../../app/forum/threads.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const tick = () => new Promise((r) => setTimeout(r, 3));

describe("unread", () => {
  it("opening a partly read thread jumps to the first unread post, on its page", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author, { replies: 34 }); // 35 posts: two pages
    // Never opened: page 1, no jump; reading it records post 30.
    const first = await openThread(db, reader, t.id);
    expect(first.redirect).toBeNull();
    expect((await db.selectFrom("thread_reads").selectAll().executeTakeFirstOrThrow()).last_read_post_number).toBe(30);
    // Next time: straight to post 31 on page 2.
    expect((await openThread(db, reader, t.id)).redirect).toBe(`/threads/${t.id}?page=2#post-31`);
    // Page 1 asked for by number: no jump, and nothing on it is marked (the first unread post is on page 2).
    expect(await openThread(db, reader, t.id, { page: 1 })).toMatchObject({ redirect: null, firstUnread: null });
    const page2 = await openThread(db, reader, t.id, { page: 2 });
    expect(page2).toMatchObject({ redirect: null, firstUnread: 31 });
    // Read to the end: no jump any more; reading an earlier page never moves the position back.
    expect((await openThread(db, reader, t.id)).redirect).toBeNull();
    await openThread(db, reader, t.id, { page: 1 });
    expect((await db.selectFrom("thread_reads").selectAll().where("person_id", "=", reader.id).executeTakeFirstOrThrow()).last_read_post_number).toBe(35);
  });

  it("marks threads with posts since the member last read them, and counts those posts", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author);
    const quiet = await makeThread(db, author);
    await openThread(db, reader, t.id);
    await openThread(db, reader, quiet.id);
    await tick();
    await replyToThread(db, author, { threadId: t.id, body: "New one" });
    await replyToThread(db, author, { threadId: t.id, body: "Another" });
    const list = await listLatestThreads(db, reader);
    expect(list.find((x) => x.id === t.id)).toMatchObject({ unopened: false, unreadCount: 2 });
    expect(list.find((x) => x.id === quiet.id)).toMatchObject({ unopened: false, unreadCount: 0 });
    // The author has read their own replies.
    expect((await listLatestThreads(db, author)).find((x) => x.id === t.id)?.unreadCount).toBe(0);
  });

  it("counts what is new for the member in each framework cell since their previous visit", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const since = new Date(Date.now() - 60_000).toISOString();
    const read = await makeThread(db, author, { lifecycleArea: "customer", discipline: "strategy" });
    await makeThread(db, author, { lifecycleArea: "customer", discipline: "strategy" });
    await makeThread(db, author, { lifecycleArea: "product", discipline: "execution" });
    await openThread(db, reader, read.id);
    const cells = await getFrameworkGrid(db, reader, { since });
    expect(cells["customer:strategy"]).toMatchObject({ threadCount: 2, newCount: 1 });
    expect(cells["product:execution"]).toMatchObject({ threadCount: 1, newCount: 1 });
    const later = await getFrameworkGrid(db, reader, { since: new Date(Date.now() + 60_000).toISOString() });
    expect(later["customer:strategy"].newCount).toBe(0);
  });

  it("a visit begins after 30 minutes away; the home page lists what is new since the previous one", async () => {
    const member = await makeMember(db);
    const t0 = new Date("2026-11-20T10:00:00Z");
    const firstPrevious = await touchVisit(db, member.id, t0);
    expect(firstPrevious).toBe("2026-11-06T10:00:00.000Z"); // first visit: the last two weeks
    expect(await touchVisit(db, member.id, new Date("2026-11-20T10:20:00Z"))).toBe(firstPrevious); // same visit
    expect(await touchVisit(db, member.id, new Date("2026-11-20T12:00:00Z"))).toBe("2026-11-20T10:20:00.000Z"); // a new one

    const author = await makeMember(db);
    const reader = await makeMember(db);
    const fresh = await makeThread(db, author, { title: "Fresh" });
    const seen = await makeThread(db, author, { title: "Seen" });
    await openThread(db, reader, seen.id);
    const home = await getHome(db, reader);
    expect(home.newSinceVisit.map((x) => x.title)).toEqual(["Fresh"]);
    expect(home.latest.map((x) => x.id).sort()).toEqual([fresh.id, seen.id].sort());
  });

  it("shows nothing new when no thread moved since the last visit, and a thread started since as new", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const old = await makeThread(db, author, { title: "Old", lifecycleArea: "customer", discipline: "strategy" });
    await db.updateTable("threads").set({ last_post_at: new Date(Date.now() - 3 * 3600_000).toISOString() }).where("id", "=", old.id).execute();
    await touchVisit(db, reader.id, new Date(Date.now() - 2 * 3600_000)); // the previous visit: after the last activity anywhere
    const quiet = await getHome(db, reader);
    expect(quiet.newSinceVisit).toEqual([]);
    expect(quiet.cells["customer:strategy"]).toMatchObject({ threadCount: 1, newCount: 0 });
    expect(quiet.latest.map((x) => x.title)).toEqual(["Old"]);

    await makeThread(db, author, { title: "Fresh", lifecycleArea: "customer", discipline: "strategy" });
    const later = await getHome(db, reader);
    expect(later.newSinceVisit.map((x) => x.title)).toEqual(["Fresh"]);
    expect(later.cells["customer:strategy"]).toMatchObject({ threadCount: 2, newCount: 1 });
  });
});

describe("follows and notifications", () => {
  it("tells followers of a thread about replies, never the replier, and counts unread ones", async () => {
    const author = await makeMember(db);
    const follower = await makeMember(db);
    const bystander = await makeMember(db);
    const r = await createThread(db, author, { title: "Care desks", body: "Staffing?", lifecycleArea: "customer", discipline: "execution" });
    await setThreadFollow(db, follower, { threadId: r.threadId, follow: true });
    await replyToThread(db, follower, { threadId: r.threadId, body: "We run three hubs." });
    await replyToThread(db, bystander, { threadId: r.threadId, body: "Same here." });
    // The author (auto-following) hears of both replies; the follower of the bystander's; the bystander of none.
    expect((await headerCounts(db, author.id)).unreadNotifications).toBe(2);
    expect((await headerCounts(db, follower.id)).unreadNotifications).toBe(1);
    expect((await headerCounts(db, bystander.id)).unreadNotifications).toBe(0);
    const list = await listNotifications(db, author);
    expect(list.map((n) => [n.kind, n.excerpt])).toEqual([["reply", "Same here."], ["reply", "We run three hubs."]]);
    await markNotificationsRead(db, author, [list[0].id]);
    expect((await headerCounts(db, author.id)).unreadNotifications).toBe(1);
    await markNotificationsRead(db, author);
    expect((await headerCounts(db, author.id)).unreadNotifications).toBe(0);
    await setThreadFollow(db, follower, { threadId: r.threadId, follow: false });
    await replyToThread(db, author, { threadId: r.threadId, body: "Thanks" });
    expect((await headerCounts(db, follower.id)).unreadNotifications).toBe(1); // unchanged
  });

  it("tells followers of a lifecycle area about new threads in it", async () => {
    const author = await makeMember(db);
    const follower = await makeMember(db);
    await setAreaFollow(db, follower, { lifecycleArea: "employee", follow: true });
    await createThread(db, author, { title: "Advocacy", body: "Voluntary?", lifecycleArea: "employee", discipline: "strategy" });
    await createThread(db, author, { title: "Elsewhere", body: "Product.", lifecycleArea: "product", discipline: "strategy" });
    const list = await listNotifications(db, follower);
    expect(list.map((n) => [n.kind, n.thread_title])).toEqual([["new_thread", "Advocacy"]]);
  });

  it("notifies @first.last mentions, only of people who may read the thread", async () => {
    const chapter = await makeChapter(db);
    const author = await makeMember(db, { chapterId: chapter.id });
    const insider = await makeMember(db, { name: "Priya Raman", chapterId: chapter.id });
    const outsider = await makeMember(db, { name: "Tomás Herrera" });
    const revoked = await makeMember(db, { name: "Gone Person", status: "revoked" });
    const open = await createThread(db, author, { title: "Open", body: "Ask @tomas.herrera and @priya.raman. Not `@gone.person`.", lifecycleArea: "customer", discipline: "strategy" });
    await createThread(db, author, { title: "Chapter only", body: "@tomas.herrera @priya.raman @gone.person", lifecycleArea: "customer", discipline: "strategy", chapterId: chapter.id });
    expect((await listNotifications(db, outsider)).map((n) => [n.kind, n.thread_title])).toEqual([["mention", "Open"]]);
    expect((await listNotifications(db, insider)).map((n) => n.thread_title).sort()).toEqual(["Chapter only", "Open"]);
    expect((await headerCounts(db, revoked.id)).unreadNotifications).toBe(0);
    // A mention of a follower counts once, as a mention.
    await replyToThread(db, insider, { threadId: open.threadId, body: "Thanks @person.x" });
    await replyToThread(db, outsider, { threadId: open.threadId, body: "Right, @priya.raman." });
    const forInsider = await listNotifications(db, insider);
    expect(forInsider.filter((n) => n.thread_title === "Open").map((n) => n.kind)).toEqual(["mention", "mention"]);
  });

  it.each([
    ["Priya Raman", "priya.raman"],
    ["Tomás Herrera", "tomas.herrera"],
    ["Jean-Luc O'Neil", "jean.luc.o.neil"],
  ])("the handle of %s is @%s", (name, handle) => {
    expect(mentionHandle(name)).toBe(handle);
  });

  it.each([
    ["Ask @priya.raman, please", ["priya.raman"]],
    ["mail priya@contoso.example", []],
    ["`@in.code` and @Out.Side.", ["out.side"]],
    ["@single", []],
  ])("finds the mentions in %j", (text, handles) => {
    expect(extractMentions(text)).toEqual(handles);
  });
});

describe("editing the framework", () => {
  it("only founders rename stages and describe areas; each change is audited", async () => {
    const member = await makeMember(db);
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const edit = { stages: [{ key: "scaling", name: "Growing", description: "Programs across functions." }], areas: [{ key: "customer", description: "From awareness to referral." }] };
    await expect(updateFramework(db, member, edit)).rejects.toBeInstanceOf(Forbidden);
    await expect(updateFramework(db, founder, { ...edit, stages: [{ key: "scaling", name: " ", description: "" }] })).rejects.toBeInstanceOf(Invalid);
    expect(await updateFramework(db, founder, edit)).toEqual({ changes: 2 });
    expect(await db.selectFrom("maturity_stages").select("name").where("key", "=", "scaling").executeTakeFirst()).toEqual({ name: "Growing" });
    const audit = await db.selectFrom("audit_log").selectAll().where("actor_id", "=", founder.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["framework.stage_renamed", "framework.area_described"]);
    expect(JSON.parse(audit[0].details!)).toMatchObject({ key: "scaling", before: { name: "Scaling" }, after: { name: "Growing" } });
    expect(await updateFramework(db, founder, edit)).toEqual({ changes: 0 });
  });
});

describe("framework grid counts", () => {
  // What the grid must show: every published thread the member may see, counted directly.
  async function countedDirectly(actor: Awaited<ReturnType<typeof makeMember>>, chapters: number[], maturityStage?: string) {
    const rows = await db.selectFrom("threads")
      .select((eb) => ["lifecycle_area", "discipline", eb.fn.countAll<number>().as("n"), eb.fn.max("last_post_at").as("latest")])
      .where("status", "=", "published")
      .where((eb) => eb.or([eb("chapter_id", "is", null), eb("chapter_id", "in", chapters.length ? chapters : [-1])]))
      .$if(!!maturityStage, (q) => q.where("maturity_stage", "=", maturityStage!))
      .groupBy(["lifecycle_area", "discipline"]).execute();
    return Object.fromEntries(rows.map((r) => [`${r.lifecycle_area}:${r.discipline}`, { threadCount: Number(r.n), latest: r.latest }]));
  }
  const shown = (cells: Record<string, { threadCount: number; latest: string | null }>) =>
    Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, { threadCount: c.threadCount, latest: c.latest }]));

  it("stay right as threads are published, held, hidden, moved, given a stage and deleted", async () => {
    const chapter = await makeChapter(db);
    const author = await makeMember(db);
    const inChapter = await makeMember(db, { chapterId: chapter.id });
    const outside = await makeMember(db);
    const a = await makeThread(db, author, { lifecycleArea: "customer", discipline: "strategy" });
    const b = await makeThread(db, author, { lifecycleArea: "customer", discipline: "strategy", maturityStage: "scaling" });
    const held = await makeThread(db, author, { lifecycleArea: "product", discipline: "execution", status: "held" });
    await makeThread(db, author, { lifecycleArea: "employee", discipline: "measurement", chapterId: chapter.id });
    const check = async () => {
      // The raw writes here stand for domain writes, which bump the forum version the shared grid is cached at.
      await bumpForumVersion(db);
      expect(shown(await getFrameworkGrid(db, inChapter))).toEqual(await countedDirectly(inChapter, [chapter.id]));
      expect(shown(await getFrameworkGrid(db, outside))).toEqual(await countedDirectly(outside, []));
      expect(shown(await getFrameworkGrid(db, outside, { maturityStage: "scaling" }))).toEqual(await countedDirectly(outside, [], "scaling"));
    };
    await check();
    expect((await getFrameworkGrid(db, outside))["employee:measurement"]).toBeUndefined(); // a chapter's thread
    expect((await getFrameworkGrid(db, inChapter))["employee:measurement"]).toMatchObject({ threadCount: 1 });
    await db.updateTable("threads").set({ status: "published" }).where("id", "=", held.id).execute();
    await check();
    expect((await getFrameworkGrid(db, outside))["product:execution"]).toMatchObject({ threadCount: 1 });
    await db.updateTable("threads").set({ status: "hidden" }).where("id", "=", a.id).execute();
    await check();
    await db.updateTable("threads").set({ lifecycle_area: "information", maturity_stage: "scaling" }).where("id", "=", b.id).execute();
    await check();
    await db.updateTable("threads").set({ chapter_id: chapter.id }).where("id", "=", held.id).execute();
    await check();
    await db.deleteFrom("posts").where("thread_id", "=", b.id).execute();
    await db.deleteFrom("threads").where("id", "=", b.id).execute();
    await check();
    expect(await getFrameworkGrid(db, outside)).toEqual({});
  });
});
