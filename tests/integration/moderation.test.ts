import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import { Conflict, Forbidden, Invalid } from "../../app/platform/errors";
import {
  decideInQueue, dismissFlags, flagPost, getReviewQueue, listFlaggedPosts, listHeldPosts, listModerationLog, liftSuspension,
  publishHeldPost, rejectHeldPost, upholdFlags, withdrawFlag,
} from "../../app/moderation/moderation.server";
import { getModerationSettings, updateModerationSettings } from "../../app/moderation/moderation-settings.server";
import type { Actor } from "../../app/accounts/permissions";
import { createThread, editPost, replyToThread } from "../../app/forum/posts.server";
import { searchPosts } from "../../app/forum/search.server";
import { createSession, validateSessionToken } from "../../app/accounts/session.server";
import { getThreadPage } from "../../app/forum/threads.server";
import { sendDueNotifications, setNotificationPreferences } from "../../app/forum/email-notifications.server";
import { DEFAULT_CHOICES } from "../../app/forum/notification-rules";
import { addMinutes } from "../../app/platform/time";
import { sendDigests } from "../../app/governance/digest.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const PITCH = "We help Fortune 500 brands with social customer care. Book a call with me at calendly.com/dana — free audit this week only!";
const HONEST = "We moved our social care team under CX last year. First-response times fell by half; the lesson was staffing weekends.";
const thread = (body: string) => ({ title: "Social care staffing", body, lifecycleArea: "customer", discipline: "measurement" });

