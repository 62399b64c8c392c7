import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden, Invalid, NotFound } from "../../app/platform/errors";
import { MAX_POST_LENGTH } from "../../app/forum/markdown.server";
import {
  createThread, deletePost, editPost, getPostForEdit, getPostHistory, locatePost, previewPost, replyToThread,
} from "../../app/forum/posts.server";
import { getThreadPage, openThread, POSTS_PER_PAGE } from "../../app/forum/threads.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const input = (o: Partial<Parameters<typeof createThread>[2]> = {}) => ({
  title: "Measuring advocacy", body: "How do you **measure** it?", lifecycleArea: "employee", discipline: "measurement", ...o,
});

describe("starting a thread", () => {
  it("stores the thread and its opening post, rendered once and sanitized", async () => {
    const author = await makeMember(db);
    const r = await createThread(db, author, input({ body: "Hi <script>alert(1)</script> **there**", maturityStage: "scaling" }));
    expect(r).toMatchObject({ number: 1, held: false });
    const thread = await db.selectFrom("threads").selectAll().where("id", "=", r.threadId).executeTakeFirstOrThrow();
    expect(thread).toMatchObject({ title: "Measuring advocacy", post_count: 1, maturity_stage: "scaling", status: "published", chapter_id: null });
    const post = await db.selectFrom("posts").selectAll().where("id", "=", r.postId).executeTakeFirstOrThrow();
    expect(post.body_html).toContain("<strong>there</strong>");
    expect(post.body_html).not.toContain("script");
    // The author follows the thread and has read it.
    expect(await db.selectFrom("follows").selectAll().where("person_id", "=", author.id).execute()).toHaveLength(1);
    expect(await db.selectFrom("thread_reads").selectAll().executeTakeFirst()).toMatchObject({ person_id: author.id, last_read_post_number: 1 });
  });

  it.each([
    [{ title: "  " }, "title"],
    [{ body: "" }, "body"],
    [{ body: "x".repeat(MAX_POST_LENGTH + 1) }, "body"],
    [{ lifecycleArea: "marketing" }, "lifecycleArea"],
    [{ discipline: "nope" }, "discipline"],
    [{ maturityStage: "legendary" }, "maturityStage"],
  ])("refuses invalid input %o with a field error", async (override, field) => {
    const author = await makeMember(db);
    const error = await createThread(db, author, input(override)).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(Object.keys(error.fieldErrors)).toContain(field);
    expect(await db.selectFrom("threads").selectAll().execute()).toHaveLength(0);
  });

  it("allows a chapter only to its members", async () => {
    const chapter = await makeChapter(db);
    const inside = await makeMember(db, { chapterId: chapter.id });
    const outside = await makeMember(db);
    const error = await createThread(db, outside, input({ chapterId: chapter.id })).catch((e) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect(error.fieldErrors.chapterId).toBeTruthy();
    const r = await createThread(db, inside, input({ chapterId: chapter.id }));
    // Chapter threads stay in the chapter.
    await expect(getThreadPage(db, outside, r.threadId)).rejects.toBeInstanceOf(NotFound);
    await expect(replyToThread(db, outside, { threadId: r.threadId, body: "Let me in" })).rejects.toBeInstanceOf(NotFound);
    expect((await getThreadPage(db, inside, r.threadId)).posts).toHaveLength(1);
  });

  it("revoked members can do nothing", async () => {
    const revoked = await makeMember(db, { status: "revoked" });
    await expect(createThread(db, revoked, input())).rejects.toBeInstanceOf(Forbidden);
    const author = await makeMember(db);
    const t = await makeThread(db, author);
    await expect(replyToThread(db, revoked, { threadId: t.id, body: "hello" })).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("replying", () => {
  it("numbers replies in order and updates the thread's counters in the same write", async () => {
    const author = await makeMember(db);
    const other = await makeMember(db);
    const t = await makeThread(db, author);
    const before = await db.selectFrom("threads").select("last_post_at").where("id", "=", t.id).executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 5));
    const r1 = await replyToThread(db, other, { threadId: t.id, body: "We ran the same pilot last spring; the numbering of replies matters for our archive." });
    const r2 = await replyToThread(db, author, { threadId: t.id, body: "Good to hear, thanks for the detail." });
    expect([r1.number, r2.number]).toEqual([2, 3]);
    const after = await db.selectFrom("threads").selectAll().where("id", "=", t.id).executeTakeFirstOrThrow();
    expect(after.post_count).toBe(3);
    expect(after.last_post_at > before.last_post_at).toBe(true);
  });

  it("numbers after a held post too (numbers are never reused)", async () => {
    const author = await makeMember(db);
    const t = await makeThread(db, author);
    await db.insertInto("posts").values({ thread_id: t.id, author_id: author.id, number: 2, body_markdown: "held", body_html: "<p>held</p>", status: "held", created_at: new Date().toISOString() }).execute();
    expect((await replyToThread(db, author, { threadId: t.id, body: "next" })).number).toBe(3);
  });

  it("paginates by post number, 30 a page, and locates a post's page", async () => {
    const author = await makeMember(db);
    const t = await makeThread(db, author, { replies: POSTS_PER_PAGE + 4 });
    const page2 = await getThreadPage(db, author, t.id, 2);
    expect(page2.posts.map((p) => p.number)).toEqual([31, 32, 33, 34, 35]);
    expect(page2.pageCount).toBe(2);
    const post33 = page2.posts.find((p) => p.number === 33)!;
    expect(await locatePost(db, author, post33.id)).toEqual({ threadId: t.id, number: 33, page: 2 });
  });

  it("shows a held post only to its author", async () => {
    const author = await makeMember(db);
    const other = await makeMember(db);
    const t = await makeThread(db, author);
    await db.insertInto("posts").values({ thread_id: t.id, author_id: other.id, number: 2, body_markdown: "Buy now", body_html: "<p>Buy now</p>", status: "held", hold_reasons: JSON.stringify([{ signal: "offer", label: "An offer", excerpt: "Buy now" }]), created_at: new Date().toISOString() }).execute();
    expect((await getThreadPage(db, author, t.id)).posts.map((p) => p.number)).toEqual([1]);
    const own = await getThreadPage(db, other, t.id);
    expect(own.posts.map((p) => p.status)).toEqual(["published", "held"]);
    expect(own.posts[1].hold_reasons?.[0].label).toBe("An offer");
    const heldId = own.posts[1].id;
    await expect(locatePost(db, author, heldId)).rejects.toBeInstanceOf(NotFound);
  });

  it("pre-fills a quote of another post", async () => {
    const author = await makeMember(db, { name: "Alice Quinn" });
    const t = await makeThread(db, author, { body: "Deflection savings first." });
    const first = (await getThreadPage(db, author, t.id)).posts[0];
    const view = await openThread(db, author, t.id, { quotePostId: first.id });
    expect(view).toMatchObject({ redirect: null, quote: "> **Alice Quinn wrote:**\n> Deflection savings first.\n\n" });
  });

  it("previews without saving", async () => {
    expect(previewPost("*hello*")).toBe("<p><em>hello</em></p>");
    expect(() => previewPost("   ")).toThrow(Invalid);
    expect(await db.selectFrom("posts").selectAll().execute()).toHaveLength(0);
  });
});

describe("editing and deleting", () => {
  it("only the author edits; each edit keeps the previous version in the history members can read", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author, { body: "Version one" });
    const post = (await getThreadPage(db, author, t.id)).posts[0];
    await expect(editPost(db, reader, { postId: post.id, body: "Hijacked" })).rejects.toBeInstanceOf(Forbidden);
    await editPost(db, author, { postId: post.id, body: "Version two" });
    await editPost(db, author, { postId: post.id, body: "Version **three**" });
    const unchanged = await editPost(db, author, { postId: post.id, body: "Version **three**" });
    expect(unchanged.changed).toBe(false);
    const history = await getPostHistory(db, reader, post.id);
    expect(history.versions.map((v) => v.body_html)).toEqual(["<p>Version <strong>three</strong></p>", "<p>Version two</p>", "<p>Version one</p>"]);
    expect(history.versions[0].current).toBe(true);
    const stored = await db.selectFrom("posts").selectAll().where("id", "=", post.id).executeTakeFirstOrThrow();
    expect(stored.edited_at).not.toBeNull();
  });

  it("an edit is validated like a new post", async () => {
    const author = await makeMember(db);
    const t = await makeThread(db, author);
    const post = (await getThreadPage(db, author, t.id)).posts[0];
    await expect(editPost(db, author, { postId: post.id, body: "x".repeat(MAX_POST_LENGTH + 1) })).rejects.toBeInstanceOf(Invalid);
    expect(await db.selectFrom("post_revisions").selectAll().execute()).toHaveLength(0);
  });

  it("only the author deletes; a tombstone keeps its place and the thread still reads", async () => {
    const author = await makeMember(db);
    const other = await makeMember(db);
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const t = await makeThread(db, author, { replies: 2 });
    const second = (await getThreadPage(db, author, t.id)).posts[1];
    await expect(deletePost(db, other, { postId: second.id })).rejects.toBeInstanceOf(Forbidden);
    await expect(deletePost(db, moderator, { postId: second.id })).rejects.toBeInstanceOf(Forbidden);
    await deletePost(db, author, { postId: second.id });
    const page = await getThreadPage(db, other, t.id);
    expect(page.posts.map((p) => [p.number, p.status])).toEqual([[1, "published"], [2, "deleted"], [3, "published"]]);
    expect(page.posts[1].body_html).toBe("");
    expect((await getPostHistory(db, other, second.id)).versions).toEqual([]);
    await expect(editPost(db, author, { postId: second.id, body: "Back" })).rejects.toBeInstanceOf(Conflict);
    await expect(getPostForEdit(db, author, second.id)).rejects.toBeInstanceOf(Conflict);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "post.deleted_by_author").execute();
    expect(audit).toHaveLength(1);
  });
});
