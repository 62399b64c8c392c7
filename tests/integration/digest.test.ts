import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../app/platform/db.server";
import {
  digestContent, findUnsubscribeTarget, getEmailPreferences, renderDigestEmail, sendDigestNow, sendDigests,
  setDigestFrequency, unsubscribeToken, unsubscribeWithToken,
} from "../../app/governance/digest.server";
import { DEFAULT_POLICY } from "../../app/membership/eligibility";
import { Forbidden } from "../../app/platform/errors";
import { setAreaFollow, setThreadFollow } from "../../app/forum/notifications.server";
import { createPolicyDraft } from "../../app/membership/policy.server";
import { castVote, proposePolicy } from "../../app/governance/proposals.server";
import type { Actor } from "../../app/accounts/permissions";
import { sendDueNotifications, setNotificationPreferences } from "../../app/forum/email-notifications.server";
import { DEFAULT_CHOICES } from "../../app/forum/notification-rules";
import { createThread, replyToThread } from "../../app/forum/posts.server";
import { sendMessage, startConversation } from "../../app/moderation/messages.server";
import { createTestDb } from "../helpers/db";
import { makeChapter, makeMember, makeThread } from "../factories";

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});

const LAST_WEEK = new Date(Date.now() - 7 * 86_400_000).toISOString();
const FALLBACK = "You follow no areas yet; these are the council's top new threads. Follow areas at";

async function reply(threadId: number, author: Actor, status: "published" | "held" = "published") {
  const last = await db.selectFrom("posts").select((eb) => eb.fn.max("number").as("n")).where("thread_id", "=", threadId).executeTakeFirstOrThrow();
  await db.insertInto("posts").values({
    thread_id: threadId, author_id: author.id, number: Number(last.n) + 1, body_markdown: "A reply", body_html: "<p>A reply</p>",
    created_at: new Date().toISOString(), status,
  }).execute();
  await db.updateTable("threads").set((eb) => ({ post_count: eb("post_count", "+", 1) })).where("id", "=", threadId).execute();
}

describe("digest content", () => {
  it("lists top new threads by replies and new replies to the member's own threads", async () => {
    const reader = await makeMember(db, { name: "Reader" });
    const other = await makeMember(db, { name: "Olu" });
    const quiet = await makeThread(db, other, { title: "Quiet thread" });
    const busy = await makeThread(db, other, { title: "Busy thread", replies: 3 });
    const mine = await makeThread(db, reader, { title: "My question" });
    await reply(mine.id, other);
    await reply(mine.id, other);
    await reply(mine.id, reader); // their own reply is not news to them
    await reply(mine.id, other, "held"); // held posts are not shown

    const content = await digestContent(db, reader.id, LAST_WEEK);
    expect(content?.topThreads.map((t) => [t.title, t.replies])).toEqual([["Busy thread", 3], ["Quiet thread", 0]]);
    expect(content?.topThreads.map((t) => t.id)).toEqual([busy.id, quiet.id]);
    expect(content?.repliesToYourThreads).toEqual([{ threadId: mine.id, title: "My question", newReplies: 2, repliers: ["Olu"] }]);
  });

  it("respects chapter visibility: another chapter's threads never appear", async () => {
    const ny = await makeChapter(db, "New York");
    const london = await makeChapter(db, "London");
    const reader = await makeMember(db, { chapterId: ny.id });
    const author = await makeMember(db, { chapterId: london.id });
    await makeThread(db, author, { title: "London only", chapterId: london.id });
    await makeThread(db, author, { title: "New York only", chapterId: ny.id });
    await makeThread(db, author, { title: "Everyone" });
    const content = await digestContent(db, reader.id, LAST_WEEK);
    expect(content?.topThreads.map((t) => t.title).sort()).toEqual(["Everyone", "New York only"]);
  });

  it("has nothing when nothing is new since the last digest", async () => {
    const reader = await makeMember(db);
    await makeThread(db, await makeMember(db));
    expect(await digestContent(db, reader.id, new Date(Date.now() + 60_000).toISOString())).toBeNull();
  });

  it("lists open policy votes, says whether the member has voted, and drops them once voting closes", async () => {
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    const reader = await makeMember(db);
    const version = await createPolicyDraft(db, founder, { summary: "Decisions within 5 days instead of 10.", rules: { ...DEFAULT_POLICY.rules, reviewWindowDays: 5 } });
    const now = new Date();
    const id = await proposePolicy(db, founder, { version, discussion: "Applicants wait too long; discuss in the Policy thread.", votingDays: 7 }, now);
    const since = new Date(now.getTime() + 60_000).toISOString(); // nothing else is new
    const content = (await digestContent(db, reader.id, since, now))!;
    expect(content.openVotes).toEqual([{ id, version, summary: "Decisions within 5 days instead of 10.", deadline: expect.any(String), voted: false }]);
    const email = renderDigestEmail(reader, content);
    expect(email.text).toContain("OPEN POLICY VOTES");
    expect(email.text).toContain(`/policy/proposals/${id}`);
    await castVote(db, reader, id, "no", now);
    expect((await digestContent(db, reader.id, since, now))!.openVotes[0]!.voted).toBe(true);
    expect(await digestContent(db, reader.id, since, new Date(now.getTime() + 8 * 86_400_000))).toBeNull();
  });

  it("escapes thread titles in the HTML part and keeps the plain-text part", async () => {
    const reader = await makeMember(db, { name: "Ann <b>" });
    await makeThread(db, await makeMember(db), { title: `<script>alert("x")</script> & more` });
    const content = (await digestContent(db, reader.id, LAST_WEEK))!;
    const email = renderDigestEmail(reader, content);
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain("Hello Ann &lt;b&gt;");
    expect(email.text).toContain(`<script>alert("x")</script> & more`);
  });
});

