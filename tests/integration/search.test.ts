import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Invalid } from "../../app/platform/errors";
import type { Actor } from "../../app/accounts/permissions";
import { SEARCH_PAGE_SIZE, searchFts, searchPosts } from "../../app/forum/search.server";
import { makeChapter, makeMember, makeThread } from "../factories";
import { createTestDb, testEngine } from "../helpers/db";

let db: Db;
let reader: Actor;
let author: Actor;

beforeEach(async () => {
  db = await createTestDb();
  reader = await makeMember(db, { name: "Rita Reader" });
  author = await makeMember(db, { name: "Arjun Author" });
});

const ids = (page: Awaited<ReturnType<typeof searchPosts>>) => page.results.map((r) => r.postId);
const firstPost = async (threadId: number, number = 1) =>
  (await db.selectFrom("posts").select("id").where("thread_id", "=", threadId).where("number", "=", number).executeTakeFirstOrThrow()).id;

describe("searchPosts: matching and ranking", () => {
  it("finds posts by body words, with stemming, and links to the post on its page", async () => {
    const t = await makeThread(db, author, { title: "Care desks", body: "We are measuring retention of customers." });
    const page = await searchPosts(db, reader, "measure retention");
    expect(page.results).toHaveLength(1);
    const [hit] = page.results;
    expect(hit).toMatchObject({ threadId: t.id, number: 1, href: `/threads/${t.id}?page=1#post-1`, authorName: "Arjun Author", threadTitle: "Care desks" });
    expect(hit!.snippetHtml).toContain("<mark>measuring</mark>");
    expect(hit!.snippetHtml).toContain("<mark>retention</mark>");
  });

  it("links a reply deep in a thread to the page it is on", async () => {
    const t = await makeThread(db, author, { body: "filler words only", replies: 64 });
    await db.updateTable("posts").set({ body_markdown: "the unique zebra reply" }).where("thread_id", "=", t.id).where("number", "=", 65).execute();
    const [hit] = (await searchPosts(db, reader, "zebra")).results;
    expect(hit!.href).toBe(`/threads/${t.id}?page=3#post-65`);
  });

  it("ranks a title match above a body match, and more hits above fewer", async () => {
    const bodyOnce = await makeThread(db, author, { title: "Quarterly planning", body: "Some thoughts on advocacy programs and other things to plan for the year ahead." });
    const bodyTwice = await makeThread(db, author, { title: "Budget talk", body: "Advocacy, advocacy and more advocacy: what advocacy budgets look like this year." });
    const title = await makeThread(db, author, { title: "Employee advocacy", body: "How do you start a program that people want to join?" });
    const page = await searchPosts(db, reader, "advocacy");
    expect(page.results.map((r) => r.threadId)).toEqual([title.id, bodyTwice.id, bodyOnce.id]);
    expect(page.results[0]!.titleHtml).toBe("Employee <mark>advocacy</mark>");
    expect(page.results[1]!.titleHtml).toBeNull();
  });

  it("requires every word, and supports phrases and prefixes", async () => {
    const a = await makeThread(db, author, { body: "social customer care at scale" });
    const b = await makeThread(db, author, { body: "customer care that is social" });
    expect((await searchPosts(db, reader, "customer social")).results.map((r) => r.threadId).sort()).toEqual([a.id, b.id].sort());
    expect((await searchPosts(db, reader, '"social customer"')).results.map((r) => r.threadId)).toEqual([a.id]);
    expect((await searchPosts(db, reader, "custom*")).results).toHaveLength(2);
    expect((await searchPosts(db, reader, "customer nonexistentword")).results).toHaveLength(0);
  });

  it("escapes what members wrote in snippets; only hits are marked up", async () => {
    await makeThread(db, author, { title: "<b>Title</b>", body: "<script>alert('roi')</script> roi & <img src=x onerror=alert(1)>" });
    const [hit] = (await searchPosts(db, reader, "roi")).results;
    expect(hit!.snippetHtml).not.toMatch(/<(?!\/?mark>)/);
    expect(hit!.snippetHtml).toContain("&lt;script&gt;");
    expect(hit!.snippetHtml).toContain("<mark>roi</mark>");
  });

  it("pages through results", async () => {
    for (let i = 0; i < SEARCH_PAGE_SIZE + 5; i++) await makeThread(db, author, { body: `pagination test number ${i}` });
    const one = await searchPosts(db, reader, "pagination");
    const two = await searchPosts(db, reader, "pagination", {}, 2);
    expect(one.results).toHaveLength(SEARCH_PAGE_SIZE);
    expect(one.hasNext).toBe(true);
    expect(two.results).toHaveLength(5);
    expect(two.hasNext).toBe(false);
    expect(new Set([...ids(one), ...ids(two)]).size).toBe(SEARCH_PAGE_SIZE + 5);
  });

  it("an empty or punctuation-only query searches nothing", async () => {
    await makeThread(db, author);
    for (const q of ["", "   ", "***", '""', "-:()"]) {
      expect(await searchPosts(db, reader, q)).toMatchObject({ results: [], searched: false });
    }
  });

  it.each(["NEAR(", 'NEAR("a" "b"', "title:roi", "{title}: roi", "roi*", "a OR", "AND", "NOT roi", "(((", "^", "\"unbalanced", "🎉", "東京", "x".repeat(1000)])(
    "hostile query %j never errors", async (q) => {
      await makeThread(db, author, { body: "roi title near and or not" });
      await expect(searchPosts(db, reader, q)).resolves.toBeTruthy();
    },
  );

  // Raw query texts the engine refuses (FTS5 on SQLite, to_tsquery on PostgreSQL); members' queries never get here raw.
  const malformed = testEngine === "postgres" ? ["NEAR(", "'roi", "nosuchcolumn: roi", "roi AND", "!"] : ['NEAR(', '"unbalanced', "nosuchcolumn: roi", "roi AND", "*"];
  it.each(malformed)("turns an engine's query syntax error (raw %j) into a friendly Invalid, never a crash", async (fts) => {
    await makeThread(db, author, { body: "roi" });
    const error = await searchFts(db, reader, fts, fts, {}, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).message).toMatch(/could not understand that search/);
  });
});

