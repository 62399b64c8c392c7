// Direct messages between members, under the "no cold contact" rule (app/moderation/contact-rules.ts):
// a consultant writes to an executive only after that executive opened the door; a block ends
// contact both ways; a consultant's first message to someone goes through the pitch detector, and a
// likely pitch is not delivered (the author keeps the text and sees why). Message contents are
// private: they never enter the audit log, only the fact that a rule refused a message.
import type { ConsultantContact } from "../../db/schema";
import type { NewMessageInput } from "./schemas/messages";
import { recordAudit } from "../platform/audit.server";
import { mayContact, type ContactDecision, type ContactHistory, type ContactParty } from "./contact-rules";
import type { Db } from "../platform/db.server";
import { NotFound, Refused } from "../platform/errors";
import { MESSAGE_LIMIT, newConversationLimitFor } from "../platform/limits";
import type { Actor } from "../accounts/permissions";
import { judgePost } from "./pitch-verdict";
import { screeningContext } from "./screening.server";
import { checkRateLimit, enforceRateLimit } from "../platform/rate-limit.server";
import { nowIso } from "../platform/time";
import { queueNotifications } from "../platform/notification-queue.server";

/** The recipient may hear about a new message by email (after the delay, unless they read it first). */
async function queueMessageNotification(trx: Db, actor: Actor, w: { recipientId: number; conversationId: number; messageId: number }, now: Date) {
  await queueNotifications(trx, [{
    personId: w.recipientId, kind: "messages", title: `${actor.name} sent you a message`, path: `/messages/${w.conversationId}`,
    messageId: w.messageId, conversationId: w.conversationId, actorId: actor.id,
  }], now);
}

export const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

const partyColumns = ["id", "name", "title", "company", "member_type", "status", "consultant_contact"] as const;
type PartyRow = { id: number; name: string; member_type: ContactParty["memberType"]; status: ContactParty["status"]; consultant_contact: ConsultantContact };
const toParty = (p: PartyRow): ContactParty => ({ id: p.id, name: p.name, memberType: p.member_type, status: p.status, consultantContact: p.consultant_contact });
// The sender's own contact setting plays no part in whether they may write.
const senderParty = (actor: Actor): ContactParty => ({ id: actor.id, name: actor.name, memberType: actor.memberType, status: actor.status, consultantContact: "no_one" });

async function loadParty(db: Db, personId: number) {
  return db.selectFrom("people").select(partyColumns).where("id", "=", personId).executeTakeFirst();
}

/** The facts the contact rules need about a sender and a recipient. */
async function historyBetween(db: Db, senderId: number, recipientId: number): Promise<ContactHistory> {
  const [blocks, wrote] = await Promise.all([
    db.selectFrom("blocks").select(["blocker_id"])
      .where((eb) => eb.or([
        eb.and([eb("blocker_id", "=", senderId), eb("blocked_id", "=", recipientId)]),
        eb.and([eb("blocker_id", "=", recipientId), eb("blocked_id", "=", senderId)]),
      ])).execute(),
    db.selectFrom("messages").innerJoin("conversations", "conversations.id", "messages.conversation_id")
      .select("messages.id").where("conversations.pair_key", "=", pairKey(senderId, recipientId))
      .where("messages.sender_id", "=", recipientId).limit(1).executeTakeFirst(),
  ]);
  return {
    senderBlockedRecipient: blocks.some((b) => b.blocker_id === senderId),
    recipientBlockedSender: blocks.some((b) => b.blocker_id === recipientId),
    recipientWroteToSender: wrote !== undefined,
  };
}

/** May `actor` write to this person now? Reads the facts and asks the rules. */
export async function contactDecision(db: Db, actor: Actor, recipientId: number): Promise<ContactDecision> {
  const recipient = await loadParty(db, recipientId);
  if (!recipient) return { allowed: false, refusal: "recipient_unavailable", message: "There is no such member." };
  return mayContact(senderParty(actor), toParty(recipient), await historyBetween(db, actor.id, recipientId));
}