describe("the digest follows the member's areas and threads", () => {
  it("lists only new threads in the lifecycle areas the member follows, without the fallback note", async () => {
    const reader = await makeMember(db, { name: "Reader" });
    const author = await makeMember(db);
    await setAreaFollow(db, reader, { lifecycleArea: "employee", follow: true });
    await setAreaFollow(db, reader, { lifecycleArea: "product", follow: true });
    await makeThread(db, author, { title: "Advocacy programs", lifecycleArea: "employee" });
    await makeThread(db, author, { title: "Co-design with customers", lifecycleArea: "product", replies: 2 });
    await makeThread(db, author, { title: "Care response times", lifecycleArea: "customer", replies: 5 });

    const content = (await digestContent(db, reader.id, LAST_WEEK))!;
    expect(content.followsAreas).toBe(true);
    expect(content.topThreads.map((t) => [t.title, t.lifecycleArea])).toEqual([["Co-design with customers", "product"], ["Advocacy programs", "employee"]]);
    const email = renderDigestEmail(reader, content);
    expect(email.text).not.toContain("Care response times");
    expect(email.text).not.toContain(FALLBACK);
  });

  it("with followed areas quiet, sends no council-wide threads (and no digest when nothing else is new)", async () => {
    const reader = await makeMember(db);
    await setAreaFollow(db, reader, { lifecycleArea: "employee", follow: true });
    await makeThread(db, await makeMember(db), { lifecycleArea: "customer" });
    expect(await digestContent(db, reader.id, LAST_WEEK)).toBeNull();
  });

  it("falls back to the council's top new threads when the member follows no area, and says so with a link", async () => {
    const reader = await makeMember(db);
    const author = await makeMember(db);
    await makeThread(db, author, { title: "Care response times", lifecycleArea: "customer", replies: 1 });
    await makeThread(db, author, { title: "Advocacy programs", lifecycleArea: "employee" });

    const content = (await digestContent(db, reader.id, LAST_WEEK))!;
    expect(content.followsAreas).toBe(false);
    expect(content.topThreads.map((t) => t.title)).toEqual(["Care response times", "Advocacy programs"]);
    const email = renderDigestEmail(reader, content);
    expect(email.text).toContain(`${FALLBACK} http://localhost:3000/`);
    expect(email.html).toContain(`Follow areas at <a href="http://localhost:3000/">`);
  });

  it("lists new replies in threads the member follows, beside replies to their own threads", async () => {
    const reader = await makeMember(db);
    const author = await makeMember(db, { name: "Olu" });
    const followed = await makeThread(db, author, { title: "Followed thread" });
    const other = await makeThread(db, author, { title: "Not followed" });
    await setThreadFollow(db, reader, { threadId: followed.id, follow: true });
    await reply(followed.id, author);
    await reply(other.id, author);

    const content = (await digestContent(db, reader.id, LAST_WEEK))!;
    expect(content.repliesToYourThreads).toEqual([{ threadId: followed.id, title: "Followed thread", newReplies: 1, repliers: ["Olu"] }]);
  });

  it("never brings a chapter thread to a non-member of the chapter: not by area, not by fallback, not by a stale follow", async () => {
    const ny = await makeChapter(db, "New York");
    const london = await makeChapter(db, "London");
    const reader = await makeMember(db, { chapterId: ny.id });
    const londoner = await makeMember(db, { chapterId: london.id });
    const secret = await makeThread(db, londoner, { title: "London only", lifecycleArea: "employee", chapterId: london.id });
    await makeThread(db, londoner, { title: "Everyone", lifecycleArea: "employee" });
    // A follow row left over from before (e.g. the reader moved chapters) must not leak replies either.
    await db.insertInto("follows").values({ person_id: reader.id, thread_id: secret.id, lifecycle_area: null, created_at: new Date().toISOString() }).execute();
    await reply(secret.id, londoner);

    const fallback = (await digestContent(db, reader.id, LAST_WEEK))!;
    expect(fallback.followsAreas).toBe(false);
    expect(fallback.topThreads.map((t) => t.title)).toEqual(["Everyone"]);
    expect(fallback.repliesToYourThreads).toEqual([]);

    await setAreaFollow(db, reader, { lifecycleArea: "employee", follow: true });
    const followed = (await digestContent(db, reader.id, LAST_WEEK))!;
    expect(followed.topThreads.map((t) => t.title)).toEqual(["Everyone"]);
    expect(followed.repliesToYourThreads).toEqual([]);
    expect(renderDigestEmail(reader, followed).text).not.toContain("London only");

    // The chapter's own member does get it.
    const member = await makeMember(db, { chapterId: london.id });
    await setAreaFollow(db, member, { lifecycleArea: "employee", follow: true });
    expect((await digestContent(db, member.id, LAST_WEEK))!.topThreads.map((t) => t.title).sort()).toEqual(["Everyone", "London only"]);
  });
});

