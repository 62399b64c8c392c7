// Direct messages against a real database: no cold contact, blocks, limits, and the pitch check on a
// consultant's first message.
import { beforeEach, describe, expect, it } from "vitest";
import { signIn, hashPassword } from "../../app/accounts/auth.server";
import type { Db } from "../../app/platform/db.server";
import { NotFound, Refused, TooManyRequests } from "../../app/platform/errors";
import { listModerationLog } from "../../app/moderation/moderation.server";
import { updateModerationSettings } from "../../app/moderation/moderation-settings.server";
import { detectPitch } from "../../app/moderation/pitch";
import { bundledModelFile } from "../../app/moderation/bundled-pitch-model.server";
import {
  blockMember, getConversation, getMessagesHome, listContactablePeople, listConversations,
  sendMessage, setConsultantContact, startConversation, unblockMember,
} from "../../app/moderation/messages.server";
import { headerCounts } from "../../app/forum/notifications.server";
import type { Actor } from "../../app/accounts/permissions";
import { loadActor } from "../../app/accounts/session.server";
import { createTestDb } from "../helpers/db";
import { makeMember } from "../factories";

let db: Db;
let exec: Actor;
let consultant: Actor;
let otherConsultant: Actor;
beforeEach(async () => {
  db = await createTestDb();
  exec = await makeMember(db, { name: "Priya Raman" });
  consultant = await makeMember(db, { name: "Daniel Brooks", memberType: "consultant" });
  otherConsultant = await makeMember(db, { name: "Rachel Kim", memberType: "consultant" });
});

const HELLO = "Thanks for your question in the care thread. What did your team measure first when you set up the desk?";
const PITCH = "Book a 20-minute call with me this week: calendly.com/daniel-brooks. Council members get 20% off our social audit.";
const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e);

describe("no cold contact", () => {
  it("refuses a consultant writing first to an executive, server-side, with a clear message and a private audit row", async () => {
    const error = await refusal(startConversation(db, consultant, { recipientId: exec.id, body: HELLO }));
    expect(error).toBeInstanceOf(Refused);
    expect((error as Refused).message).toContain("Priya Raman has not opened the door to consultants");
    expect((error as Refused).fieldErrors.recipientId).toBeDefined();
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom("conversations").selectAll().execute()).toHaveLength(0);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "message.refused").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: consultant.id, rule: "no_cold_contact", subject_id: exec.id });
    // The picker does not offer the executive either.
    expect((await listContactablePeople(db, consultant)).map((p) => p.id)).not.toContain(exec.id);
  });

  it("lets the consultant reply once the executive wrote first", async () => {
    const id = await startConversation(db, exec, { recipientId: consultant.id, body: "Daniel, could you share how you staffed the pilot?" });
    expect((await listContactablePeople(db, consultant)).map((p) => p.id)).toContain(exec.id);
    await sendMessage(db, consultant, { conversationId: id, body: HELLO });
    // Writing "new message" to the executive continues the same conversation.
    expect(await startConversation(db, consultant, { recipientId: exec.id, body: "One more thing I forgot to mention." })).toBe(id);
    const page = await getConversation(db, exec, id);
    expect(page.messages.map((m) => m.sender_id)).toEqual([exec.id, consultant.id, consultant.id]);
  });

  it("does not let a consultant who started a conversation under 'anyone' continue after the executive closes the door, unless they wrote", async () => {
    await setConsultantContact(db, exec, "anyone");
    expect((await listContactablePeople(db, consultant)).map((p) => p.id)).toContain(exec.id);
    const id = await startConversation(db, consultant, { recipientId: exec.id, body: HELLO });
    await setConsultantContact(db, exec, "no_one");
    await expect(sendMessage(db, consultant, { conversationId: id, body: "Following up on my note." })).rejects.toBeInstanceOf(Refused);
    await sendMessage(db, exec, { conversationId: id, body: "Happy to compare notes." });
    await sendMessage(db, consultant, { conversationId: id, body: "Great, thank you." });
    expect(await db.selectFrom("audit_log").select(["action", "reason"]).where("action", "=", "contact_setting.changed").execute()).toHaveLength(2);
  });

  it("two members writing to each other at the same moment share one conversation", async () => {
    const other = await makeMember(db);
    const [a, b] = await Promise.all([
      startConversation(db, exec, { recipientId: other.id, body: "Hello from Priya." }),
      startConversation(db, other, { recipientId: exec.id, body: "Hello back." }),
    ]);
    expect(a).toBe(b);
    expect(await db.selectFrom("conversations").selectAll().execute()).toHaveLength(1);
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(2);
  });

  it("lets consultants write to each other, and executives write to anyone", async () => {
    await expect(startConversation(db, consultant, { recipientId: otherConsultant.id, body: HELLO })).resolves.toBeGreaterThan(0);
    const other = await makeMember(db);
    await expect(startConversation(db, exec, { recipientId: other.id, body: "Hello from one executive to another." })).resolves.toBeGreaterThan(0);
  });

  it("refuses writing to a revoked or suspended member", async () => {
    const gone = await makeMember(db, { status: "revoked" });
    const suspended = await makeMember(db, { status: "suspended" });
    for (const recipient of [gone, suspended]) {
      const error = await refusal(startConversation(db, exec, { recipientId: recipient.id, body: "Hello there." }));
      expect((error as Refused).message).toMatch(/no longer a member/);
    }
    expect((await listContactablePeople(db, exec)).map((p) => p.id)).not.toContain(gone.id);
  });
});