/** The members `actor` may write to now (the recipient picker offers only these). */
export async function listContactablePeople(db: Db, actor: Actor) {
  const [people, blocks, wroteToMe] = await Promise.all([
    db.selectFrom("people").select(partyColumns).where("status", "=", "active").where("id", "!=", actor.id).orderBy("name").execute(),
    db.selectFrom("blocks").select(["blocker_id", "blocked_id"])
      .where((eb) => eb.or([eb("blocker_id", "=", actor.id), eb("blocked_id", "=", actor.id)])).execute(),
    db.selectFrom("messages")
      .innerJoin("conversation_participants as me", (j) => j.onRef("me.conversation_id", "=", "messages.conversation_id").on("me.person_id", "=", actor.id))
      .select("messages.sender_id").distinct().where("messages.sender_id", "!=", actor.id).execute(),
  ]);
  const wrote = new Set(wroteToMe.map((r) => r.sender_id));
  const sender = senderParty(actor);
  return people.filter((p) => mayContact(sender, toParty(p), {
    senderBlockedRecipient: blocks.some((b) => b.blocker_id === actor.id && b.blocked_id === p.id),
    recipientBlockedSender: blocks.some((b) => b.blocker_id === p.id && b.blocked_id === actor.id),
    recipientWroteToSender: wrote.has(p.id),
  }).allowed).map((p) => ({ id: p.id, name: p.name, title: p.title, company: p.company, memberType: p.member_type }));
}

/** A member's conversations, most recent first, with how many messages they have not read. */
export async function listConversations(db: Db, actor: Actor) {
  return db.selectFrom("conversation_participants as me")
    .innerJoin("conversations", "conversations.id", "me.conversation_id")
    .innerJoin("conversation_participants as them", (j) => j.onRef("them.conversation_id", "=", "conversations.id").on("them.person_id", "!=", actor.id))
    .innerJoin("people", "people.id", "them.person_id")
    .select((eb) => [
      "conversations.id", "conversations.last_message_at", "people.id as other_id", "people.name as other_name",
      "people.title as other_title", "people.company as other_company", "people.status as other_status",
      eb.selectFrom("messages").select(eb.fn.countAll<number>().as("n"))
        .whereRef("messages.conversation_id", "=", "conversations.id")
        .where("messages.sender_id", "!=", actor.id)
        .where((w) => w.or([w("me.last_read_at", "is", null), w("messages.created_at", ">", w.ref("me.last_read_at"))]))
        .as("unread"),
    ])
    .where("me.person_id", "=", actor.id)
    .orderBy("conversations.last_message_at", "desc")
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, unread: Number(r.unread ?? 0) })));
}

/**
 * Messages written to this person that they have not read yet (for the header). A conversation that is
 * being opened in the same request is left out: its page marks it read while the header is computed. A count
 * query: the header reads it together with unread notifications (headerCounts, forum/notifications.server.ts).
 */
export function unreadMessagesCount(db: Db, personId: number, options: { reading?: number } = {}) {
  let query = db.selectFrom("messages")
    .innerJoin("conversation_participants as me", (j) => j.onRef("me.conversation_id", "=", "messages.conversation_id").on("me.person_id", "=", personId))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("messages.sender_id", "!=", personId)
    .where((w) => w.or([w("me.last_read_at", "is", null), w("messages.created_at", ">", w.ref("me.last_read_at"))]));
  if (options.reading) query = query.where("messages.conversation_id", "!=", options.reading);
  return query;
}

/** Everything /messages shows: conversations, whom the member may write to, their setting and limit. */
export async function getMessagesHome(db: Db, actor: Actor, now: Date = new Date()) {
  const rule = newConversationLimitFor(actor);
  const [conversations, contactable, me, limit] = await Promise.all([
    listConversations(db, actor),
    listContactablePeople(db, actor),
    db.selectFrom("people").select("consultant_contact").where("id", "=", actor.id).executeTakeFirstOrThrow(),
    checkRateLimit(db, rule, actor.id, now),
  ]);
  return {
    conversations, contactable, consultantContact: me.consultant_contact,
    newConversations: { limit: rule.limit, left: Math.max(0, rule.limit - limit.used), retryAt: limit.retryAt },
  };
}

async function requireParticipant(db: Db, actor: Actor, conversationId: number) {
  const rows = await db.selectFrom("conversation_participants").select(["person_id", "last_read_at"])
    .where("conversation_id", "=", conversationId).execute();
  const me = rows.find((r) => r.person_id === actor.id);
  const other = rows.find((r) => r.person_id !== actor.id);
  // Not a participant: the conversation does not exist as far as they are concerned.
  if (!me || !other) throw new NotFound("There is no conversation at this address.");
  return { otherId: other.person_id };
}

