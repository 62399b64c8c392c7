// The thread page's shared cache (app/forum/thread-page-cache.server.ts) never shows a member what they may not see,
// and never shows stale content after an edit, delete, hold, publish, flag-hide, removal, resignation or revocation —
// through the real loader, with real sessions, on a real database; and across two connections (two server
// processes), where only the database can tell one that the other wrote.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import type { Actor } from "../../app/accounts/permissions";
import { createSession } from "../../app/accounts/session.server";
import { hashPassword } from "../../app/accounts/auth.server";
import { deletePost, editPost, replyToThread } from "../../app/forum/posts.server";
import { flagPost, publishHeldPost, upholdFlags } from "../../app/moderation/moderation.server";
import { resignMembership } from "../../app/membership/resignation.server";
import { revokeMembership } from "../../app/membership/revocation.server";
import { updateProfile } from "../../app/membership/job-changes.server";
import { threadPageCacheSize } from "../../app/forum/thread-page-cache.server";
import * as threadPage from "../../app/routes/threads.$id";
import * as homePage from "../../app/routes/_index";
import { createThread } from "../../app/forum/posts.server";
import { updateFramework } from "../../app/forum/framework.server";
import { createTestDb, createTestDbTwice } from "../helpers/db";
import { formatDate } from "../../app/platform/time";
import { postsShown, type ShownPost } from "../helpers/post-list";
import { useTestDbForRoutes } from "../helpers/routes";
import { makeChapter, makeMember, makeThread } from "../factories";

const PITCH = "We help Fortune 500 brands with social customer care. Book a call with me at calendly.com/dana — free audit this week only!";
const HONEST = "We moved our social care team under CX last year. First-response times fell by half; the lesson was staffing weekends.";
const PASSWORD = "correct horse battery staple";

type Page = { thread: { title: string; last_number: number }; posts: ShownPost[]; lastNumber: number };

/** The thread page's loader as `who` sees it (a client data request: the post list in the data), through `db`. */
async function open(db: Db, who: Actor, threadId: number, page = 1): Promise<{ status: number; page?: Page }> {
  useTestDbForRoutes(db);
  const { token } = await createSession(db, who.id, 30);
  const request = new Request(`http://localhost/threads/${threadId}?page=${page}`, { headers: { Cookie: `council_session=${token}` } });
  try {
    const data = await threadPage.loader({ request, params: { id: String(threadId) }, context: {} } as never);
    return { status: 200, page: { ...data, posts: postsShown(data.postsHtml!) } };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    const status = (thrown as { init?: { status?: number } })?.init?.status;
    if (status) return { status };
    throw thrown;
  }
}
const bodies = (p: { page?: Page }) => p.page!.posts.map((x) => x.body_html ?? "").join("\n");

describe("thread page cache: visibility", () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
  });

  it("a held reply is shown to its author only, whoever filled the cache first", async () => {
    const starter = await makeMember(db);
    const reader = await makeMember(db);
    const consultant = await makeMember(db, { memberType: "consultant", company: "Dana Advisory" });
    const t = await makeThread(db, starter, { replies: 2, body: HONEST });
    expect((await open(db, reader, t.id)).page!.posts).toHaveLength(3); // cache filled by a reader

    const held = await replyToThread(db, consultant, { threadId: t.id, body: PITCH });
    expect(held.held).toBe(true);
    const own = (await open(db, consultant, t.id)).page!;
    expect(own.posts.map((p) => p.status)).toEqual(["published", "published", "published", "held"]);
    expect(own.posts[3]!.hold_reasons).toBe(true);
    expect(own.lastNumber).toBe(4);

    // The author's view is in memory now; the reader still gets only what they may see.
    const theirs = (await open(db, reader, t.id)).page!;
    expect(theirs.posts.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(bodies({ page: theirs })).not.toContain("calendly");
    expect(theirs.lastNumber).toBe(3);
    expect(theirs.thread.last_number).toBe(3);
  });

  it("a chapter-only thread stays unseen by members outside the chapter after a chapter member filled the cache", async () => {
    const chapter = await makeChapter(db);
    const inside = await makeMember(db, { chapterId: chapter.id });
    const outside = await makeMember(db);
    const t = await makeThread(db, inside, { chapterId: chapter.id, body: "Chapter-only words" });
    expect(bodies(await open(db, inside, t.id))).toContain("Chapter-only words");
    expect((await open(db, outside, t.id)).status).toBe(404);
  });

  it("a held thread stays its author's alone; others get 404 even with its pages in memory", async () => {
    const consultant = await makeMember(db, { memberType: "consultant", company: "Dana Advisory" });
    const other = await makeMember(db);
    const t = await makeThread(db, consultant, { status: "held", body: "Held opening words" });
    expect(bodies(await open(db, consultant, t.id))).toContain("Held opening words");
    expect((await open(db, other, t.id)).status).toBe(404);
  });

  it("a member's own open flag is theirs: the shared page does not carry it to others", async () => {
    const author = await makeMember(db);
    const flagger = await makeMember(db);
    const other = await makeMember(db);
    const t = await makeThread(db, author, { replies: 1, body: HONEST });
    await open(db, other, t.id);
    const post = (await open(db, flagger, t.id)).page!.posts[1]!;
    await flagPost(db, flagger, { postId: post.id!, reason: "off_topic", note: null });
    expect((await open(db, flagger, t.id)).page!.posts[1]!.flagged_by_me).toBe(true);
    expect((await open(db, other, t.id)).page!.posts[1]!.flagged_by_me).toBe(false);
  });
});

