// Posting and flagging limits: the same numbers for everyone, stricter in a member's first week, with a clear time to try again.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { TooManyRequests } from "../../app/platform/errors";
import { flagPost } from "../../app/moderation/moderation.server";
import { createThread, replyToThread } from "../../app/forum/posts.server";
import { createTestDb } from "../helpers/db";
import { makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const reply = (n: number) => `Reply ${n}: in our program the measurement cadence moved from monthly to quarterly, and it helped.`;

describe("posting limits", () => {
  it("stops a first-week member at 5 posts an hour and says when they can post again", async () => {
    const author = await makeMember(db);
    const thread = await makeThread(db, author);
    const newcomer = await makeMember(db, { joinedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    for (let n = 1; n <= 5; n++) await replyToThread(db, newcomer, { threadId: thread.id, body: reply(n) });
    const refused = replyToThread(db, newcomer, { threadId: thread.id, body: reply(6) });
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    await expect(refused).rejects.toThrow(/post again/);
    const count = await db.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).where("author_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it("lets an established member post more than a newcomer in the same hour", async () => {
    const author = await makeMember(db);
    const thread = await makeThread(db, author);
    const established = await makeMember(db, { joinedAt: new Date(Date.now() - 90 * 86_400_000).toISOString() });
    for (let n = 1; n <= 6; n++) await replyToThread(db, established, { threadId: thread.id, body: reply(n) });
    const count = await db.selectFrom("posts").select((eb) => eb.fn.countAll<number>().as("n")).where("author_id", "=", established.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
  });

  it("limits new threads to 3 a day in the first week", async () => {
    const newcomer = await makeMember(db, { joinedAt: new Date().toISOString() });
    const input = (n: number) => ({ title: `Question ${n} on listening`, body: reply(n), lifecycleArea: "customer", discipline: "strategy", maturityStage: null, chapterId: null });
    for (let n = 1; n <= 3; n++) await createThread(db, newcomer, input(n));
    await expect(createThread(db, newcomer, input(4))).rejects.toThrow(/start another thread/);
  });

  it("limits a first-week member to 5 flags a day, with the time to flag again", async () => {
    const newcomer = await makeMember(db, { joinedAt: new Date().toISOString() });
    const posts = [];
    for (let n = 1; n <= 6; n++) {
      const author = await makeMember(db);
      posts.push((await replyToThread(db, author, { threadId: (await makeThread(db, author)).id, body: reply(n) })).postId);
    }
    for (const postId of posts.slice(0, 5)) await flagPost(db, newcomer, { postId, reason: "off_topic", note: null });
    await expect(flagPost(db, newcomer, { postId: posts[5], reason: "off_topic", note: null })).rejects.toThrow(/flag another post after/);
    const flags = await db.selectFrom("flags").select((eb) => eb.fn.countAll<number>().as("n")).where("person_id", "=", newcomer.id).executeTakeFirstOrThrow();
    expect(Number(flags.n)).toBe(5);
  });
});