const outbox = (to: string) => db.selectFrom("outbox").selectAll().where("to_address", "=", to).orderBy("id").execute();
const auditRows = (action: string) => db.selectFrom("audit_log").selectAll().where("action", "=", action).execute();
const postStatus = async (id: number) => (await db.selectFrom("posts").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("held posts", () => {
  let consultant: Actor;
  let moderator: Actor;
  beforeEach(async () => {
    consultant = await makeMember(db, { memberType: "consultant", company: "Dana Advisory" });
    moderator = await makeMember(db, { roles: ["member", "moderator"] });
  });

  it("holds a pitch with its reasons, visible to its author and in the moderators' queue only", async () => {
    const r = await createThread(db, consultant, thread(PITCH));
    expect(r.held).toBe(true);
    const own = await getThreadPage(db, consultant, r.threadId);
    expect(own.posts[0]!.status).toBe("held");
    expect(own.posts[0]!.hold_reasons!.map((x) => x.label).join(" ")).toMatch(/booking calendar/);
    const other = await makeMember(db);
    await expect(getThreadPage(db, other, r.threadId)).rejects.toThrow();
    const queue = await listHeldPosts(db, moderator);
    expect(queue.map((p) => p.id)).toEqual([r.postId]);
    expect(queue[0]!.hold_reasons.length).toBeGreaterThan(0);
  });

  it("holds a founder's pitch the same way", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    expect((await createThread(db, founder, thread(PITCH))).held).toBe(true);
  });

  it("uses the founders' pitch threshold", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await updateModerationSettings(db, founder, { pitchThreshold: 9, flagCompanyThreshold: 3 });
    expect((await createThread(db, consultant, thread(PITCH))).held).toBe(false);
    const [row] = await auditRows("moderation.settings_changed");
    expect(JSON.parse(row!.details!)).toEqual({ setting: "pitch_threshold", old: 1, new: 9 });
    expect(row!.actor_id).toBe(founder.id);
  });

  it("publishes a held reply: it joins the thread, counted, with an audit row", async () => {
    const t = await makeThread(db, moderator, { title: "Weekend staffing" });
    const r = await replyToThread(db, consultant, { threadId: t.id, body: PITCH });
    expect(r.held).toBe(true);
    expect((await db.selectFrom("threads").select("post_count").where("id", "=", t.id).executeTakeFirstOrThrow()).post_count).toBe(1);
    const other = await makeMember(db, { roles: ["member", "moderator"] });
    await publishHeldPost(db, other, { postId: r.postId });
    expect(await postStatus(r.postId)).toBe("published");
    expect((await db.selectFrom("threads").select("post_count").where("id", "=", t.id).executeTakeFirstOrThrow()).post_count).toBe(2);
    const [audit] = await auditRows("post.published");
    expect(audit).toMatchObject({ actor_id: other.id, subject_id: r.postId, rule: "pitch_check" });
    // The author hears of it through the notification queue (kind "moderation"), after the delay.
    expect(await outbox(consultant.email)).toEqual([]);
    await sendDueNotifications(db, addMinutes(new Date(), 11));
    const [mail] = await outbox(consultant.email);
    expect(mail).toMatchObject({ kind: "notify_moderation", subject: "Your post in “Weekend staffing” is published" });
    expect(mail!.text_body).toContain(`/threads/${t.id}`);
    await expect(publishHeldPost(db, other, { postId: r.postId })).rejects.toBeInstanceOf(Conflict);
  });

  it("rejects with a required reason the author sees; the author edits and resubmits, and nothing is lost", async () => {
    const r = await createThread(db, consultant, thread(PITCH));
    await expect(rejectHeldPost(db, moderator, { postId: r.postId, reason: "no" })).rejects.toBeInstanceOf(Invalid);
    await rejectHeldPost(db, moderator, { postId: r.postId, reason: "This offers a free audit and a booking link: a sales pitch." });
    const own = await getThreadPage(db, consultant, r.threadId);
    expect(own.posts[0]).toMatchObject({ status: "rejected", rejection_reason: "This offers a free audit and a booking link: a sales pitch." });
    expect(own.thread.status).toBe("rejected");
    expect(await listHeldPosts(db, moderator)).toEqual([]);
    const [audit] = await auditRows("post.rejected");
    expect(audit).toMatchObject({ actor_id: moderator.id, rule: "pitch_check", reason: "This offers a free audit and a booking link: a sales pitch." });
    expect(await outbox(consultant.email)).toEqual([]);
    await sendDueNotifications(db, addMinutes(new Date(), 11));
    const [mail] = await outbox(consultant.email);
    expect(mail).toMatchObject({ kind: "notify_moderation", subject: "Your post in “Social care staffing” was not published" });
    expect(mail!.text_body).toContain("Reason: This offers a free audit and a booking link: a sales pitch.");
    expect(mail!.text_body).toContain(`/posts/${r.postId}/edit`);

    // Resubmitted with the pitch still in it: held again, and the rejected words stay in the history.
    await editPost(db, consultant, { postId: r.postId, body: `${PITCH}\n\nPlease reconsider.` });
    expect(await postStatus(r.postId)).toBe("held");
    // Resubmitted as a discussion: published.
    await editPost(db, consultant, { postId: r.postId, body: HONEST });
    expect(await postStatus(r.postId)).toBe("held"); // a held post stays held until a moderator decides
    await rejectHeldPost(db, moderator, { postId: r.postId, reason: "Still reads as a pitch; please rewrite it." });
    await editPost(db, consultant, { postId: r.postId, body: `${HONEST} What did others learn?` });
    expect(await postStatus(r.postId)).toBe("published");
    const t = await db.selectFrom("threads").select("status").where("id", "=", r.threadId).executeTakeFirstOrThrow();
    expect(t.status).toBe("published");
    const history = await db.selectFrom("post_revisions").select("body_markdown").where("post_id", "=", r.postId).execute();
    expect(history.map((h) => h.body_markdown)).toContain(PITCH);
  });

  it("a decision on a held post follows the author's choice for moderation emails: never means none", async () => {
    await setNotificationPreferences(db, consultant, { choices: { ...DEFAULT_CHOICES, moderation: "never" }, quietStart: null, quietEnd: null, timeZone: "UTC" });
    const r = await createThread(db, consultant, thread(PITCH));
    await rejectHeldPost(db, moderator, { postId: r.postId, reason: "This offers a free audit and a booking link: a sales pitch." });
    expect(await db.selectFrom("email_notifications").select(["person_id", "kind", "path"]).execute())
      .toEqual([{ person_id: consultant.id, kind: "moderation", path: `/posts/${r.postId}/edit` }]);
    await sendDueNotifications(db, addMinutes(new Date(), 11));
    expect(await outbox(consultant.email)).toEqual([]);
    expect(await db.selectFrom("email_notifications").select(["status", "drop_reason"]).execute()).toEqual([{ status: "dropped", drop_reason: "never" }]);
  });

  it("in the digest: the rejection and its reason wait for the author's next digest instead of an email", async () => {
    await setNotificationPreferences(db, consultant, { choices: { ...DEFAULT_CHOICES, moderation: "digest" }, quietStart: null, quietEnd: null, timeZone: "UTC" });
    const r = await createThread(db, consultant, thread(PITCH));
    await rejectHeldPost(db, moderator, { postId: r.postId, reason: "This offers a free audit and a booking link: a sales pitch." });
    await sendDueNotifications(db, addMinutes(new Date(), 11));
    expect(await outbox(consultant.email)).toEqual([]);
    const [digest] = (await sendDigests(db, { frequency: "on-demand", now: addMinutes(new Date(), 12) })).filter((d) => d.personId === consultant.id);
    expect(digest!.text).toContain("Decisions on your held posts and flags:");
    expect(digest!.text).toContain("Your post in “Social care staffing” was not published");
    expect(digest!.text).toContain("Reason: This offers a free audit and a booking link: a sales pitch.");
    expect(digest!.text).toContain(`/posts/${r.postId}/edit`);
    expect(await db.selectFrom("email_notifications").select("status").execute()).toEqual([{ status: "sent" }]);
  });

  it("refuses members, and no one moderates their own post", async () => {
    const member = await makeMember(db);
    const r = await createThread(db, moderator, thread(PITCH));
    await expect(publishHeldPost(db, moderator, { postId: r.postId })).rejects.toBeInstanceOf(Forbidden);
    expect(await listHeldPosts(db, moderator)).toEqual([]);
    await expect(publishHeldPost(db, member, { postId: r.postId })).rejects.toBeInstanceOf(Forbidden);
    await expect(getReviewQueue(db, member)).rejects.toBeInstanceOf(Forbidden);
    await expect(decideInQueue(db, member, { intent: "dismiss", postId: r.postId })).rejects.toBeInstanceOf(Forbidden);
  });

  it("lets a chapter president moderate their chapter's held posts only", async () => {
    const chapter = await makeChapter(db);
    const president = await makeMember(db, { roles: ["member", "chapter_president"], presidentOf: chapter.id, chapterId: chapter.id });
    const inChapter = await makeMember(db, { chapterId: chapter.id });
    const a = await createThread(db, inChapter, { ...thread(PITCH), chapterId: chapter.id });
    const b = await createThread(db, consultant, thread(PITCH));
    expect((await listHeldPosts(db, president)).map((p) => p.id)).toEqual([a.postId]);
    await expect(publishHeldPost(db, president, { postId: b.postId })).rejects.toBeInstanceOf(Forbidden);
    await publishHeldPost(db, president, { postId: a.postId });
    expect(await postStatus(a.postId)).toBe("published");
  });
});