describe("thread page cache: never stale", () => {
  let db: Db;
  beforeEach(async () => {
    db = await createTestDb();
  });

  it("shows an edit, a hold, a publish, a flag-hide, a removal and a delete at once to a reader whose page was cached", async () => {
    const author = await makeMember(db, { company: "Contoso" });
    const reader = await makeMember(db);
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const t = await makeThread(db, author, { replies: 3, body: HONEST });
    const ids = (await open(db, reader, t.id)).page!.posts.map((p) => p.id!);

    await editPost(db, author, { postId: ids[1]!, body: "An edited reply about weekend staffing." });
    expect(bodies(await open(db, reader, t.id))).toContain("An edited reply about weekend staffing.");

    // Edited into a pitch: held, gone from the reader's page; published by a moderator: back.
    const edit = await editPost(db, author, { postId: ids[2]!, body: PITCH });
    expect(edit.held).toBe(true);
    expect((await open(db, reader, t.id)).page!.posts.map((p) => p.number)).toEqual([1, 2, 4]);
    await publishHeldPost(db, moderator, { postId: ids[2]! });
    expect((await open(db, reader, t.id)).page!.posts.map((p) => p.number)).toEqual([1, 2, 3, 4]);

    // Flags from three companies hide post 4; a moderator upholds them: a tombstone without its words.
    for (const company of ["Globex", "Initech", "Umbrella"]) {
      await flagPost(db, await makeMember(db, { company }), { postId: ids[3]!, reason: "off_topic", note: null });
    }
    expect((await open(db, reader, t.id)).page!.posts.map((p) => p.number)).toEqual([1, 2, 3]);
    expect((await open(db, author, t.id)).page!.posts[3]!.status).toBe("hidden");
    await upholdFlags(db, moderator, { postId: ids[3]!, rule: "off_topic" });
    const removed = (await open(db, reader, t.id)).page!.posts[3]!;
    expect(removed.status).toBe("removed");
    expect(removed.body_html).toBe("");

    await deletePost(db, author, { postId: ids[1]! });
    const deleted = (await open(db, reader, t.id)).page!.posts[1]!;
    expect(deleted.status).toBe("deleted");
    expect(deleted.body_html).toBe("");
  });

  it("a new reply, and an author's new name and company, show at once", async () => {
    const author = await makeMember(db, { name: "Rosa Diaz", company: "Tailspin", passwordHash: await hashPassword(PASSWORD) });
    const reader = await makeMember(db);
    const t = await makeThread(db, author, { replies: 1, body: HONEST });
    expect((await open(db, reader, t.id)).page!.posts[0]!.author_name).toBe("Rosa Diaz");

    await replyToThread(db, reader, { threadId: t.id, body: "Weekend staffing was our lesson too." });
    expect((await open(db, author, t.id)).page!.posts.map((p) => p.number)).toEqual([1, 2, 3]);

    await updateProfile(db, author, { name: "Rosa Díaz-Lee", bio: "", profileUrl: null, title: "VP, Social Media", company: "Tailspin", roleLevel: "vp", memberType: "executive", socialResponsibility: true, socialResponsibilityNote: null, intent: "confirm" } as never);
    expect((await open(db, reader, t.id)).page!.posts[0]!.author_name).toBe("Rosa Díaz-Lee");

    await resignMembership(db, author, { currentPassword: PASSWORD });
    const page = (await open(db, reader, t.id)).page!;
    expect(page.posts[0]!.author_name).toBe("Former member");
    expect(page.posts[0]!.author_company).toBe("");
    expect(bodies({ page })).toContain("staffing weekends"); // what they wrote stays
  });

  it("a revoked member is refused even though the page they read is in memory", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const member = await makeMember(db);
    const t = await makeThread(db, founder, { body: HONEST });
    expect((await open(db, member, t.id)).status).toBe(200);
    await revokeMembership(db, founder, { memberId: member.id, rule: "Eligibility policy v1", reason: "Role level is below Director." });
    const after = await open(db, member, t.id);
    expect(after.status).not.toBe(200);
    expect(after.page).toBeUndefined();
  });
});

