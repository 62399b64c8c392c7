// Reply by email against a real database, the real inbound SMTP listener and the real CLI: the reply
// is posted through the web's path (pitch check included), and forged tokens, auto-replies, bounces,
// strangers and repeats post nothing.
process.env.REPLY_DOMAIN = "reply.council.test";
process.env.SMTP_URL = "smtp://127.0.0.1:9"; // queue for SMTP; the tests hand over their own transport
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { simpleParser } from "mailparser";
import type { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../app/accounts/permissions";
import { replyAddress } from "../../app/forum/email-notifications.server";
import { receiveInboundEmail } from "../../app/forum/inbound-mail.server";
import { createThread, replyToThread } from "../../app/forum/posts.server";
import { runNotificationPass } from "../../app/jobs.server";
import { startConversation } from "../../app/moderation/messages.server";
import { openDb, type Db } from "../../app/platform/db.server";
import { addMinutes } from "../../app/platform/time";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { createInboundSmtp } from "../../scripts/lib/inbound-smtp";
import { makeMember } from "../factories";
import { runScript } from "../helpers/cli";
import { createTestDb } from "../helpers/db";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

let db: Db;
let outbound: TestSmtp;
let inbound: SMTPServer;
let inboundPort: number;
let priya: Actor;
let maya: Actor;
let threadId: number;
const logged: string[] = [];

beforeEach(async () => {
  db = await createTestDb();
  outbound = await startSmtp();
  inbound = createInboundSmtp(db, (line) => logged.push(line));
  await new Promise<void>((resolve) => inbound.listen(0, "127.0.0.1", resolve));
  inboundPort = (inbound.server.address() as AddressInfo).port;
  priya = await makeMember(db, { name: "Priya Raman", email: "priya@contoso.example" });
  maya = await makeMember(db, { name: "Maya Lindqvist", email: "maya@fabrikam.example" });
  threadId = (await createThread(db, priya, { title: "Weekend social care", body: "How do you staff social care at weekends?", lifecycleArea: "customer", discipline: "measurement" })).threadId;
});
afterEach(async () => {
  await outbound.close();
  await new Promise<void>((resolve) => inbound.close(() => resolve()));
});

let sequence = 0;
const fixture = (name: string, o: { from: string; to: string }) =>
  fs.readFileSync(path.join(import.meta.dirname, "../fixtures/inbound", name), "utf8")
    .replaceAll("{{FROM}}", o.from).replaceAll("{{TO}}", o.to).replaceAll("{{REFERENCES}}", `thread-${threadId}@localhost`).replaceAll("{{ID}}", String(++sequence));

/** Sends a raw message to the inbound listener as a mail server would. */
function deliver(raw: string, o: { from: string; to: string }) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: inboundPort, secure: false, ignoreTLS: true });
  return transport.sendMail({ envelope: { from: o.from, to: [o.to] }, raw });
}
const replies = () => db.selectFrom("posts").select(["author_id", "body_markdown", "status"]).where("thread_id", "=", threadId).where("number", ">", 1).orderBy("number").execute();
const ANSWER = "Thanks Maya, that is useful. We tried a follow-the-sun rota too and kept one\nperson on call in New York at weekends.\n\nPriya";