describe("flags", () => {
  let author: Actor;
  let postId: number;
  let threadId: number;
  let moderator: Actor;
  const flagger = (company: string) => makeMember(db, { company });
  beforeEach(async () => {
    author = await makeMember(db, { company: "Acme Corp", name: "Alex Author" });
    moderator = await makeMember(db, { roles: ["member", "moderator"], company: "Council" });
    const t = await makeThread(db, author, { replies: 1, body: "Our partner programme is the answer for every brand here." });
    threadId = t.id;
    postId = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).where("number", "=", 2).executeTakeFirstOrThrow()).id;
  });

  it("hides a post once members of three different companies flag it, and drops it from search", async () => {
    const reader = await makeMember(db);
    expect((await searchPosts(db, reader, "partner programme")).results.map((r) => r.postId)).toContain(postId);
    await flagPost(db, await flagger("Globex"), { postId, reason: "sales_pitch", note: null });
    await flagPost(db, await flagger("Initech"), { postId, reason: "sales_pitch", note: null });
    expect(await postStatus(postId)).toBe("published");
    const third = await flagPost(db, await flagger("Umbrella"), { postId, reason: "off_topic", note: null });
    expect(third.hidden).toBe(true);
    expect(await postStatus(postId)).toBe("hidden");
    const seen = await getThreadPage(db, reader, threadId);
    expect(seen.posts.map((p) => p.id)).not.toContain(postId);
    expect((await getThreadPage(db, author, threadId)).posts.find((p) => p.id === postId)?.status).toBe("hidden");
    expect((await searchPosts(db, reader, "partner programme")).results.map((r) => r.postId)).not.toContain(postId);
    const [hidden] = await auditRows("post.hidden");
    expect(hidden).toMatchObject({ subject_id: postId, rule: "flag_threshold", actor_id: null });
    const queue = await listFlaggedPosts(db, moderator);
    expect(queue[0]).toMatchObject({ id: postId, status: "hidden", companyCount: 3, topReason: "sales_pitch" });
  });

  it("hides a whole thread when its opening post is hidden, and a dismissal brings it back", async () => {
    const opening = (await db.selectFrom("posts").select("id").where("thread_id", "=", threadId).where("number", "=", 1).executeTakeFirstOrThrow()).id;
    for (const c of ["Globex", "Initech", "Umbrella"]) await flagPost(db, await flagger(c), { postId: opening, reason: "off_topic", note: null });
    const reader = await makeMember(db);
    await expect(getThreadPage(db, reader, threadId)).rejects.toThrow();
    expect((await getThreadPage(db, author, threadId)).thread.status).toBe("hidden");
    await dismissFlags(db, moderator, { postId: opening });
    expect((await getThreadPage(db, reader, threadId)).posts.map((p) => p.number)).toEqual([1, 2]);
  });

  it("keeps a hidden post's place in the count: hidden posts are not counted, a removed one is (a tombstone)", async () => {
    const count = async () => (await db.selectFrom("threads").select("post_count").where("id", "=", threadId).executeTakeFirstOrThrow()).post_count;
    expect(await count()).toBe(2);
    for (const c of ["Globex", "Initech", "Umbrella"]) await flagPost(db, await flagger(c), { postId, reason: "sales_pitch", note: null });
    expect(await count()).toBe(1);
    await upholdFlags(db, moderator, { postId, rule: "sales_pitch" });
    expect(await count()).toBe(2);
    const seen = await getThreadPage(db, await makeMember(db), threadId);
    expect(seen.posts.find((p) => p.id === postId)).toMatchObject({ status: "removed", body_html: "" });
  });

  it("does not count the author's colleagues, or a member who withdrew and flagged again twice", async () => {
    const colleague = await flagger("  ACME corp ");
    await flagPost(db, colleague, { postId, reason: "sales_pitch", note: null });
    const g = await flagger("Globex");
    await flagPost(db, g, { postId, reason: "sales_pitch", note: null });
    await withdrawFlag(db, g, { postId });
    await flagPost(db, g, { postId, reason: "sales_pitch", note: null });
    await flagPost(db, await flagger("globex"), { postId, reason: "sales_pitch", note: null });
    expect(await postStatus(postId)).toBe("published");
    await flagPost(db, await flagger("Initech"), { postId, reason: "sales_pitch", note: null });
    expect(await postStatus(postId)).toBe("published");
    await flagPost(db, await flagger("Umbrella"), { postId, reason: "sales_pitch", note: null });
    expect(await postStatus(postId)).toBe("hidden");
  });

  it("lets a member flag once, not their own post, and requires a note for Other", async () => {
    const g = await flagger("Globex");
    await expect(flagPost(db, g, { postId, reason: "other", note: null })).rejects.toBeInstanceOf(Invalid);
    await flagPost(db, g, { postId, reason: "other", note: "Copied from their newsletter" });
    await expect(flagPost(db, g, { postId, reason: "sales_pitch", note: null })).rejects.toBeInstanceOf(Conflict);
    await expect(flagPost(db, author, { postId, reason: "sales_pitch", note: null })).rejects.toBeInstanceOf(Forbidden);
  });

  it("uses the founders' company threshold", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await updateModerationSettings(db, founder, { pitchThreshold: 1, flagCompanyThreshold: 2 });
    expect(await getModerationSettings(db)).toEqual({ pitchThreshold: 1, flagCompanyThreshold: 2 });
    await flagPost(db, await flagger("Globex"), { postId, reason: "sales_pitch", note: null });
    await flagPost(db, await flagger("Initech"), { postId, reason: "sales_pitch", note: null });
    expect(await postStatus(postId)).toBe("hidden");
    await expect(updateModerationSettings(db, moderator, { pitchThreshold: 2, flagCompanyThreshold: 2 })).rejects.toBeInstanceOf(Forbidden);
  });

  async function hide() {
    for (const c of ["Globex", "Initech", "Umbrella"]) await flagPost(db, await flagger(c), { postId, reason: "sales_pitch", note: "private note" });
  }

  it("uphold: the post is removed, a strike recorded, audit rows written; the log shows no flag notes", async () => {
    await hide();
    const r = await upholdFlags(db, moderator, { postId, rule: "sales_pitch" });
    expect(r.suspended).toBe(false);
    expect(await postStatus(postId)).toBe("removed");
    const [warning] = await outbox(author.email);
    expect(warning).toMatchObject({ kind: "post_removed", subject: "A warning: your post was removed" });
    expect(warning!.text_body).toContain("Sales pitch");
    const strikes = await db.selectFrom("strikes").selectAll().where("person_id", "=", author.id).execute();
    expect(strikes).toMatchObject([{ rule: "sales_pitch", post_id: postId, recorded_by: moderator.id }]);
    for (const action of ["flag.upheld", "post.removed", "strike.recorded"]) expect(await auditRows(action)).toHaveLength(1);
    const log = await listModerationLog(db);
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(["flag.upheld", "post.removed", "strike.recorded", "post.hidden"]));
    expect(JSON.stringify(log)).not.toContain("private note");
    expect(await listFlaggedPosts(db, moderator)).toEqual([]);
    await expect(upholdFlags(db, moderator, { postId, rule: "sales_pitch" })).rejects.toBeInstanceOf(Conflict);
  });

  it("dismiss: the post is restored and the flags closed", async () => {
    await hide();
    await dismissFlags(db, moderator, { postId });
    expect(await postStatus(postId)).toBe("published");
    expect(await auditRows("flag.dismissed")).toHaveLength(1);
    expect(await listFlaggedPosts(db, moderator)).toEqual([]);
    const open = await db.selectFrom("flags").select("id").where("post_id", "=", postId).where("resolved_at", "is", null).execute();
    expect(open).toEqual([]);
  });

  it("refuses flag reviews by members and by the author", async () => {
    await hide();
    await expect(upholdFlags(db, await makeMember(db), { postId, rule: "sales_pitch" })).rejects.toBeInstanceOf(Forbidden);
    const authorMod = await makeMember(db, { roles: ["member", "moderator"] });
    const own = await makeThread(db, authorMod, { body: "x" });
    const ownPost = (await db.selectFrom("posts").select("id").where("thread_id", "=", own.id).executeTakeFirstOrThrow()).id;
    await expect(dismissFlags(db, authorMod, { postId: ownPost })).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("strikes and suspension", () => {
  it("suspends on the third pitch strike within a year, ends their sessions, and a founder lifts it", async () => {
    const founderAuthor = await makeMember(db, { roles: ["member", "founder"], company: "Founding Co" });
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const { token } = await createSession(db, founderAuthor.id, 30);
    expect(await validateSessionToken(db, token, 30)).not.toBeNull();
    const reporters = await Promise.all(["Globex", "Initech", "Umbrella"].map((company) => makeMember(db, { company })));
    const results = [];
    for (let i = 0; i < 3; i++) {
      const t = await makeThread(db, founderAuthor, { replies: 1 });
      const p = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).where("number", "=", 2).executeTakeFirstOrThrow()).id;
      for (const r of reporters) await flagPost(db, r, { postId: p, reason: "sales_pitch", note: null });
      results.push(await upholdFlags(db, moderator, { postId: p, rule: "sales_pitch" }));
    }
    expect(results.map((r) => r.suspended)).toEqual([false, false, true]);
    const person = await db.selectFrom("people").select("status").where("id", "=", founderAuthor.id).executeTakeFirstOrThrow();
    expect(person.status).toBe("suspended");
    expect(await validateSessionToken(db, token, 30)).toBeNull();
    expect(await db.selectFrom("sessions").select("id").where("person_id", "=", founderAuthor.id).execute()).toEqual([]);
    expect(await auditRows("member.suspended")).toMatchObject([{ subject_id: founderAuthor.id, rule: "three_pitch_strikes" }]);
    expect((await outbox(founderAuthor.email)).map((m) => m.kind)).toEqual(["post_removed", "post_removed", "member_suspended"]);

    const queue = await getReviewQueue(db, founder);
    expect(queue.suspended.map((s) => s.id)).toEqual([founderAuthor.id]);
    await expect(liftSuspension(db, moderator, { personId: founderAuthor.id, reason: "Reviewed with the member." })).rejects.toBeInstanceOf(Forbidden);
    await expect(liftSuspension(db, founder, { personId: founderAuthor.id, reason: "ok" })).rejects.toBeInstanceOf(Invalid);
    await liftSuspension(db, founder, { personId: founderAuthor.id, reason: "Reviewed with the member; they understand the rule." });
    expect((await db.selectFrom("people").select("status").where("id", "=", founderAuthor.id).executeTakeFirstOrThrow()).status).toBe("active");
    expect(await auditRows("member.suspension_lifted")).toHaveLength(1);
    expect((await outbox(founderAuthor.email)).at(-1)).toMatchObject({ kind: "suspension_lifted" });
  });

  it("does not count strikes under other rules, or older than a year", async () => {
    const author = await makeMember(db);
    const moderator = await makeMember(db, { roles: ["member", "moderator"] });
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    await db.insertInto("strikes").values([{ person_id: author.id, post_id: null, rule: "sales_pitch", recorded_by: null, recorded_at: old },
      { person_id: author.id, post_id: null, rule: "off_topic", recorded_by: null, recorded_at: new Date().toISOString() }]).execute();
    const reporters = await Promise.all(["Globex", "Initech", "Umbrella"].map((company) => makeMember(db, { company })));
    for (let i = 0; i < 2; i++) {
      const t = await makeThread(db, author);
      const p = (await db.selectFrom("posts").select("id").where("thread_id", "=", t.id).executeTakeFirstOrThrow()).id;
      for (const r of reporters) await flagPost(db, r, { postId: p, reason: "sales_pitch", note: null });
      expect((await upholdFlags(db, moderator, { postId: p, rule: "sales_pitch" })).suspended).toBe(false);
    }
    expect((await db.selectFrom("people").select("status").where("id", "=", author.id).executeTakeFirstOrThrow()).status).toBe("active");
  });
});