describe("thread page cache: two server processes", () => {
  let one: Db;
  let two: Db;
  beforeEach(async () => {
    [one, two] = await createTestDbTwice();
  });

  it("a write through one connection is seen through the other, whose page was cached: checked through the database", async () => {
    const author = await makeMember(one);
    const reader = await makeMember(one);
    const moderator = await makeMember(one, { roles: ["member", "moderator"] });
    const t = await makeThread(one, author, { replies: 2, body: HONEST });
    const ids = (await open(one, reader, t.id)).page!.posts.map((p) => p.id!);
    expect(threadPageCacheSize(one).entries).toBeGreaterThan(0);
    expect(threadPageCacheSize(two).entries).toBe(0);

    await editPost(two, author, { postId: ids[1]!, body: "Edited through the other process." });
    expect(bodies(await open(one, reader, t.id))).toContain("Edited through the other process.");

    const held = await editPost(two, author, { postId: ids[2]!, body: PITCH });
    expect(held.held).toBe(true);
    expect((await open(one, reader, t.id)).page!.posts.map((p) => p.number)).toEqual([1, 2]);
    await publishHeldPost(two, moderator, { postId: ids[2]! });
    expect((await open(one, reader, t.id)).page!.posts.map((p) => p.number)).toEqual([1, 2, 3]);

    await deletePost(two, author, { postId: ids[1]! });
    expect((await open(one, reader, t.id)).page!.posts[1]!.status).toBe("deleted");
    await one.destroy();
    await two.destroy();
  });
});

type ListedThread = { list: string; title: string; status: string | null; meta: string };
type Home = { stages: { key: string; name: string }[]; cells: Record<string, { threadCount: number; latest: string | null }>; threads: ListedThread[] };
/** The home page as `who` sees it (a client data request: the grid's markup in the data), its grid cells read back from that markup. */
async function home(db: Db, who: Actor): Promise<Home> {
  useTestDbForRoutes(db);
  const { token } = await createSession(db, who.id, 30);
  const request = new Request("http://localhost/", { headers: { Cookie: `council_session=${token}` } });
  const data = (await homePage.loader({ request, params: {}, context: {} } as never)) as unknown as { stages: Home["stages"]; gridHtml: string } & Record<"newSinceVisit" | "latest", { id: string; html: string }>;
  const cells: Home["cells"] = {};
  for (const [, area, discipline, count, meta] of data.gridHtml.matchAll(/href="\/threads\?area=(\w+)&amp;discipline=(\w+)">.*?class="cell-count">(\d+) threads?<\/span><\/a><div class="meta">([^<]*)<\/div>/g)) {
    cells[`${area}:${discipline}`] = { threadCount: Number(count), latest: meta === "No threads yet" ? null : meta! };
  }
  // Both thread lists, each row read back from its markup.
  const threads = [data.newSinceVisit, data.latest].flatMap(({ id, html }) => [...html.matchAll(/<li[^>]*><a href="\/threads\/\d+">([^<]*)<\/a> (?:<span class="status unread">([^<]*)<\/span>)?<div class="meta">([^<]*)<\/div><\/li>/g)]
    .map(([, title, status, meta]) => ({ list: id, title: title!, status: status ?? null, meta: meta! })));
  return { stages: data.stages, cells, threads };
}

