// The pitch detector on the way in: held posts are kept for their author and the moderators only.
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { listHeldPosts } from "../../app/moderation/moderation.server";
import { headerCounts } from "../../app/forum/notifications.server";
import { DEFAULT_PITCH_THRESHOLD } from "../../app/moderation/pitch";
import { createThread, editPost, replyToThread } from "../../app/forum/posts.server";
import { screenPost } from "../../app/moderation/screening.server";
import { searchPosts } from "../../app/forum/search.server";
import { getFrameworkGrid, getThreadPage, listLatestThreads, openThread } from "../../app/forum/threads.server";
import { createTestDb } from "../helpers/db";
import { makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const PITCH = "Great question! Our **ZephyrMetrics** platform solves exactly this. Book a free demo at https://calendly.com/zephyr/intro and mention the council for 20% off.";
const HONEST = "We asked three vendors for ROI figures on social care. Two only had vanity metrics; the third tied care to churn cohorts, and our CFO accepted that. Which vendors have given you numbers your finance team trusted?";

describe("screenPost", () => {
  it("holds a pitch with the signals that fired, each with a human label and the words that triggered it", () => {
    const s = screenPost(PITCH, DEFAULT_PITCH_THRESHOLD);
    expect(s.held).toBe(true);
    expect(s.reasons.map((r) => r.signal)).toEqual(expect.arrayContaining(["scheduling_link", "offer"]));
    for (const r of s.reasons) {
      expect(r.label.length).toBeGreaterThan(10);
      expect(PITCH.toLowerCase()).toContain(r.excerpt.toLowerCase());
    }
  });

  it("publishes an honest post about vendors and ROI, with no reasons", () => {
    expect(screenPost(HONEST, DEFAULT_PITCH_THRESHOLD)).toMatchObject({ held: false, reasons: [] });
  });

  it("uses the threshold it is given", () => {
    const score = screenPost(PITCH, DEFAULT_PITCH_THRESHOLD).score;
    expect(screenPost(PITCH, score + 0.1).held).toBe(false);
    expect(screenPost(PITCH, score).held).toBe(true);
  });
});

describe("a pitch reply", () => {
  it("is held with its reasons, seen by its author and the moderators, and by no one else", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const pitcher = await makeMember(db, { memberType: "consultant" });
    const t = await makeThread(db, author, { title: "Attributing revenue to care" });
    await openThread(db, reader, t.id); // the reader is up to date
    await db.insertInto("follows").values({ person_id: author.id, thread_id: t.id, lifecycle_area: null, created_at: new Date().toISOString() }).execute();
    const before = await db.selectFrom("threads").select(["post_count", "last_post_at"]).where("id", "=", t.id).executeTakeFirstOrThrow();

    const r = await replyToThread(db, pitcher, { threadId: t.id, body: PITCH });
    expect(r.held).toBe(true);

    const stored = await db.selectFrom("posts").select(["status", "hold_reasons"]).where("id", "=", r.postId).executeTakeFirstOrThrow();
    expect(stored.status).toBe("held");
    const reasons = JSON.parse(stored.hold_reasons!) as { signal: string; label: string; excerpt: string }[];
    expect(reasons.map((x) => x.signal)).toContain("scheduling_link");
    expect(Object.keys(reasons[0]!).sort()).toEqual(["excerpt", "label", "signal"]);

    // Its author sees it, held, with the reasons.
    const own = (await getThreadPage(db, pitcher, t.id)).posts.find((p) => p.id === r.postId)!;
    expect(own.status).toBe("held");
    expect(own.hold_reasons?.map((x) => x.label)).toEqual(reasons.map((x) => x.label));
    // Moderators find it in the review queue.
    expect((await listHeldPosts(db, moderator)).map((p) => p.id)).toEqual([r.postId]);
    // Others: not in the thread, not in search, no notification, nothing unread, counters unchanged.
    expect((await getThreadPage(db, reader, t.id)).posts.map((p) => p.number)).toEqual([1]);
    expect((await searchPosts(db, reader, "ZephyrMetrics")).results).toEqual([]);
    expect((await searchPosts(db, author, "calendly")).results).toEqual([]);
    expect((await headerCounts(db, author.id)).unreadNotifications).toBe(0);
    const listed = (await listLatestThreads(db, reader)).find((x) => x.id === t.id)!;
    expect(listed.unreadCount).toBe(0);
    expect((await listLatestThreads(db, reader, { unreadOnly: true })).map((x) => x.id)).not.toContain(t.id);
    const after = await db.selectFrom("threads").select(["post_count", "last_post_at"]).where("id", "=", t.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("an honest reply about vendors and ROI is published for everyone and found by search", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const replier = await makeMember(db, { memberType: "consultant" });
    const t = await makeThread(db, author);
    await db.insertInto("follows").values({ person_id: author.id, thread_id: t.id, lifecycle_area: null, created_at: new Date().toISOString() }).execute();
    const r = await replyToThread(db, replier, { threadId: t.id, body: HONEST });
    expect(r.held).toBe(false);
    expect((await getThreadPage(db, reader, t.id)).posts.map((p) => [p.number, p.status])).toEqual([[1, "published"], [2, "published"]]);
    expect((await searchPosts(db, reader, "vanity metrics")).results.map((x) => x.postId)).toEqual([r.postId]);
    expect((await headerCounts(db, author.id)).unreadNotifications).toBe(1);
  });
});

describe("a pitch thread or edit", () => {
  it("a new thread that pitches is held: out of the grid counts and lists of others", async () => {
    const pitcher = await makeMember(db, { memberType: "consultant" });
    const reader = await makeMember(db);
    const r = await createThread(db, pitcher, { title: "Attribution made easy", body: PITCH, lifecycleArea: "product", discipline: "execution" });
    expect(r.held).toBe(true);
    expect((await db.selectFrom("threads").select("status").where("id", "=", r.threadId).executeTakeFirstOrThrow()).status).toBe("held");
    expect((await getFrameworkGrid(db, reader))["product:execution"]).toBeUndefined();
    expect((await listLatestThreads(db, reader)).map((x) => x.id)).not.toContain(r.threadId);
    expect((await getThreadPage(db, pitcher, r.threadId)).posts[0]!.hold_reasons?.length).toBeGreaterThan(0);
  });

  it("an edit that turns a published reply into a pitch holds it and takes it out of search", async () => {
    const author = await makeMember(db);
    const reader = await makeMember(db);
    const t = await makeThread(db, author);
    const r = await replyToThread(db, author, { threadId: t.id, body: "Our churn cohorts took a quarter to build." });
    expect((await searchPosts(db, reader, "cohorts")).results).toHaveLength(1);
    const e = await editPost(db, author, { postId: r.postId, body: PITCH });
    expect(e.held).toBe(true);
    expect((await searchPosts(db, reader, "cohorts")).results).toEqual([]);
    expect((await searchPosts(db, reader, "ZephyrMetrics")).results).toEqual([]);
    expect((await getThreadPage(db, reader, t.id)).posts.map((p) => p.number)).toEqual([1]);
  });
});