describe("a reply by email", () => {
  it("answers a real notification email: posted as the member, quoted history stripped", async () => {
    await replyToThread(db, maya, { threadId, body: "We used a follow-the-sun rota with our EU team." });
    await runNotificationPass(db, { now: addMinutes(new Date(), 11), transport: outbound.transport });
    const notification = await simpleParser(outbound.received[0]!);
    const to = notification.replyTo!.value[0]!.address!;
    expect(to).toMatch(/^reply\+t[0-9a-f.]+@reply\.council\.test$/);

    await deliver(fixture("gmail-reply.eml", { from: priya.email, to }), { from: priya.email, to });
    expect(await replies()).toEqual([
      { author_id: maya.id, body_markdown: "We used a follow-the-sun rota with our EU team.", status: "published" },
      { author_id: priya.id, body_markdown: ANSWER, status: "published" },
    ]);
    expect(logged.at(-1)).toMatch(/^inbound-mail: posted/);
  });

  it.each([["outlook-reply.eml"], ["apple-mail-reply.eml"]])("from %s shapes too", async (file) => {
    const to = replyAddress(priya.id, { threadId })!;
    await deliver(fixture(file, { from: "Priya@Contoso.example", to }), { from: priya.email, to });
    const [reply] = await replies();
    expect(reply!.body_markdown).toMatch(/^Thanks Maya, that is useful\. We tried a follow-the-sun rota too and kept one person on call in New York at weekends\./);
    expect(reply!.body_markdown).not.toMatch(/Original|wrote|From:|iPhone/);
  });

  it("the same message twice posts once", async () => {
    const to = replyAddress(priya.id, { threadId })!;
    const raw = fixture("gmail-reply.eml", { from: priya.email, to });
    await deliver(raw, { from: priya.email, to });
    await deliver(raw, { from: priya.email, to });
    expect(await receiveInboundEmail(db, raw)).toMatchObject({ outcome: "duplicate" });
    expect(await replies()).toHaveLength(1);
  });

  it("goes through the pitch check: a pitch is held, hidden from others, and its author is emailed why", async () => {
    const consultant = await makeMember(db, { name: "Daniel Brooks", email: "daniel@brooks.example", memberType: "consultant" });
    const to = replyAddress(consultant.id, { threadId })!;
    const raw = fixture("apple-mail-reply.eml", { from: consultant.email, to }).replace(
      /Thanks Maya[\s\S]*?weekends\./,
      "Book a 20-minute call with me this week: calendly.com/daniel-brooks. Council members get 20% off our social audit, limited offer, DM me for pricing.",
    );
    await deliver(raw, { from: consultant.email, to });
    expect(await replies()).toEqual([expect.objectContaining({ author_id: consultant.id, status: "held" })]);
    const told = await db.selectFrom("outbox").select(["to_address", "subject", "text_body"]).where("kind", "=", "reply_by_email_held").executeTakeFirstOrThrow();
    expect(told).toMatchObject({ to_address: consultant.email, subject: "Your emailed reply is held for review" });
    expect(told.text_body).toMatch(/Why:\n- /);
    expect(await db.selectFrom("email_notifications").select("id").where("person_id", "=", priya.id).execute()).toEqual([]);
  });

  it("a reply to a message notification becomes a message in the conversation", async () => {
    const conversationId = await startConversation(db, maya, { recipientId: priya.id, body: "How did you staff weekends?" });
    const to = replyAddress(priya.id, { conversationId })!;
    await deliver(fixture("outlook-reply.eml", { from: priya.email, to }), { from: priya.email, to });
    const messages = await db.selectFrom("messages").select(["sender_id", "body"]).where("conversation_id", "=", conversationId).orderBy("id").execute();
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ sender_id: priya.id });
    expect(messages[1]!.body).toMatch(/^Thanks Maya/);
  });
});