/** A conversation, for one of its two participants only; reading it marks it read. */
export async function getConversation(db: Db, actor: Actor, conversationId: number, now: Date = new Date()) {
  const { otherId } = await requireParticipant(db, actor, conversationId);
  const [other, messages, history] = await Promise.all([
    db.selectFrom("people").select([...partyColumns, "title", "company"]).where("id", "=", otherId).executeTakeFirstOrThrow(),
    db.selectFrom("messages").innerJoin("people", "people.id", "messages.sender_id")
      .select(["messages.id", "messages.body", "messages.created_at", "messages.sender_id", "people.name as sender_name"])
      .where("messages.conversation_id", "=", conversationId).orderBy("messages.id", "asc").execute(),
    historyBetween(db, actor.id, otherId),
  ]);
  await db.updateTable("conversation_participants").set({ last_read_at: nowIso(now) })
    .where("conversation_id", "=", conversationId).where("person_id", "=", actor.id).execute();
  const decision = mayContact(senderParty(actor), toParty(other), history);
  return {
    conversation: { id: conversationId },
    other: { id: other.id, name: other.name, title: other.title, company: other.company, status: other.status },
    messages,
    reply: decision.allowed ? { allowed: true as const } : { allowed: false as const, message: decision.message },
    blockedByMe: history.senderBlockedRecipient,
    firstMessageChecked: needsPitchCheck(actor, messages.some((m) => m.sender_id === actor.id)),
  };
}

/** A consultant's first message to someone goes through the pitch detector. */
const needsPitchCheck = (actor: Actor, hasWrittenBefore: boolean) => actor.memberType === "consultant" && !hasWrittenBefore;

/**
 * A consultant's first message gets the same verdict as a post (pitch-verdict.ts): the rule signals
 * and the model in force combined, held at the founders' threshold. A held message is not delivered;
 * the sender sees the reasons that quote it.
 */
async function refuseIfPitch(db: Db, actor: Actor, recipientId: number, body: string) {
  const { threshold, model } = await screeningContext(db);
  const verdict = judgePost(body, model, threshold, "held");
  if (!verdict.held) return;
  const toward = verdict.reasons.filter((r) => r.weight > 0);
  // The audit row names the rule, the model version and the signals, never the words of the message.
  await recordAudit(db, {
    actorId: actor.id, action: "message.held", subjectType: "person", subjectId: recipientId, rule: "no_sales_pitches",
    reason: `A consultant's first message read like a sales pitch (pitch check, model v${verdict.modelVersion}: score ${verdict.score} at threshold ${threshold}) and was not delivered.`,
    details: { score: verdict.score, probability: verdict.probability, modelVersion: verdict.modelVersion, threshold, signals: [...new Set(toward.map((r) => r.signal))] },
  });
  throw new Refused(
    "Your message was not sent: it reads like a sales pitch, and the council does not allow them. Nothing you wrote is lost — see why below, edit it and send it again.",
    { body: "Not sent: see the reasons above." },
    toward.map((r) => ({ label: r.label, excerpt: r.excerpt })),
  );
}

async function refuseContact(db: Db, actor: Actor, recipientId: number, decision: ContactDecision, field: "recipientId" | "body") {
  if (decision.allowed) return;
  // Attempted cold contact is recorded for moderators (the UI never offers it, so this is deliberate).
  if (decision.refusal === "cold_contact") {
    await recordAudit(db, { actorId: actor.id, action: "message.refused", subjectType: "person", subjectId: recipientId, rule: "no_cold_contact", reason: decision.message });
  }
  throw new Refused(decision.message, { [field]: decision.message });
}

/**
 * Starts a conversation (or continues the pair's existing one) with a first message. Checks, in
 * order: the contact rules, the daily limit on new conversations and the hourly message limit, and
 * for consultants the pitch detector. Returns the conversation id.
 */