describe("blocks", () => {
  it("end contact both ways, and unblocking restores it", async () => {
    const id = await startConversation(db, exec, { recipientId: consultant.id, body: "Could you share your staffing model?" });
    await sendMessage(db, consultant, { conversationId: id, body: HELLO });
    await blockMember(db, exec, consultant.id);

    const theirs = await refusal(sendMessage(db, consultant, { conversationId: id, body: "Are you there?" }));
    expect((theirs as Refused).message).toBe("Priya Raman is not accepting messages from you.");
    const mine = await refusal(sendMessage(db, exec, { conversationId: id, body: "Actually, one more question." }));
    expect((mine as Refused).message).toBe("You blocked Daniel Brooks. Unblock them to write again.");
    expect((await getConversation(db, consultant, id)).reply.allowed).toBe(false);
    expect((await getConversation(db, exec, id)).blockedByMe).toBe(true);
    expect((await listContactablePeople(db, consultant)).map((p) => p.id)).not.toContain(exec.id);
    expect((await listContactablePeople(db, exec)).map((p) => p.id)).not.toContain(consultant.id);
    // Blocks are private: nothing about them in the audit log.
    expect(await db.selectFrom("audit_log").selectAll().where("action", "like", "%block%").execute()).toHaveLength(0);

    await unblockMember(db, exec, consultant.id);
    await sendMessage(db, consultant, { conversationId: id, body: "Thanks for getting back to me." });
  });

  it("a block by the consultant also stops the executive", async () => {
    await blockMember(db, consultant, exec.id);
    const error = await refusal(startConversation(db, exec, { recipientId: consultant.id, body: "Hello Daniel." }));
    expect((error as Refused).message).toBe("Daniel Brooks is not accepting messages from you.");
  });
});