describe("sending digests", () => {
  it("queues one digest per member with news, with RFC 8058 headers, and moves last_digest_at", async () => {
    const reader = await makeMember(db, { email: "reader@example.com" });
    const author = await makeMember(db, { email: "author@example.com" });
    await makeThread(db, author, { title: "Fresh" });
    const now = new Date(Date.now() + 1000);
    const results = await sendDigests(db, { frequency: "weekly", now });
    // The author has nothing new (their own thread has no replies); the reader does.
    expect(results.map((r) => r.to)).toEqual(["reader@example.com"]);

    const row = await db.selectFrom("outbox").selectAll().where("to_address", "=", "reader@example.com").executeTakeFirstOrThrow();
    expect(row.kind).toBe("digest");
    expect(row.html_body).toContain("Fresh");
    expect(row.text_body).toContain("Fresh");
    const headers = JSON.parse(row.headers!) as Record<string, string>;
    expect(headers["List-Unsubscribe"]).toBe(`<http://localhost:3000/unsubscribe/${unsubscribeToken(reader.id)}>`);
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Id"]).toBe("Council digest <digest.localhost>");
    expect(headers["Auto-Submitted"]).toBe("auto-generated");
    expect(headers["Message-ID"]).toMatch(new RegExp(`^<digest-${reader.id}\\.[0-9a-z]+@localhost>$`));
    // The HTML part: inline styles only, no remote images or trackers, readable in dark mode.
    expect(row.html_body).toContain('<meta name="color-scheme" content="light dark">');
    expect(row.html_body).not.toMatch(/<img|<style|<link|<script|url\(/i);
    expect((await getEmailPreferences(db, reader.id)).lastDigestAt).toBe(now.toISOString());

    // Run again at once: not due, nothing sent twice.
    expect(await sendDigests(db, { frequency: "weekly", now })).toEqual([]);
    expect(await db.selectFrom("outbox").select("id").execute()).toHaveLength(1);
  });

  it("never sends to revoked or suspended members, to 'never', or to monthly members on a weekly run", async () => {
    const author = await makeMember(db);
    await makeThread(db, author);
    await makeMember(db, { status: "revoked", email: "revoked@example.com" });
    await makeMember(db, { status: "suspended", email: "suspended@example.com" });
    const never = await makeMember(db, { email: "never@example.com" });
    await setDigestFrequency(db, never.id, "never");
    const monthly = await makeMember(db, { email: "monthly@example.com" });
    await setDigestFrequency(db, monthly.id, "monthly");
    const weekly = await makeMember(db, { email: "weekly@example.com" });
    await setDigestFrequency(db, weekly.id, "weekly");

    const now = new Date(Date.now() + 1000);
    expect((await sendDigests(db, { frequency: "weekly", now })).map((r) => r.to)).toEqual(["weekly@example.com"]);
    expect((await sendDigests(db, { frequency: "monthly", now })).map((r) => r.to)).toEqual(["monthly@example.com"]);
    const outbox = await db.selectFrom("outbox").select("to_address").execute();
    expect(outbox.map((o) => o.to_address).sort()).toEqual(["monthly@example.com", "weekly@example.com"]);
  });

  it("a dry run changes nothing", async () => {
    const reader = await makeMember(db, { email: "reader@example.com" });
    await makeThread(db, await makeMember(db));
    const results = await sendDigests(db, { frequency: "weekly", dryRun: true, now: new Date(Date.now() + 1000) });
    expect(results.map((r) => r.to)).toContain("reader@example.com");
    expect(await db.selectFrom("outbox").select("id").execute()).toEqual([]);
    expect((await getEmailPreferences(db, reader.id)).lastDigestAt).toBeNull();
  });

  it("only founders send the digest on demand, and it is audited", async () => {
    const member = await makeMember(db);
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await makeThread(db, founder);
    await expect(sendDigestNow(db, member)).rejects.toBeInstanceOf(Forbidden);
    expect(await db.selectFrom("outbox").select("id").execute()).toEqual([]);

    const { sent } = await sendDigestNow(db, founder, new Date(Date.now() + 1000));
    expect(sent).toBe(1); // the member; the founder's own thread is not news to them
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "digest.sent_on_demand").executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(founder.id);
    expect(JSON.parse(audit.details!)).toEqual({ recipients: 1 });
  });
});