describe("searchPosts: filters", () => {
  it("filters by lifecycle area, discipline and maturity stage", async () => {
    const a = await makeThread(db, author, { body: "governance", lifecycleArea: "customer", discipline: "strategy", maturityStage: "scaling" });
    const b = await makeThread(db, author, { body: "governance", lifecycleArea: "employee", discipline: "strategy", maturityStage: "experimenting" });
    const c = await makeThread(db, author, { body: "governance", lifecycleArea: "employee", discipline: "execution", maturityStage: null });
    const threads = async (f: Parameters<typeof searchPosts>[3]) => (await searchPosts(db, reader, "governance", f)).results.map((r) => r.threadId).sort();
    expect(await threads({ lifecycleArea: "employee" })).toEqual([b.id, c.id].sort());
    expect(await threads({ discipline: "strategy" })).toEqual([a.id, b.id].sort());
    expect(await threads({ maturityStage: "scaling" })).toEqual([a.id]);
    expect(await threads({ lifecycleArea: "employee", discipline: "execution" })).toEqual([c.id]);
    expect(await threads({})).toHaveLength(3);
  });

  it("filters by author name or id", async () => {
    const other = await makeMember(db, { name: "Olga Other" });
    await makeThread(db, author, { body: "metrics" });
    const mine = await makeThread(db, other, { body: "metrics" });
    expect((await searchPosts(db, reader, "metrics", { author: "olga" })).results.map((r) => r.threadId)).toEqual([mine.id]);
    expect((await searchPosts(db, reader, "metrics", { authorId: other.id })).results.map((r) => r.threadId)).toEqual([mine.id]);
    expect((await searchPosts(db, reader, "metrics", { author: "nobody" })).results).toEqual([]);
  });

  it("filters by date range, inclusive, ignoring malformed dates", async () => {
    const old = await makeThread(db, author, { body: "attribution" });
    const recent = await makeThread(db, author, { body: "attribution" });
    await db.updateTable("posts").set({ created_at: "2026-01-15T10:00:00.000Z" }).where("thread_id", "=", old.id).execute();
    await db.updateTable("posts").set({ created_at: "2026-03-01T23:59:00.000Z" }).where("thread_id", "=", recent.id).execute();
    const threads = async (f: Parameters<typeof searchPosts>[3]) => (await searchPosts(db, reader, "attribution", f)).results.map((r) => r.threadId);
    expect(await threads({ from: "2026-02-01" })).toEqual([recent.id]);
    expect(await threads({ to: "2026-03-01" })).toHaveLength(2);
    expect(await threads({ to: "2026-02-28" })).toEqual([old.id]);
    expect(await threads({ from: "2026-01-15", to: "2026-01-15" })).toEqual([old.id]);
    expect(await threads({ from: "not-a-date", to: "2026-13-45" })).toHaveLength(2);
  });

  it("a filter that excludes the best-ranked matches still finds the rest (beyond the candidate window)", async () => {
    // 450 strong matches in one area, 1 weak match in another: the weak one is outside the first candidates.
    const t = await makeThread(db, author, { body: "onboarding onboarding onboarding", lifecycleArea: "customer", replies: 449 });
    const weak = await makeThread(db, author, { body: "a long post that mentions onboarding only once among many many other words here", lifecycleArea: "product" });
    expect(t.id).toBeTruthy();
    const page = await searchPosts(db, reader, "onboarding", { lifecycleArea: "product" });
    expect(page.results.map((r) => r.threadId)).toEqual([weak.id]);
  });
});