describe("moderation log", () => {
  it("filters by action and date range, and pages", async () => {
    const at = (iso: string, action: string) => db.insertInto("audit_log").values({ at: iso, actor_id: null, action, reason: "r" }).execute();
    await at("2026-01-10T10:00:00.000Z", "post.removed");
    await at("2026-02-10T10:00:00.000Z", "post.published");
    await at("2026-03-10T23:59:00.000Z", "post.removed");
    await at("2026-03-11T10:00:00.000Z", "flag.raised"); // a member's own action, not a moderation decision
    expect((await listModerationLog(db)).entries.map((e) => e.at.slice(0, 10))).toEqual(["2026-03-10", "2026-02-10", "2026-01-10"]);
    expect((await listModerationLog(db, { action: "post.removed" })).entries).toHaveLength(2);
    expect((await listModerationLog(db, { from: "2026-02-01", to: "2026-03-10" })).entries.map((e) => e.action)).toEqual(["post.removed", "post.published"]);
    for (let i = 0; i < 55; i++) await at(`2025-06-01T00:00:${String(i).padStart(2, "0")}.000Z`, "strike.recorded");
    const first = await listModerationLog(db, { page: 1 });
    const second = await listModerationLog(db, { page: 2 });
    expect([first.entries.length, first.hasNext, second.entries.length, second.hasNext]).toEqual([50, true, 8, false]);
  });
});
