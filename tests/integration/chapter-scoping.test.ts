// Chapter scoping, enforced on the server: chapter threads are for the chapter's members, and a
// chapter president moderates their own chapter's held posts and nothing else.
import { beforeEach, describe, expect, it } from "vitest";
import { appointPresident, joinChapter } from "../../app/governance/chapters.server";
import type { Db } from "../../app/platform/db.server";
import { Forbidden, NotFound } from "../../app/platform/errors";
import { listHeldPosts } from "../../app/moderation/moderation.server";
import { can, type Actor } from "../../app/accounts/permissions";
import { loadActor } from "../../app/accounts/session.server";
import { getFrameworkGrid, getThreadPage, listLatestThreads } from "../../app/forum/threads.server";
import { makeChapter, makeMember, makeThread } from "../factories";
import { createTestDb } from "../helpers/db";

let db: Db;
let ny: { id: number };
let london: { id: number };
beforeEach(async () => {
  db = await createTestDb();
  ny = await makeChapter(db, "New York");
  london = await makeChapter(db, "London");
});

const reload = async (actor: Actor) => (await loadActor(db, actor.id))!;

/** A held reply by `author` in a new thread of `chapterId` (null: council-wide). */
async function heldPostIn(chapterId: number | null, author: Actor) {
  const thread = await makeThread(db, author, { chapterId, title: `Thread in ${chapterId ?? "council"}` });
  const post = await db.insertInto("posts").values({
    thread_id: thread.id, author_id: author.id, number: 2, body_markdown: "Book a demo of our tool", body_html: "<p>Book a demo of our tool</p>",
    status: "held", hold_reasons: JSON.stringify([{ signal: "call_to_action", excerpt: "Book a demo" }]), created_at: new Date().toISOString(),
  }).returning("id").executeTakeFirstOrThrow();
  return { threadId: thread.id, postId: post.id, chapterId, authorId: author.id };
}

describe("chapter threads", () => {
  it("are invisible to non-members: getThreadPage throws NotFound and the lists leave them out", async () => {
    const author = await makeMember(db, { chapterId: ny.id });
    const nyMember = await makeMember(db, { chapterId: ny.id });
    const londoner = await makeMember(db, { chapterId: london.id });
    const noChapter = await makeMember(db);
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const chapterThread = await makeThread(db, author, { chapterId: ny.id, title: "New York agenda", lifecycleArea: "employee", discipline: "strategy" });
    const councilThread = await makeThread(db, author, { title: "Council-wide", lifecycleArea: "customer", discipline: "measurement" });

    expect((await getThreadPage(db, nyMember, chapterThread.id)).thread.title).toBe("New York agenda");
    expect((await listLatestThreads(db, nyMember)).map((t) => t.title).sort()).toEqual(["Council-wide", "New York agenda"]);
    expect((await getFrameworkGrid(db, nyMember))["employee:strategy"]?.threadCount).toBe(1);

    // Founders are members at large: a chapter's space is for the chapter's members.
    for (const outsider of [londoner, noChapter, founder]) {
      await expect(getThreadPage(db, outsider, chapterThread.id)).rejects.toBeInstanceOf(NotFound);
      expect((await listLatestThreads(db, outsider)).map((t) => t.title)).toEqual(["Council-wide"]);
      expect((await getFrameworkGrid(db, outsider))["employee:strategy"]).toBeUndefined();
      expect((await getThreadPage(db, outsider, councilThread.id)).thread.title).toBe("Council-wide");
    }
  });

  it("follow the member: joining shows them, leaving (by moving) hides them again", async () => {
    const author = await makeMember(db, { chapterId: ny.id });
    const thread = await makeThread(db, author, { chapterId: ny.id });
    let member = await makeMember(db);
    await expect(getThreadPage(db, member, thread.id)).rejects.toBeInstanceOf(NotFound);
    await joinChapter(db, member, ny.id);
    member = await reload(member);
    expect((await getThreadPage(db, member, thread.id)).thread.id).toBe(thread.id);
    await joinChapter(db, member, london.id);
    member = await reload(member);
    await expect(getThreadPage(db, member, thread.id)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("chapter president moderation", () => {
  it("sees and may act on only their own chapter's held posts", async () => {
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const author = await makeMember(db, { memberType: "consultant", chapterId: ny.id });
    const nyPost = await heldPostIn(ny.id, author);
    const londonPost = await heldPostIn(london.id, author);
    const councilPost = await heldPostIn(null, author);

    const held = await listHeldPosts(db, president);
    expect(held.map((p) => p.id)).toEqual([nyPost.postId]);
    expect(can(president, "moderate", { chapterId: nyPost.chapterId, authorId: nyPost.authorId })).toBe(true);
    expect(can(president, "moderate", { chapterId: londonPost.chapterId, authorId: londonPost.authorId })).toBe(false);
    expect(can(president, "moderate", { chapterId: councilPost.chapterId, authorId: councilPost.authorId })).toBe(false);
  });

  it("never includes their own held post", async () => {
    const president = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const own = await heldPostIn(ny.id, president);
    expect(await listHeldPosts(db, president)).toEqual([]);
    expect(can(president, "moderate", { chapterId: own.chapterId, authorId: own.authorId })).toBe(false);
  });

  it("moves with the appointment: the replaced president loses the queue, the new one gains it", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const first = await makeMember(db, { roles: ["member", "chapter_president"], chapterId: ny.id, presidentOf: ny.id });
    const second = await makeMember(db, { chapterId: ny.id });
    const author = await makeMember(db, { chapterId: ny.id });
    const post = await heldPostIn(ny.id, author);
    await expect(listHeldPosts(db, second)).rejects.toBeInstanceOf(Forbidden); // no review queue yet

    await appointPresident(db, founder, { chapterId: ny.id, personId: second.id });
    const [was, now] = [await reload(first), await reload(second)];
    await expect(listHeldPosts(db, was)).rejects.toBeInstanceOf(Forbidden);
    expect(can(was, "moderate", { chapterId: ny.id, authorId: author.id })).toBe(false);
    expect((await listHeldPosts(db, now)).map((p) => p.id)).toEqual([post.postId]);
    expect(can(now, "moderate", { chapterId: ny.id, authorId: author.id })).toBe(true);
  });

  it("leaves moderators and founders with every chapter's queue", async () => {
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const author = await makeMember(db);
    const posts = [await heldPostIn(ny.id, author), await heldPostIn(london.id, author), await heldPostIn(null, author)];
    expect((await listHeldPosts(db, moderator)).map((p) => p.id)).toEqual(posts.map((p) => p.postId));
    for (const p of posts) expect(can(moderator, "moderate", { chapterId: p.chapterId, authorId: p.authorId })).toBe(true);
  });
});
