// The queue of email notifications: each domain adds what a member may want to hear about, inside
// the transaction of the action that caused it (a reply, a message, a decision, a vote opening).
// The forum's email-notifications.server.ts decides later — after NOTIFY_DELAY_MINUTES — whether and
// how to email it, re-checking at that moment that the member may still see it.
import type { NotifyKind } from "../../db/schema";
import type { Db } from "./db.server";
import { getEnv } from "./env.server";
import { addMinutes, nowIso } from "./time";

export type QueuedNotification = {
  personId: number;
  kind: NotifyKind;
  title: string;
  path: string;
  body?: string | null;
  postId?: number | null;
  messageId?: number | null;
  threadId?: number | null;
  conversationId?: number | null;
  actorId?: number | null;
};

export async function queueNotifications(trx: Db, items: QueuedNotification[], now = new Date()): Promise<void> {
  if (!items.length) return;
  const due = addMinutes(now, getEnv().notifyDelayMinutes).toISOString();
  await trx.insertInto("email_notifications").values(items.map((i) => ({
    person_id: i.personId, kind: i.kind, title: i.title, path: i.path, body: i.body ?? null,
    post_id: i.postId ?? null, message_id: i.messageId ?? null, thread_id: i.threadId ?? null,
    conversation_id: i.conversationId ?? null, actor_id: i.actorId ?? null,
    created_at: nowIso(now), due_at: due,
  }))).execute();
}