describe("searchPosts: visibility", () => {
  it("never returns held, hidden, removed or deleted posts", async () => {
    const t = await makeThread(db, author, { body: "visible sustainability", replies: 4 });
    const statuses = ["held", "hidden", "removed", "deleted"] as const;
    for (const [i, status] of statuses.entries()) {
      await db.updateTable("posts").set({ status, body_markdown: `secret sustainability ${status}` }).where("thread_id", "=", t.id).where("number", "=", i + 2).execute();
    }
    const page = await searchPosts(db, reader, "sustainability");
    expect(page.results.map((r) => r.number)).toEqual([1]);
    expect((await searchPosts(db, author, "secret")).results).toEqual([]); // not even the author's own held post
  });

  it("a post inserted as held is not indexed until it is published", async () => {
    const t = await makeThread(db, author, { body: "pitch pitch", status: "held" });
    expect((await searchPosts(db, reader, "pitch")).results).toEqual([]);
    await db.updateTable("threads").set({ status: "published" }).where("id", "=", t.id).execute();
    await db.updateTable("posts").set({ status: "published" }).where("thread_id", "=", t.id).execute();
    expect((await searchPosts(db, reader, "pitch")).results).toHaveLength(1);
  });

  it("hides posts of threads that are not published", async () => {
    const t = await makeThread(db, author, { body: "hidden thread words" });
    await db.updateTable("threads").set({ status: "hidden" }).where("id", "=", t.id).execute();
    expect((await searchPosts(db, reader, "hidden thread words")).results).toEqual([]);
  });

  it("keeps chapter threads inside the chapter", async () => {
    const chapter = await makeChapter(db, "Chicago");
    const inside = await makeMember(db, { chapterId: chapter.id });
    const president = await makeMember(db, { roles: ["member", "chapter_president"], presidentOf: chapter.id });
    const t = await makeThread(db, author, { body: "chapter dinner plans", chapterId: chapter.id });
    expect((await searchPosts(db, reader, "dinner")).results).toEqual([]);
    expect((await searchPosts(db, inside, "dinner")).results.map((r) => r.threadId)).toEqual([t.id]);
    expect((await searchPosts(db, president, "dinner")).results.map((r) => r.threadId)).toEqual([t.id]);
  });
});

describe("searchPosts: index consistency", () => {
  it("after an edit, the old words no longer match and the new ones do", async () => {
    const t = await makeThread(db, author, { body: "original wording about podcasts" });
    await db.updateTable("posts").set({ body_markdown: "revised wording about newsletters", edited_at: new Date().toISOString() })
      .where("id", "=", await firstPost(t.id)).execute();
    expect((await searchPosts(db, reader, "podcasts")).results).toEqual([]);
    expect((await searchPosts(db, reader, "newsletters")).results).toHaveLength(1);
  });

  it("a search repeated after a change sees the change (cached rankings are never stale)", async () => {
    const t = await makeThread(db, author, { body: "caching words" });
    expect((await searchPosts(db, reader, "caching")).results).toHaveLength(1);
    const second = await makeThread(db, author, { body: "more caching words" });
    expect((await searchPosts(db, reader, "caching")).results.map((r) => r.threadId).sort()).toEqual([t.id, second.id].sort());
    await db.updateTable("posts").set({ body_markdown: "nothing left" }).where("id", "=", await firstPost(t.id)).execute();
    expect((await searchPosts(db, reader, "caching")).results.map((r) => r.threadId)).toEqual([second.id]);
    await db.updateTable("posts").set({ status: "removed" }).where("id", "=", await firstPost(second.id)).execute();
    expect((await searchPosts(db, reader, "caching")).results).toEqual([]);
  });

  it("a retitled thread is found by its new title only", async () => {
    const t = await makeThread(db, author, { title: "Old headline", body: "body" });
    await db.updateTable("threads").set({ title: "Fresh headline" }).where("id", "=", t.id).execute();
    expect((await searchPosts(db, reader, "old headline")).results).toEqual([]);
    expect((await searchPosts(db, reader, "fresh")).results[0]!.titleHtml).toBe("<mark>Fresh</mark> headline");
  });

  it("a deleted post (tombstone) or a removed row leaves the index", async () => {
    const t = await makeThread(db, author, { body: "ephemeral", replies: 1 });
    await db.updateTable("posts").set({ status: "deleted" }).where("id", "=", await firstPost(t.id, 2)).execute();
    expect((await searchPosts(db, reader, "ephemeral")).results.map((r) => r.number)).toEqual([1]);
    await db.deleteFrom("posts").where("thread_id", "=", t.id).execute();
    expect((await searchPosts(db, reader, "ephemeral")).results).toEqual([]);
    const left = testEngine === "postgres"
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM posts_fts WHERE document @@ to_tsquery('english', 'ephemeral')`.execute(db)
      : await sql<{ n: number }>`SELECT count(*) AS n FROM posts_fts WHERE posts_fts MATCH 'ephemeral'`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it("a post restored to published is searchable again", async () => {
    const t = await makeThread(db, author, { body: "restorable" });
    const id = await firstPost(t.id);
    await db.updateTable("posts").set({ status: "hidden" }).where("id", "=", id).execute();
    expect((await searchPosts(db, reader, "restorable")).results).toEqual([]);
    await db.updateTable("posts").set({ status: "published" }).where("id", "=", id).execute();
    expect((await searchPosts(db, reader, "restorable")).results).toHaveLength(1);
  });
});