describe("preferences and one-click unsubscribe", () => {
  it("defaults to weekly; a member can choose monthly", async () => {
    const member = await makeMember(db);
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("weekly");
    await setDigestFrequency(db, member.id, "monthly");
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("monthly");
  });

  it("a valid token unsubscribes its person, audited; choosing a frequency again re-subscribes", async () => {
    const member = await makeMember(db, { email: "ann@example.com" });
    expect(await unsubscribeWithToken(db, unsubscribeToken(member.id))).toEqual({ email: "a••@example.com", list: "the council digest" });
    const prefs = await getEmailPreferences(db, member.id);
    expect(prefs.digestFrequency).toBe("never");
    expect(prefs.unsubscribedAt).not.toBeNull();
    expect(await db.selectFrom("audit_log").select("action").where("subject_id", "=", member.id).execute()).toEqual([{ action: "digest.unsubscribed" }]);
    await setDigestFrequency(db, member.id, "weekly");
    expect(await getEmailPreferences(db, member.id)).toMatchObject({ digestFrequency: "weekly", unsubscribedAt: null });
  });

  it("person A's token can never unsubscribe person B", async () => {
    const a = await makeMember(db);
    const b = await makeMember(db);
    const tokenA = unsubscribeToken(a.id);
    // Swap in B's id while keeping A's signature: refused.
    const forged = `${b.id}.${tokenA.split(".")[1]}`;
    expect(await findUnsubscribeTarget(db, forged)).toBeNull();
    expect(await unsubscribeWithToken(db, forged)).toBeNull();
    expect((await getEmailPreferences(db, b.id)).digestFrequency).toBe("weekly");
    // A's own token only ever touches A.
    await unsubscribeWithToken(db, tokenA);
    expect((await getEmailPreferences(db, a.id)).digestFrequency).toBe("never");
    expect((await getEmailPreferences(db, b.id)).digestFrequency).toBe("weekly");
  });

  it.each([
    ["a changed signature", (t: string) => t.slice(0, -1) + (t.endsWith("A") ? "B" : "A")],
    ["no signature", (t: string) => t.split(".")[0]!],
    ["garbage", () => "not-a-token"],
    ["a token for someone who does not exist", () => unsubscribeToken(999_999)],
  ])("refuses %s", async (_label, tamper) => {
    const member = await makeMember(db);
    expect(await unsubscribeWithToken(db, tamper(unsubscribeToken(member.id)))).toBeNull();
    expect((await getEmailPreferences(db, member.id)).digestFrequency).toBe("weekly");
    expect(await db.selectFrom("audit_log").select("id").execute()).toEqual([]);
  });
});

