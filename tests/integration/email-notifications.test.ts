// Email notifications against a real database and a real SMTP server: the delay, "read it in the app
// first", batching, blocks, visibility re-checked at send time, preferences and one-click unsubscribe.
process.env.REPLY_DOMAIN = "reply.council.test";
// Emails are queued for SMTP (the test hands the pass a transport to a real SMTP server).
process.env.SMTP_URL = "smtp://127.0.0.1:9";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/accounts/permissions";
import { runNotificationPass } from "../../app/jobs.server";
import {
  getNotificationPreferences, notificationUnsubscribeUrl, readNotificationUnsubscribeToken, setNotificationPreferences, unsubscribeFromKind,
} from "../../app/forum/email-notifications.server";
import { DEFAULT_CHOICES } from "../../app/forum/notification-rules";
import { getEmailSettings, setDigestFrequency } from "../../app/governance/digest.server";
import { createThread, replyToThread } from "../../app/forum/posts.server";
import { openThread } from "../../app/forum/threads.server";
import { blockMember, getConversation, startConversation } from "../../app/moderation/messages.server";
import type { Db } from "../../app/platform/db.server";
import { Invalid } from "../../app/platform/errors";
import { listOutbox } from "../../app/platform/mail.server";
import { addMinutes } from "../../app/platform/time";
import { makeMember } from "../factories";
import { createTestDb } from "../helpers/db";
import { decodeQuotedPrintable, startSmtp, type TestSmtp } from "../helpers/smtp";

let db: Db;
let smtp: TestSmtp;
let priya: Actor;
let maya: Actor;
beforeEach(async () => {
  db = await createTestDb();
  smtp = await startSmtp();
  priya = await makeMember(db, { name: "Priya Raman", email: "priya@contoso.example" });
  maya = await makeMember(db, { name: "Maya Lindqvist", email: "maya@fabrikam.example" });
});
afterEach(() => smtp.close());

const later = (minutes: number) => addMinutes(new Date(), minutes);
const pass = (minutes: number) => runNotificationPass(db, { now: later(minutes), transport: smtp.transport });
const HELLO = "Priya, how did you staff the weekend shift for social care? We are weighing two options.";
const startThread = (author: Actor, title = "Staffing social care") =>
  createThread(db, author, { title, body: "How do you staff social customer care at weekends?", lifecycleArea: "customer", discipline: "measurement" });
const statuses = async () => (await db.selectFrom("email_notifications").select(["kind", "status", "drop_reason"]).orderBy("id").execute());

describe("a direct message to a member who is away", () => {
  it("is emailed once after the delay, through SMTP, with reply-by-email and automatic-mail headers", async () => {
    const conversationId = await startConversation(db, maya, { recipientId: priya.id, body: HELLO });
    expect((await pass(5)).notifications).toEqual({ sent: 0, dropped: 0, waiting: 0 }); // not due yet
    expect(smtp.received).toHaveLength(0);

    expect((await pass(11)).notifications).toMatchObject({ sent: 1 });
    expect((await pass(30)).notifications).toEqual({ sent: 0, dropped: 0, waiting: 0 }); // never twice
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!;
    const text = decodeQuotedPrintable(raw);
    expect(raw).toMatch(/^To: priya@contoso\.example/m);
    expect(raw).toMatch(/^Subject: Maya Lindqvist sent you a message/m);
    expect(text).toContain(HELLO);
    expect(text).toContain(`/messages/${conversationId}`);
    expect(raw).toMatch(/^Reply-To: reply\+c[0-9a-f.]+@reply\.council\.test/m);
    expect(raw).toMatch(/^List-Id: Council notifications <notifications\.localhost>/im);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(raw).toMatch(new RegExp(`^References: <conversation-${conversationId}\\.${priya.id}@localhost>`, "m"));
    expect(raw).toContain("Content-Type: text/html");
    expect(await statuses()).toEqual([{ kind: "messages", status: "sent", drop_reason: null }]);
  });

  it("is not emailed at all when read in the app first", async () => {
    const conversationId = await startConversation(db, maya, { recipientId: priya.id, body: HELLO });
    await getConversation(db, priya, conversationId); // Priya opens it within the delay
    await pass(11);
    expect(smtp.received).toHaveLength(0);
    expect(await statuses()).toEqual([{ kind: "messages", status: "dropped", drop_reason: "read" }]);
  });

  it("several within the delay become one email", async () => {
    await startConversation(db, maya, { recipientId: priya.id, body: HELLO });
    await startConversation(db, maya, { recipientId: priya.id, body: "And a second thought: did you use an agency at all?" });
    await pass(11);
    expect(smtp.received).toHaveLength(1);
    const text = decodeQuotedPrintable(smtp.received[0]!);
    expect(text).toContain(HELLO);
    expect(text).toContain("did you use an agency at all?");
    expect(smtp.received[0]).toMatch(/^Subject: 2 new: Maya Lindqvist sent you a message and more/m);
  });

  it("from a member she has since blocked is never emailed", async () => {
    await startConversation(db, maya, { recipientId: priya.id, body: HELLO });
    await blockMember(db, priya, maya.id);
    await pass(11);
    expect(smtp.received).toHaveLength(0);
    expect(await statuses()).toEqual([{ kind: "messages", status: "dropped", drop_reason: "blocked" }]);
  });
});

