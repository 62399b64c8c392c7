import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Invalid } from "../../app/platform/errors";
import type { Actor } from "../../app/accounts/permissions";
import { rankedCandidates, SEARCH_PAGE_SIZE, searchFts, searchPosts, searchRankingStats } from "../../app/forum/search.server";
import { searchIndex } from "../../app/forum/search-index.server";
import { parseSearchQuery } from "../../app/forum/search-query";
import { deletePost, editPost, replyToThread } from "../../app/forum/posts.server";
import { applyPostStatus } from "../../app/forum/post-status.server";
import { makeChapter, makeMember, makeThread } from "../factories";
import { createTestDb, createTestDbTwice, testEngine } from "../helpers/db";

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

// Issue 19: a search right after a change brings its cached ranking up to date from the change log (search_changes)
// instead of ranking every match again. Each test checks both that it did (searchRankingStats: "merged", not "ranked")
// and that the result is what a fresh ranking by a second connection (another server process, its own empty cache) gives.
describe("searchPosts: cached rankings brought up to date after a change", () => {
  let other: Db; // a second server process (WORKERS=2): same database, its own cache
  beforeEach(async () => {
    [db, other] = await createTestDbTwice();
    reader = await makeMember(db, { name: "Rita Reader" });
    author = await makeMember(db, { name: "Arjun Author" });
  });

  // Six words each, so bm25's length normalisation is the same for all; more hits rank higher.
  const body = (hits: number, tag: string) => [...Array<string>(hits).fill("beacon"), ...Array<string>(6 - hits).fill(tag)].join(" ");
  const search = async (on: Db, q = "beacon") => ids(await searchPosts(on, reader, q));
  /** What the other process, which has not searched before (an empty cache), ranks from scratch. */
  const freshRanking = async (q = "beacon") => {
    const before = searchRankingStats(other);
    const found = ids(await searchPosts(other, reader, q));
    expect(delta(before, other)).toEqual({ merged: 0, ranked: 1 });
    return found;
  };
  const delta = (before: ReturnType<typeof searchRankingStats>, on = db) => {
    const now = searchRankingStats(on);
    return { merged: now.merged - before.merged, ranked: now.ranked - before.ranked };
  };

  it("a new matching post appears in the next search at its place, without ranking again", async () => {
    const t = await makeThread(db, author, { body: body(1, "one") });
    await replyToThread(db, author, { threadId: t.id, body: body(3, "three") });
    const [weak, strong] = [await firstPost(t.id, 1), await firstPost(t.id, 2)];
    expect(await search(db)).toEqual([strong, weak]);
    const before = searchRankingStats(db);
    const middle = (await replyToThread(db, author, { threadId: t.id, body: body(2, "two") })).postId;
    expect(await search(db)).toEqual([strong, middle, weak]);
    expect(delta(before)).toEqual({ merged: 1, ranked: 0 });
    const top = (await replyToThread(db, author, { threadId: t.id, body: body(5, "five") })).postId;
    await replyToThread(db, author, { threadId: t.id, body: "a reply about something else entirely" });
    expect(await search(db)).toEqual([top, strong, middle, weak]);
    expect(delta(before)).toEqual({ merged: 2, ranked: 0 });
    expect(await search(other)).toEqual([top, strong, middle, weak]);
  });

  it("an edited post that no longer matches disappears; one that now matches enters at its place", async () => {
    const t = await makeThread(db, author, { body: body(1, "one") });
    const two = (await replyToThread(db, author, { threadId: t.id, body: body(2, "two") })).postId;
    const three = (await replyToThread(db, author, { threadId: t.id, body: body(3, "three") })).postId;
    const elsewhere = (await replyToThread(db, author, { threadId: t.id, body: "nothing to find here at all" })).postId;
    const one = await firstPost(t.id);
    expect(await search(db)).toEqual([three, two, one]);
    const before = searchRankingStats(db);
    await editPost(db, author, { postId: three, body: "the words changed completely here" });
    expect(await search(db)).toEqual([two, one]);
    await editPost(db, author, { postId: elsewhere, body: body(4, "four") });
    await editPost(db, author, { postId: one, body: body(5, "five") }); // moves from last to first
    expect(await search(db)).toEqual([one, elsewhere, two]);
    expect(delta(before)).toEqual({ merged: 2, ranked: 0 });
    expect(await freshRanking()).toEqual([one, elsewhere, two]);
  });

  it("a deleted, held or hidden post never appears, and is back at its place when published again", async () => {
    const t = await makeThread(db, author, { body: body(1, "one") });
    const replies: number[] = [];
    for (let hits = 2; hits <= 5; hits++) replies.push((await replyToThread(db, author, { threadId: t.id, body: body(hits, `n${hits}`) })).postId);
    const [two, three, four, five] = replies as [number, number, number, number];
    const one = await firstPost(t.id);
    expect(await search(db)).toEqual([five, four, three, two, one]);
    const before = searchRankingStats(db);
    const ref = async (id: number) => db.selectFrom("posts").select(["id", "thread_id", "number", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
    await deletePost(db, author, { postId: five });
    expect(await search(db)).toEqual([four, three, two, one]);
    await applyPostStatus(db, await ref(four), "held");
    await applyPostStatus(db, await ref(two), "hidden");
    expect(await search(db)).toEqual([three, one]);
    expect(await search(other)).toEqual([three, one]);
    await applyPostStatus(db, await ref(four), "published");
    expect(await search(db)).toEqual([four, three, one]);
    expect(delta(before)).toEqual({ merged: 3, ranked: 0 });
  });

  it("another server process sees a new post at its place, bringing its own cached ranking up to date", async () => {
    const t = await makeThread(db, author, { body: body(1, "one") });
    const three = (await replyToThread(db, author, { threadId: t.id, body: body(3, "three") })).postId;
    const one = await firstPost(t.id);
    expect(await search(db)).toEqual([three, one]);
    expect(await search(other)).toEqual([three, one]);
    const before = searchRankingStats(other);
    const two = (await replyToThread(db, author, { threadId: t.id, body: body(2, "two") })).postId; // written by the first process
    expect(await search(other)).toEqual([three, two, one]);
    expect(delta(before, other)).toEqual({ merged: 1, ranked: 0 });
  });

  it("a retitled thread's opening post is re-scored: found by the new title only", async () => {
    const t = await makeThread(db, author, { title: "Lighthouse keepers", body: "the opening words" });
    const harbour = await makeThread(db, author, { title: "Harbour", body: "a lighthouse in the body only" });
    expect((await searchPosts(db, reader, "lighthouse")).results.map((r) => r.threadId)).toEqual([t.id, harbour.id]);
    const before = searchRankingStats(db);
    await db.updateTable("threads").set({ title: "Harbour pilots" }).where("id", "=", t.id).execute();
    expect((await searchPosts(db, reader, "lighthouse")).results.map((r) => r.threadId)).toEqual([harbour.id]);
    await db.updateTable("threads").set({ title: "Lighthouse again" }).where("id", "=", t.id).execute();
    expect((await searchPosts(db, reader, "lighthouse")).results.map((r) => r.threadId)).toEqual([t.id, harbour.id]);
    expect(delta(before)).toEqual({ merged: 2, ranked: 0 });
  });

  it("beyond the cached window: a strong new post enters at the top, and the results stay those of a fresh ranking", async () => {
    // 600 matches: more than a ranking keeps (500), so it is not complete and is known down to its last entry only.
    const t = await makeThread(db, author, { body: body(2, "two"), replies: 599 });
    const page1 = await search(db);
    expect(page1).toHaveLength(SEARCH_PAGE_SIZE);
    const before = searchRankingStats(db);
    const weak = (await replyToThread(db, author, { threadId: t.id, body: body(1, "one") })).postId;
    const strong = (await replyToThread(db, author, { threadId: t.id, body: body(4, "four") })).postId;
    const merged = await search(db);
    expect(merged[0]).toBe(strong);
    expect(merged).not.toContain(weak);
    expect(merged).toEqual(await freshRanking());
    expect(delta(before)).toEqual({ merged: 1, ranked: 0 });
    // The whole merged candidate list (501 ids: the strong one, then the 500 it had) is the start of a fresh complete
    // ranking: the weak one, below the list's last entry, stayed out (100 unchanged posts rank between them).
    const fts = searchIndex(db).queryText(parseSearchQuery("beacon"))!;
    const list = await rankedCandidates(db, fts, 400);
    const all = await rankedCandidates(other, fts, 1000);
    expect(all.complete).toBe(true);
    expect(list.ids).toHaveLength(501);
    expect(list.ids).toEqual(all.ids.slice(0, list.ids.length));
    // The weak one is found where a fresh ranking would put it: filters that exclude the window fall back to SQL.
    const mine = await searchPosts(db, reader, "beacon", { from: "2000-01-01", author: "Arjun" }, 31);
    const fresh = await searchPosts(other, reader, "beacon", { from: "2000-01-01", author: "Arjun" }, 31);
    expect(ids(mine)).toEqual(ids(fresh));
    expect(ids(mine)).toContain(weak);
  });

  it("ranks from scratch when the log does not cover every change (an index rebuild), or after many changes", async () => {
    const t = await makeThread(db, author, { body: body(1, "one") });
    const one = await firstPost(t.id);
    expect(await search(db)).toEqual([one]);
    let before = searchRankingStats(db);
    await sql`UPDATE search_meta SET version = version + 1 WHERE id = 1`.execute(db); // as rebuildSearchIndex does: nothing logged
    const two = (await replyToThread(db, author, { threadId: t.id, body: body(2, "two") })).postId;
    expect(await search(db)).toEqual([two, one]);
    expect(delta(before)).toEqual({ merged: 0, ranked: 1 });
    // A small council's ranking absorbs at most 50 changes: bm25's statistics move with each.
    before = searchRankingStats(db);
    const filler = await makeThread(db, author, { body: "filler", replies: 50 });
    await db.updateTable("posts").set({ body_markdown: "still filler" }).where("thread_id", "=", filler.id).execute(); // 51 changes
    expect(await search(db)).toEqual([two, one]);
    expect(delta(before)).toEqual({ merged: 0, ranked: 1 });
  });

  it("re-scoring a few posts gives the scores a full ranking gives them (titles, several words, phrases, prefixes)", async () => {
    await makeThread(db, author, { title: "Beacon budgets", body: "beacon lights and budget reviews for the beacon team", replies: 2 });
    await makeThread(db, author, { title: "Harbour", body: "a budgeting beacon", replies: 1 });
    await makeThread(db, author, { title: "Lights", body: "many many words about lights and harbours and the sea, and one beacon budget line, then more words" });
    // Long posts, and over 16,384 tokens in all: the sizes FTS5 stores take two and three bytes.
    await makeThread(db, author, { title: "Long", body: `${"word ".repeat(150)} beacon budget ${"more ".repeat(50)}`, replies: 90 });
    for (const q of ["beacon", "beacon budget", "budget*", '"beacon lights" budget', "beacon harbour"]) {
      const fts = searchIndex(db).queryText(parseSearchQuery(q))!;
      const full = await searchIndex(db).ranked(db, fts, 100);
      expect(full.length).toBeGreaterThan(0);
      const few = await searchIndex(db).scores(db, fts, [...full.map((r) => r.id), 999_999], {});
      const byId = new Map(few.map((r) => [r.id, r.score]));
      expect(few).toHaveLength(full.length);
      for (const r of full) expect(byId.get(r.id)).toBeCloseTo(r.score, 9);
    }
  });

  it("excerpts for one post read that post only (FTS5 reads every match for a single rowid: 0.5 s on a million posts)", async () => {
    const t = await makeThread(db, author, { body: "one beacon among others", replies: 3 });
    const fts = searchIndex(db).queryText(parseSearchQuery("beacon"))!;
    const snippets = await searchIndex(db).snippets(db, fts, [await firstPost(t.id, 2)]);
    expect([...snippets.keys()]).toEqual([await firstPost(t.id, 2)]);
  });

  it("the change log holds one row per index change, the last 1000 only", async () => {
    const t = await makeThread(db, author, { body: "counted", replies: 1099 });
    const { version } = (await sql<{ version: number }>`SELECT version FROM search_meta WHERE id = 1`.execute(db)).rows[0]!;
    const log = await db.selectFrom("search_changes").select(["version", "post_id"]).orderBy("version").execute();
    expect(log).toHaveLength(1000);
    expect(Number(log[0]!.version)).toBe(Number(version) - 999);
    expect(Number(log.at(-1)!.version)).toBe(Number(version));
    const last = await db.selectFrom("posts").select((eb) => eb.fn.max("id").as("id")).where("thread_id", "=", t.id).executeTakeFirstOrThrow();
    expect(Number(log.at(-1)!.post_id)).toBe(Number(last.id));
    // Rows at or past the version (a reset search_meta, a copied log) never block a write: the write replaces them.
    await sql`UPDATE search_meta SET version = 5 WHERE id = 1`.execute(db);
    const reply = await replyToThread(db, author, { threadId: t.id, body: "one zeppelin reply" });
    expect((await db.selectFrom("search_changes").select(["version", "post_id"]).where("version", ">=", 6).execute()).map((r) => [Number(r.version), Number(r.post_id)]))
      .toEqual([[6, reply.postId]]);
    expect(ids(await searchPosts(db, reader, "zeppelin"))).toEqual([reply.postId]);
  });
});