describe("reading", () => {
  it("only the two participants can read a conversation; others get not found", async () => {
    const id = await startConversation(db, exec, { recipientId: consultant.id, body: "Private note for Daniel." });
    const outsider = await makeMember(db, { roles: ["member", "founder"] });
    await expect(getConversation(db, outsider, id)).rejects.toBeInstanceOf(NotFound);
    await expect(sendMessage(db, outsider, { conversationId: id, body: "Hi both." })).rejects.toBeInstanceOf(NotFound);
    await expect(getConversation(db, exec, 99999)).rejects.toBeInstanceOf(NotFound);
  });

  it("counts unread messages per conversation and in total; reading marks them read", async () => {
    const id = await startConversation(db, exec, { recipientId: consultant.id, body: "First." }, new Date(Date.now() - 2000));
    await sendMessage(db, exec, { conversationId: id, body: "Second." }, new Date(Date.now() - 1000));
    expect((await headerCounts(db, consultant.id)).unreadMessages).toBe(2);
    expect((await headerCounts(db, exec.id)).unreadMessages).toBe(0);
    // The header leaves out the conversation being opened in the same request.
    expect((await headerCounts(db, consultant.id, { reading: id })).unreadMessages).toBe(0);
    expect((await listConversations(db, consultant))[0]).toMatchObject({ id, other_name: "Priya Raman", unread: 2 });
    await getConversation(db, consultant, id);
    expect((await headerCounts(db, consultant.id)).unreadMessages).toBe(0);
    expect((await listConversations(db, consultant))[0]!.unread).toBe(0);
  });

  it("message contents never reach the public moderation log", async () => {
    await refusal(startConversation(db, consultant, { recipientId: otherConsultant.id, body: PITCH }));
    await refusal(startConversation(db, consultant, { recipientId: exec.id, body: HELLO }));
    const log = JSON.stringify(await listModerationLog(db));
    expect(log).not.toContain("calendly");
    expect(log).not.toContain("care thread");
    const audit = JSON.stringify(await db.selectFrom("audit_log").selectAll().execute());
    expect(audit).not.toContain("calendly");
  });
});

describe("pitch check on a consultant's first message", () => {
  it("does not deliver a likely pitch; the sender gets the reasons; edited, it goes through", async () => {
    const error = await refusal(startConversation(db, consultant, { recipientId: otherConsultant.id, body: PITCH }));
    expect(error).toBeInstanceOf(Refused);
    expect((error as Refused).message).toMatch(/reads like a sales pitch/);
    const reasons = (error as Refused).reasons;
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.map((r) => r.excerpt).join(" ")).toMatch(/calendly|20% off/i);
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(0);
    expect(await db.selectFrom("audit_log").select(["rule"]).where("action", "=", "message.held").execute()).toEqual([{ rule: "no_sales_pitches" }]);

    await expect(startConversation(db, consultant, { recipientId: otherConsultant.id, body: HELLO })).resolves.toBeGreaterThan(0);
  });

  it("checks the consultant's first reply in a conversation an executive opened", async () => {
    const id = await startConversation(db, exec, { recipientId: consultant.id, body: "What would you charge for an audit?" });
    await expect(sendMessage(db, consultant, { conversationId: id, body: PITCH })).rejects.toBeInstanceOf(Refused);
    await sendMessage(db, consultant, { conversationId: id, body: HELLO });
  });

  // Fewer rule signals than the threshold: the phrase table alone would deliver it; the model reads the pitch.
  const FRESHLY_WORDED = "Hi Rachel, my studio rebuilds care desks for retailers in six weeks, fixed price, and two of your peers have signed this quarter. Could I show you the numbers on Thursday?";

  it("uses the same combined verdict as posts: the model holds a pitch the rules alone would let through, at the founders' threshold, and the audit names the model", async () => {
    expect(detectPitch(FRESHLY_WORDED).held).toBe(false);
    const error = await refusal(startConversation(db, consultant, { recipientId: otherConsultant.id, body: FRESHLY_WORDED }));
    expect(error).toBeInstanceOf(Refused);
    const reasons = (error as Refused).reasons;
    expect(reasons.some((r) => r.label.startsWith(`Model v${bundledModelFile().version}: reads like a pitch`))).toBe(true);
    for (const r of reasons) expect(FRESHLY_WORDED).toContain(r.excerpt);
    const audit = await db.selectFrom("audit_log").select(["reason", "details"]).where("action", "=", "message.held").executeTakeFirstOrThrow();
    expect(audit.reason).toContain(`model v${bundledModelFile().version}`);
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ modelVersion: bundledModelFile().version, threshold: 1 });
    expect(audit.details).not.toContain("studio");

    // The founders raise the threshold above this message's combined score: it is delivered.
    const founder = await makeMember(db, { roles: ["member", "founder"] });
    await updateModerationSettings(db, founder, { pitchThreshold: 5, flagCompanyThreshold: 3 });
    await expect(startConversation(db, consultant, { recipientId: otherConsultant.id, body: FRESHLY_WORDED })).resolves.toBeGreaterThan(0);
  });

  it("lets through a first message with a weak rule signal that the model reads as discussion", async () => {
    const body = "Hi Rachel, thanks for the question in the care thread. We measured first-response time first, then resolution. Happy to compare notes at the next chapter meeting.";
    expect(detectPitch(body).score).toBeGreaterThan(0);
    await expect(startConversation(db, consultant, { recipientId: otherConsultant.id, body })).resolves.toBeGreaterThan(0);
  });

  it("does not check executives' messages (the rule is about consultants' first messages)", async () => {
    await expect(startConversation(db, exec, { recipientId: consultant.id, body: PITCH })).resolves.toBeGreaterThan(0);
  });
});