describe("what is refused or ignored", () => {
  it("a forged token is refused at RCPT TO with a clear 550, and nothing is posted", async () => {
    const real = replyAddress(priya.id, { threadId })!;
    const forged = real.replace(/([0-9a-f])@/, (_, c: string) => `${c === "0" ? "1" : "0"}@`);
    const otherThread = real.replace(`t${priya.id}.${threadId}.`, `t${maya.id}.${threadId}.`);
    for (const to of [forged, otherThread, "reply+nonsense@reply.council.test"]) {
      await expect(deliver(fixture("gmail-reply.eml", { from: priya.email, to }), { from: priya.email, to })).rejects.toMatchObject({ responseCode: 550 });
      expect(await receiveInboundEmail(db, fixture("gmail-reply.eml", { from: priya.email, to }), { recipients: [to] })).toMatchObject({ outcome: "refused", code: "no_such_address" });
    }
    expect(await replies()).toEqual([]);
  });

  it("an auto-reply and a bounce are accepted, logged and post nothing", async () => {
    const to = replyAddress(priya.id, { threadId })!;
    await deliver(fixture("auto-reply.eml", { from: priya.email, to }), { from: priya.email, to });
    await deliver(fixture("bounce.eml", { from: priya.email, to }), { from: "", to });
    expect(await replies()).toEqual([]);
    expect(logged.slice(-2)).toEqual(["inbound-mail: ignored: Not posted: Auto-Submitted: auto-replied.", "inbound-mail: ignored: Not posted: a delivery report (bounce)."]);
    expect(await db.selectFrom("inbound_emails").select(["outcome", "detail"]).orderBy("id").execute()).toEqual([
      { outcome: "ignored", detail: "Not posted: Auto-Submitted: auto-replied." },
      { outcome: "ignored", detail: "Not posted: a delivery report (bounce)." },
    ]);
  });

  it("mail from an address that is not the member's is refused with 550", async () => {
    const to = replyAddress(priya.id, { threadId })!;
    await expect(deliver(fixture("gmail-reply.eml", { from: "someone@elsewhere.example", to }), { from: "someone@elsewhere.example", to })).rejects.toMatchObject({ responseCode: 550 });
    expect(await replies()).toEqual([]);
  });

  it("a revoked member's reply is refused: revocation applies to email too", async () => {
    const to = replyAddress(priya.id, { threadId })!;
    await db.updateTable("people").set({ status: "revoked" }).where("id", "=", priya.id).execute();
    const result = await receiveInboundEmail(db, fixture("gmail-reply.eml", { from: priya.email, to }));
    expect(result).toMatchObject({ outcome: "refused", code: "not_permitted" });
    expect(await replies()).toEqual([]);
  });

  it("a reply with nothing above the quote is refused", async () => {
    const to = replyAddress(priya.id, { threadId })!;
    const raw = fixture("outlook-reply.eml", { from: priya.email, to }).replace(/Thanks Maya[\s\S]*?Priya\r\n\r\n/, "");
    expect(await receiveInboundEmail(db, raw)).toMatchObject({ outcome: "refused" });
  });
});

describe("npm run inbound-mail", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "inbound-cli-"));
  const DATABASE_PATH = path.join(dir, "council.db");
  const env = { DATABASE_PATH, REPLY_DOMAIN: "reply.council.test" };

  it("posts from a pipe (exit 0), refuses a forged token (exit 67), prints --help (exit 0)", async () => {
    const file = openDb(DATABASE_PATH);
    await migrateToLatest(file);
    await seedFramework(file);
    const author = await makeMember(file, { email: "author@cli.example" });
    const { threadId: cliThread } = await createThread(file, author, { title: "CLI thread", body: "A question for the council.", lifecycleArea: "customer", discipline: "measurement" });
    await file.destroy();
    const to = replyAddress(author.id, { threadId: cliThread })!;
    const raw = fixture("gmail-reply.eml", { from: author.email, to });

    const posted = await runScript("inbound-mail", [], { env, input: raw });
    expect(posted).toMatchObject({ status: 0, stderr: "" });
    expect(posted.stdout).toMatch(/^posted: Posted\. \/threads\/\d+/);
    expect((await runScript("inbound-mail", [], { env, input: raw })).stdout).toMatch(/^duplicate:/);

    const forged = await runScript("inbound-mail", ["--recipient", to.replace(/[0-9a-f]@/, "x@")], { env, input: raw.replace(/Message-ID: <[^>]+>/, "Message-ID: <other@x>") });
    expect(forged.status).toBe(67);
    expect(forged.stderr).toMatch(/^refused: This reply address is not valid/);

    const help = await runScript("inbound-mail", ["--help"], { env });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
    expect((await runScript("inbound-mail", ["--nope"], { env })).status).toBe(2);
    expect((await runScript("inbound-mail", [], { env: { DATABASE_PATH, REPLY_DOMAIN: "" }, input: raw })).status).toBe(78);

    const check = openDb(DATABASE_PATH);
    expect(await check.selectFrom("posts").select("id").where("thread_id", "=", cliThread).execute()).toHaveLength(2);
    await check.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