describe("notifications the member gets in the digest", () => {
  const ANSWER = "We rota two people on Saturdays and one on Sundays; response times held up fine.";
  const LATER_REMOVED = "This reply is removed before the digest goes out.";
  const notificationRows = () => db.selectFrom("email_notifications").select(["kind", "status", "drop_reason", "outbox_id"]).orderBy("id").execute();

  it("appear in the next digest, checked at send time, and are then marked done; never emailed on their own", async () => {
    const reader = await makeMember(db, { name: "Priya Raman", email: "priya@contoso.example" });
    const other = await makeMember(db, { name: "Maya Lindqvist" });
    await setNotificationPreferences(db, reader, { choices: { ...DEFAULT_CHOICES, replies: "digest", messages: "digest" }, quietStart: null, quietEnd: null, timeZone: "UTC" });
    const t = await createThread(db, reader, { title: "Weekend staffing", body: "How do you staff social customer care at weekends?", lifecycleArea: "customer", discipline: "measurement" });
    await replyToThread(db, other, { threadId: t.threadId, body: ANSWER });
    const removed = await replyToThread(db, other, { threadId: t.threadId, body: LATER_REMOVED });
    const conversationId = await startConversation(db, other, { recipientId: reader.id, body: "Can we compare rotas next week?" });

    // The pass keeps them for the digest: no notification email.
    await sendDueNotifications(db, new Date(Date.now() + 11 * 60_000));
    expect((await notificationRows()).map((r) => r.status)).toEqual(["digest", "digest", "digest"]);
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", reader.email).execute()).toEqual([]);

    // Before the digest: one reply is removed (no longer visible), and a second message arrives (still pending).
    await db.updateTable("posts").set({ status: "removed" }).where("id", "=", removed.postId).execute();
    await sendMessage(db, other, { conversationId, body: "Also: who covers bank holidays?" });

    const now = new Date(Date.now() + 20 * 60_000);
    const [digest] = (await sendDigests(db, { frequency: "on-demand", now })).filter((r) => r.personId === reader.id);
    expect(digest!.subject).toMatch(/, 3 notifications$/);
    expect(digest!.text).toContain("YOUR NOTIFICATIONS (YOU CHOSE TO GET THESE IN THE DIGEST)");
    expect(digest!.text).toContain("Replies in threads you started or follow:");
    expect(digest!.text).toContain(ANSWER);
    expect(digest!.text).not.toContain(LATER_REMOVED);
    expect(digest!.text).toContain("Direct messages:");
    expect(digest!.text).toContain("Can we compare rotas next week?");
    expect(digest!.text).toContain("Also: who covers bank holidays?");
    expect(digest!.text).toContain(`/messages/${conversationId}`);
    const mail = await db.selectFrom("outbox").select(["id", "kind", "html_body"]).where("to_address", "=", reader.email).executeTakeFirstOrThrow();
    expect(mail.kind).toBe("digest");
    expect(mail.html_body).toContain("Your notifications");
    expect(mail.html_body).not.toContain("<img");

    // Marked done: what went in is sent with the digest's outbox row; the removed reply is dropped.
    expect(await notificationRows()).toEqual([
      { kind: "replies", status: "sent", drop_reason: null, outbox_id: mail.id },
      { kind: "replies", status: "dropped", drop_reason: "hidden", outbox_id: null },
      { kind: "messages", status: "sent", drop_reason: null, outbox_id: mail.id },
      { kind: "messages", status: "sent", drop_reason: null, outbox_id: mail.id },
    ]);
    // Never twice: the next digest does not list them again, and the pass does not email them.
    const again = (await sendDigests(db, { frequency: "on-demand", now: new Date(now.getTime() + 60_000) })).filter((r) => r.personId === reader.id);
    expect(again.map((r) => r.text).join("")).not.toContain("YOUR NOTIFICATIONS");
    await sendDueNotifications(db, new Date(now.getTime() + 120 * 60_000));
    expect(await db.selectFrom("outbox").select("id").where("to_address", "=", reader.email).where("kind", "like", "notify_%").execute()).toEqual([]);
  });

  it("a dry run lists them but leaves them for the real digest", async () => {
    const reader = await makeMember(db);
    const other = await makeMember(db);
    await setNotificationPreferences(db, reader, { choices: { ...DEFAULT_CHOICES, messages: "digest" }, quietStart: null, quietEnd: null, timeZone: "UTC" });
    await startConversation(db, other, { recipientId: reader.id, body: "A question about rotas." });
    const [dry] = (await sendDigests(db, { frequency: "on-demand", dryRun: true })).filter((r) => r.personId === reader.id);
    expect(dry!.text).toContain("A question about rotas.");
    expect((await notificationRows()).map((r) => r.status)).toEqual(["pending"]);
  });
});