export async function startConversation(db: Db, actor: Actor, input: NewMessageInput, now: Date = new Date()): Promise<number> {
  const existing = await db.selectFrom("conversations").select("id").where("pair_key", "=", pairKey(actor.id, input.recipientId)).executeTakeFirst();
  if (existing) {
    await sendMessage(db, actor, { conversationId: existing.id, body: input.body }, now);
    return existing.id;
  }
  await refuseContact(db, actor, input.recipientId, await contactDecision(db, actor, input.recipientId), "recipientId");
  if (needsPitchCheck(actor, false)) await refuseIfPitch(db, actor, input.recipientId, input.body);
  const created = await db.transaction().execute(async (trx) => {
    const at = nowIso(now);
    const conversation = await trx.insertInto("conversations")
      .values({ pair_key: pairKey(actor.id, input.recipientId), started_by: actor.id, created_at: at, last_message_at: at })
      .onConflict((oc) => oc.column("pair_key").doNothing())
      .returning("id").executeTakeFirst();
    if (!conversation) return null; // the other person started one a moment ago
    await enforceRateLimit(trx, newConversationLimitFor(actor), actor.id, now);
    await enforceRateLimit(trx, MESSAGE_LIMIT, actor.id, now);
    await trx.insertInto("conversation_participants").values([
      { conversation_id: conversation.id, person_id: actor.id, last_read_at: at },
      { conversation_id: conversation.id, person_id: input.recipientId, last_read_at: null },
    ]).execute();
    const message = await trx.insertInto("messages").values({ conversation_id: conversation.id, sender_id: actor.id, body: input.body, created_at: at }).returning("id").executeTakeFirstOrThrow();
    await queueMessageNotification(trx, actor, { recipientId: input.recipientId, conversationId: conversation.id, messageId: message.id }, now);
    return conversation.id;
  });
  return created ?? startConversation(db, actor, input, now);
}

/** Sends a message in an existing conversation, under the same rules as starting one. */
export async function sendMessage(db: Db, actor: Actor, input: { conversationId: number; body: string }, now: Date = new Date()): Promise<void> {
  const { otherId } = await requireParticipant(db, actor, input.conversationId);
  await refuseContact(db, actor, otherId, await contactDecision(db, actor, otherId), "body");
  const written = await db.selectFrom("messages").select("id").where("conversation_id", "=", input.conversationId)
    .where("sender_id", "=", actor.id).limit(1).executeTakeFirst();
  if (needsPitchCheck(actor, written !== undefined)) await refuseIfPitch(db, actor, otherId, input.body);
  await db.transaction().execute(async (trx) => {
    await enforceRateLimit(trx, MESSAGE_LIMIT, actor.id, now);
    const at = nowIso(now);
    const message = await trx.insertInto("messages").values({ conversation_id: input.conversationId, sender_id: actor.id, body: input.body, created_at: at }).returning("id").executeTakeFirstOrThrow();
    await queueMessageNotification(trx, actor, { recipientId: otherId, conversationId: input.conversationId, messageId: message.id }, now);
    await trx.updateTable("conversations").set({ last_message_at: at }).where("id", "=", input.conversationId).execute();
    await trx.updateTable("conversation_participants").set({ last_read_at: at })
      .where("conversation_id", "=", input.conversationId).where("person_id", "=", actor.id).execute();
  });
}

/**
 * Blocks a member: neither can write to the other until the blocker unblocks. Blocks are private to
 * the blocker (no audit row; the other person is only told they cannot write).
 */
/** Whether either of two members has blocked the other (a blocked member's messages and posts never notify). */
export async function eitherBlocked(db: Db, a: number, b: number): Promise<boolean> {
  const history = await historyBetween(db, a, b);
  return history.senderBlockedRecipient || history.recipientBlockedSender;
}

export async function blockMember(db: Db, actor: Actor, personId: number, now: Date = new Date()): Promise<void> {
  if (personId === actor.id) throw new Refused("You cannot block yourself.");
  const person = await db.selectFrom("people").select("id").where("id", "=", personId).executeTakeFirst();
  if (!person) throw new NotFound("There is no such member.");
  const existing = await db.selectFrom("blocks").select("id").where("blocker_id", "=", actor.id).where("blocked_id", "=", personId).executeTakeFirst();
  if (!existing) await db.insertInto("blocks").values({ blocker_id: actor.id, blocked_id: personId, created_at: nowIso(now) }).execute();
}

export async function unblockMember(db: Db, actor: Actor, personId: number): Promise<void> {
  await db.deleteFrom("blocks").where("blocker_id", "=", actor.id).where("blocked_id", "=", personId).execute();
}

/** Blocks or unblocks the other participant of a conversation (participants only). */
export async function setBlockInConversation(db: Db, actor: Actor, conversationId: number, blocked: boolean): Promise<void> {
  const { otherId } = await requireParticipant(db, actor, conversationId);
  await (blocked ? blockMember(db, actor, otherId) : unblockMember(db, actor, otherId));
}

/** "Consultants may contact me: no one | anyone" — the member's own choice, recorded. */
export async function setConsultantContact(db: Db, actor: Actor, consultantContact: ConsultantContact): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("people").set({ consultant_contact: consultantContact }).where("id", "=", actor.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "contact_setting.changed", subjectType: "person", subjectId: actor.id, reason: `Consultants may contact me: ${consultantContact === "anyone" ? "anyone" : "no one"}` });
  });
}