describe("home page: the shared grid and framework words", () => {
  it("shows a new thread, a held one not, its publication, and a founder's new words at once, across two connections", async () => {
    const [one, two] = await createTestDbTwice();
    const author = await makeMember(one);
    const consultant = await makeMember(one, { memberType: "consultant", company: "Dana Advisory" });
    const moderator = await makeMember(one, { roles: ["member", "moderator"] });
    const founder = await makeMember(one, { roles: ["member", "founder"] });
    const reader = await makeMember(one);
    const before = (await home(one, reader)).cells["customer:measurement"]?.threadCount ?? 0;

    const started = await createThread(two, author, { title: "Care staffing", body: HONEST, lifecycleArea: "customer", discipline: "measurement" });
    expect((await home(one, reader)).cells["customer:measurement"]!.threadCount).toBe(before + 1);
    // A reply moves the cell's latest activity (no forum_meta write: the latest activity is part of the version).
    await one.updateTable("threads").set({ last_post_at: "2020-01-01T00:00:00.000Z" }).where("id", "=", started.threadId).execute();
    await one.updateTable("forum_meta").set({ version: 100 }).execute(); // as if an old thread: the cell shows 2020
    expect((await home(one, reader)).cells["customer:measurement"]!.latest).toBe(`Latest ${formatDate("2020-01-01T00:00:00.000Z")}`);
    await replyToThread(two, reader, { threadId: started.threadId, body: "Weekend staffing was our lesson too." });
    expect((await home(one, reader)).cells["customer:measurement"]!.latest).not.toBe(`Latest ${formatDate("2020-01-01T00:00:00.000Z")}`);

    const held = await createThread(two, consultant, { title: "Our offer", body: PITCH, lifecycleArea: "customer", discipline: "measurement" });
    expect(held.held).toBe(true);
    expect((await home(one, reader)).cells["customer:measurement"]!.threadCount).toBe(before + 1);
    await publishHeldPost(two, moderator, { postId: held.postId });
    expect((await home(one, reader)).cells["customer:measurement"]!.threadCount).toBe(before + 2);

    const stage = (await home(one, reader)).stages[0]!;
    await updateFramework(two, founder, { stages: [{ key: stage.key, name: "Getting started", description: "" }], areas: [] });
    expect((await home(one, reader)).stages[0]!.name).toBe("Getting started");
    await one.destroy();
    await two.destroy();
  });
});

describe("home page: the shared thread list rows", () => {
  it("keep each member's read state their own and follow a reply, an author's new name, a hold and its publication, across two connections", async () => {
    const [one, two] = await createTestDbTwice();
    const author = await makeMember(one);
    const consultant = await makeMember(one, { memberType: "consultant", company: "Dana Advisory" });
    const moderator = await makeMember(one, { roles: ["member", "moderator"] });
    const [reader, other] = [await makeMember(one), await makeMember(one)];
    const listed = async (who: Actor, title: string) => (await home(one, who)).threads.find((t) => t.title === title);

    const started = await createThread(two, author, { title: "Care staffing", body: HONEST, lifecycleArea: "customer", discipline: "measurement" });
    expect(await listed(reader, "Care staffing")).toMatchObject({ status: "New", meta: expect.stringContaining("1 post · by ") });
    expect(await listed(other, "Care staffing")).toMatchObject({ status: "New" });

    await open(one, reader, started.threadId); // the reader reads it; the other member has not
    expect(await listed(reader, "Care staffing")).toMatchObject({ status: null });
    expect(await listed(other, "Care staffing")).toMatchObject({ status: "New" });

    await replyToThread(two, other, { threadId: started.threadId, body: "Weekend staffing was our lesson too." });
    expect(await listed(reader, "Care staffing")).toMatchObject({ status: "1 new post", meta: expect.stringContaining("2 posts · by ") });
    // The author's new name reaches the list at once (the shared thread header moves with content_version).
    await updateProfile(two, author, { name: "Rosa Díaz-Lee", bio: "", profileUrl: null, title: "VP, Social Media", company: "Tailspin", roleLevel: "vp", memberType: "executive", socialResponsibility: true, socialResponsibilityNote: null, intent: "confirm" } as never);
    expect(await listed(other, "Care staffing")).toMatchObject({ meta: expect.stringContaining("2 posts · by Rosa Díaz-Lee · ") });

    const held = await createThread(two, consultant, { title: "Our offer", body: PITCH, lifecycleArea: "customer", discipline: "measurement" });
    expect(held.held).toBe(true);
    expect(await listed(reader, "Our offer")).toBeUndefined();
    await publishHeldPost(two, moderator, { postId: held.postId });
    expect(await listed(reader, "Our offer")).toMatchObject({ status: "New", meta: expect.stringMatching(/^Customer · .* · 1 post · by /) });
    await one.destroy();
    await two.destroy();
  });
});