describe("replies, and what a member may not see", () => {
  it("a reply in a thread she started is emailed with the post's text as plain text", async () => {
    const thread = await startThread(priya, "Weekend social care");
    await replyToThread(db, maya, { threadId: thread.threadId, body: "We used a **follow-the-sun** rota with [our EU team](https://example.com)." });
    await pass(11);
    expect(smtp.received).toHaveLength(1);
    const mail = await simpleParser(smtp.received[0]!);
    expect(mail.subject).toBe("Maya Lindqvist replied in “Weekend social care”");
    expect(mail.text).toContain("We used a follow-the-sun rota with our EU team");
    expect(mail.html).toContain("follow-the-sun");
    expect(mail.html).not.toMatch(/<img|<script|<style/i);
    expect(mail.html).toContain('content="light dark"');
    expect(smtp.received[0]).toMatch(new RegExp(`^References: <thread-${thread.threadId}\\.${priya.id}@localhost>`, "m"));
  });

  it("is dropped when she reads the thread first, or when the post is removed before the email goes", async () => {
    const thread = await startThread(priya);
    const first = await replyToThread(db, maya, { threadId: thread.threadId, body: "First reply with a useful thought about rotas." });
    await openThread(db, priya, thread.threadId);
    await db.updateTable("posts").set({ status: "removed" }).where("id", "=", first.postId).execute();
    await pass(11);
    expect(smtp.received).toHaveLength(0);
    expect((await statuses()).map((s) => s.drop_reason)).toEqual(["hidden"]); // hidden is checked before read
  });

  it("a held reply notifies no one", async () => {
    const thread = await startThread(priya);
    const consultant = await makeMember(db, { memberType: "consultant" });
    const result = await replyToThread(db, consultant, { threadId: thread.threadId, body: "Book a 20-minute call with me this week: calendly.com/me. Council members get 20% off our social audit, limited offer, DM me for pricing." });
    expect(result.held).toBe(true);
    await pass(11);
    expect(await statuses()).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });
});

describe("preferences", () => {
  it("'never' and 'in the digest' keep a kind out of the inbox; quiet hours make it wait", async () => {
    await setNotificationPreferences(db, priya, { choices: { ...DEFAULT_CHOICES, messages: "digest" }, quietStart: null, quietEnd: null, timeZone: "UTC" });
    await startConversation(db, maya, { recipientId: priya.id, body: HELLO });
    await pass(11);
    expect(await statuses()).toEqual([{ kind: "messages", status: "digest", drop_reason: null }]); // kept for the digest (digest.test.ts)

    // Quiet all day except one minute: the message waits.
    const nowMinute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    await setNotificationPreferences(db, priya, { choices: DEFAULT_CHOICES, quietStart: (nowMinute + 1) % 1440, quietEnd: nowMinute, timeZone: "UTC" });
    await startConversation(db, maya, { recipientId: priya.id, body: "Second message." });
    expect((await pass(11)).notifications).toMatchObject({ sent: 0, waiting: 1 });
    expect(smtp.received).toHaveLength(0);
  });

  it("the settings name the kinds set to 'in the digest' that no email carries while the digest is off", async () => {
    await setNotificationPreferences(db, priya, { choices: { ...DEFAULT_CHOICES, messages: "digest", votes: "digest" }, quietStart: null, quietEnd: null, timeZone: "UTC" });
    await setDigestFrequency(db, priya.id, "weekly");
    expect((await getEmailSettings(db, priya.id)).unreachedKinds).toEqual([]);
    await setDigestFrequency(db, priya.id, "never");
    expect((await getEmailSettings(db, priya.id)).unreachedKinds).toEqual(["messages", "votes"]);
  });

  it("refuses an unknown time zone and half a quiet-hours window", async () => {
    await expect(setNotificationPreferences(db, priya, { choices: DEFAULT_CHOICES, quietStart: null, quietEnd: null, timeZone: "Mars/Olympus" })).rejects.toBeInstanceOf(Invalid);
    await expect(setNotificationPreferences(db, priya, { choices: DEFAULT_CHOICES, quietStart: 600, quietEnd: null, timeZone: "UTC" })).rejects.toBeInstanceOf(Invalid);
    expect((await getNotificationPreferences(db, priya.id)).choices).toEqual(DEFAULT_CHOICES);
  });

  it("one-click unsubscribe turns off exactly that kind, for that person, and is audited", async () => {
    const url = notificationUnsubscribeUrl(priya.id, "replies");
    const token = url.split("/unsubscribe/")[1]!;
    expect(readNotificationUnsubscribeToken(token)).toEqual({ personId: priya.id, kind: "replies" });
    expect(readNotificationUnsubscribeToken(token.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBeNull();
    await unsubscribeFromKind(db, readNotificationUnsubscribeToken(token)!);
    expect((await getNotificationPreferences(db, priya.id)).choices).toEqual({ ...DEFAULT_CHOICES, replies: "never" });
    expect(await db.selectFrom("audit_log").select("action").where("action", "=", "notifications.unsubscribed").execute()).toHaveLength(1);
  });

  it("goes through the outbox like every email", async () => {
    await startConversation(db, maya, { recipientId: priya.id, body: HELLO });
    await pass(11);
    const [row] = await listOutbox(db);
    expect(row).toMatchObject({ kind: "notify_messages", to_address: "priya@contoso.example", status: "sent" });
  });
});