describe("limits", () => {
  it("limits new conversations per day and says when the member can start another", async () => {
    const start = new Date("2026-11-23T09:00:00.000Z");
    const peers = await Promise.all([1, 2, 3, 4].map(() => makeMember(db, { memberType: "consultant" })));
    for (let i = 0; i < 3; i++) {
      await startConversation(db, consultant, { recipientId: peers[i]!.id, body: HELLO }, new Date(start.getTime() + i * 60_000));
    }
    const later = new Date("2026-11-23T15:00:00.000Z");
    const error = await refusal(startConversation(db, consultant, { recipientId: peers[3]!.id, body: HELLO }, later));
    expect(error).toBeInstanceOf(TooManyRequests);
    expect((error as Error).message).toBe("You have reached the limit of 3 a day. You can start another conversation after Nov 24, 2026, 09:00 AM UTC.");
    // Continuing an existing conversation is not a new one.
    await startConversation(db, consultant, { recipientId: peers[0]!.id, body: "And a follow-up." }, later);
    const home = await getMessagesHome(db, consultant, later);
    expect(home.newConversations).toEqual({ limit: 3, left: 0, retryAt: "2026-11-24T09:00:00.000Z" });
    // A day after the first one, one more is allowed.
    await startConversation(db, consultant, { recipientId: peers[3]!.id, body: HELLO }, new Date("2026-11-24T09:00:01.000Z"));
  });

  it("limits messages per hour", async () => {
    const id = await startConversation(db, exec, { recipientId: consultant.id, body: "Hello." });
    const now = new Date();
    for (let i = 1; i < 30; i++) await sendMessage(db, exec, { conversationId: id, body: `Note ${i}` }, now);
    const error = await refusal(sendMessage(db, exec, { conversationId: id, body: "One too many." }, now));
    expect((error as Error).message).toMatch(/^You have reached the limit of 30 an hour\. You can send another message after/);
    expect(await db.selectFrom("messages").selectAll().execute()).toHaveLength(30);
  });
});

describe("sign-in still rate-limits through the shared evaluation", () => {
  it("tells the person when they can try again", async () => {
    const person = await makeMember(db, { email: "x@y.example", passwordHash: await hashPassword("right password") });
    for (let i = 0; i < 5; i++) await signIn(db, { email: "x@y.example", password: "wrong", ip: "1.2.3.4" }).catch(() => undefined);
    await expect(signIn(db, { email: "x@y.example", password: "right password", ip: "1.2.3.4" })).rejects.toThrow(/you can try again after/);
    expect((await loadActor(db, person.id))?.status).toBe("active");
  });
});
