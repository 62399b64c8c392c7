// Follows and in-app notifications. A member hears about: replies in threads they follow (writing in a
// thread follows it), new threads in lifecycle areas they follow, and mentions (@first.last, see
// mentions.ts) — only in threads they may read, never about their own posts.
import type { NotificationKind } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { NotFound } from "../platform/errors";
import { excerptText } from "./markdown.server";
import { extractMentions, mentionHandle } from "./mentions";
import type { Actor } from "../accounts/permissions";
import { visibleThreads } from "./threads.server";
import { nowIso } from "../platform/time";
import { queueNotifications } from "../platform/notification-queue.server";
import { unreadMessagesCount } from "../moderation/messages.server";

/** Creates the notifications for a newly published post. Call inside the post's transaction. */
export async function notifyForPost(trx: Db, actor: Actor, w: { threadId: number; postId: number; createdAt: string; markdown: string; newThread: boolean }) {
  const thread = await trx.selectFrom("threads").select(["lifecycle_area", "chapter_id", "title"]).where("id", "=", w.threadId).executeTakeFirstOrThrow();
  const recipients = new Map<number, NotificationKind>();
  // Followers first; a mention of the same person wins (it is more specific).
  const followers = w.newThread
    ? await trx.selectFrom("follows").select("person_id").where("lifecycle_area", "=", thread.lifecycle_area).execute()
    : await trx.selectFrom("follows").select("person_id").where("thread_id", "=", w.threadId).execute();
  for (const f of followers) recipients.set(f.person_id, w.newThread ? "new_thread" : "reply");
  for (const id of await resolveMentions(trx, w.markdown)) recipients.set(id, "mention");
  recipients.delete(actor.id);
  if (!recipients.size) return;
  // Only active members who may read the thread (a chapter thread stays in its chapter).
  let allowed = trx.selectFrom("people").select("people.id").where("people.id", "in", [...recipients.keys()]).where("people.status", "=", "active");
  if (thread.chapter_id != null) {
    const chapterId = thread.chapter_id;
    allowed = allowed.where((eb) => eb.or([
      eb("people.chapter_id", "=", chapterId),
      eb.exists(eb.selectFrom("person_roles").select("person_roles.id").whereRef("person_roles.person_id", "=", "people.id")
        .where("person_roles.role", "=", "chapter_president").where("person_roles.chapter_id", "=", chapterId)),
    ]));
  }
  const ids = (await allowed.execute()).map((p) => p.id);
  if (!ids.length) return;
  await trx.insertInto("notifications").values(ids.map((id) => ({
    person_id: id, kind: recipients.get(id)!, thread_id: w.threadId, post_id: w.postId, actor_id: actor.id, created_at: w.createdAt,
  }))).execute();
  // Replies and mentions may also be emailed (new threads in followed areas are left to the digest).
  const emailed = ids.filter((id) => recipients.get(id) !== "new_thread");
  await queueNotifications(trx, emailed.map((id) => {
    const mention = recipients.get(id) === "mention";
    return {
      personId: id, kind: mention ? "mentions" as const : "replies" as const,
      title: mention ? `${actor.name} mentioned you in “${thread.title}”` : `${actor.name} replied in “${thread.title}”`,
      path: `/posts/${w.postId}`, postId: w.postId, threadId: w.threadId, actorId: actor.id,
    };
  }));
}

/** Active members whose @first.last handle appears in the text. */
export async function resolveMentions(db: Db, markdown: string): Promise<number[]> {
  const handles = new Set(extractMentions(markdown));
  if (!handles.size) return [];
  // Narrow by the last part of the handle (handles are [a-z0-9.] only), then compare exactly.
  const lastParts = [...new Set([...handles].map((h) => h.slice(h.lastIndexOf(".") + 1)))];
  const people = await db.selectFrom("people").select(["id", "name"]).where("status", "=", "active")
    .where((eb) => eb.or(lastParts.map((p) => eb(eb.fn("lower", ["name"]), "like", `%${p}%`)))).limit(500).execute();
  return people.filter((p) => handles.has(mentionHandle(p.name))).map((p) => p.id);
}

/** The count of a member's unread notifications, as a query (headerCounts reads it together with unread messages). */
const unreadNotificationsCount = (db: Db, personId: number) => db.selectFrom("notifications")
  .select((eb) => eb.fn.countAll<number>().as("n")).where("person_id", "=", personId).where("read_at", "is", null);

/**
 * What the header shows a signed-in member besides their name — unread notifications and unread messages — in one
 * query on every page. `reading`: the conversation this request opens (its page marks it read), left out.
 */
export async function headerCounts(db: Db, personId: number, options: { reading?: number } = {}) {
  const row = await db.selectNoFrom([
    unreadNotificationsCount(db, personId).as("notifications"),
    unreadMessagesCount(db, personId, options).as("messages"),
  ]).executeTakeFirstOrThrow();
  return { unreadNotifications: Number(row.notifications ?? 0), unreadMessages: Number(row.messages ?? 0) };
}

/** The member's latest notifications, in threads they may still read. */
export async function listNotifications(db: Db, actor: Actor, limit = 50) {
  const rows = await db.selectFrom("notifications")
    .innerJoin("threads", "threads.id", "notifications.thread_id")
    .innerJoin("posts", "posts.id", "notifications.post_id")
    .leftJoin("people as actor", "actor.id", "notifications.actor_id")
    .select([
      "notifications.id", "notifications.kind", "notifications.post_id", "notifications.created_at", "notifications.read_at",
      "threads.title as thread_title", "posts.status as post_status", "posts.body_markdown", "actor.name as actor_name",
    ])
    .where("notifications.person_id", "=", actor.id)
    .where(visibleThreads(actor))
    .orderBy("notifications.created_at", "desc").orderBy("notifications.id", "desc")
    .limit(limit)
    .execute();
  return rows.map(({ body_markdown, post_status, ...n }) => ({
    ...n,
    excerpt: post_status === "published" ? excerptText(body_markdown, 160) : "This post is no longer available.",
  }));
}

export async function markNotificationsRead(db: Db, actor: Actor, ids?: number[]) {
  let query = db.updateTable("notifications").set({ read_at: nowIso() }).where("person_id", "=", actor.id).where("read_at", "is", null);
  if (ids) query = query.where("id", "in", ids.length ? ids : [-1]);
  await query.execute();
}

/** Follow or stop following a thread the member may read. */
export async function setThreadFollow(db: Db, actor: Actor, input: { threadId: number; follow: boolean }) {
  const thread = await db.selectFrom("threads").select("id").where("id", "=", input.threadId).where(visibleThreads(actor, { includeOwn: true })).executeTakeFirst();
  if (!thread) throw new NotFound("This thread does not exist, or it is not visible to you.");
  if (input.follow) {
    await db.insertInto("follows").values({ person_id: actor.id, thread_id: thread.id, lifecycle_area: null, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["person_id", "thread_id"]).doNothing()).execute();
  } else {
    await db.deleteFrom("follows").where("person_id", "=", actor.id).where("thread_id", "=", thread.id).execute();
  }
}

/** Follow or stop following a lifecycle area (new threads in it are notified). */
export async function setAreaFollow(db: Db, actor: Actor, input: { lifecycleArea: string; follow: boolean }) {
  const area = await db.selectFrom("lifecycle_areas").select("key").where("key", "=", input.lifecycleArea).executeTakeFirst();
  if (!area) throw new NotFound("There is no such lifecycle area.");
  if (input.follow) {
    await db.insertInto("follows").values({ person_id: actor.id, thread_id: null, lifecycle_area: area.key, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["person_id", "lifecycle_area"]).doNothing()).execute();
  } else {
    await db.deleteFrom("follows").where("person_id", "=", actor.id).where("lifecycle_area", "=", area.key).execute();
  }
}

/** The lifecycle areas a member follows. */
export async function listFollowedAreas(db: Db, actor: Actor): Promise<string[]> {
  const rows = await db.selectFrom("follows").select("lifecycle_area").where("person_id", "=", actor.id).where("lifecycle_area", "is not", null).execute();
  return rows.map((r) => r.lifecycle_area!);
}

/** The notifications page: the list, the areas followed, and the area names. */
export async function getNotificationsPage(db: Db, actor: Actor) {
  const [notifications, followedAreas, areas] = await Promise.all([
    listNotifications(db, actor),
    listFollowedAreas(db, actor),
    db.selectFrom("lifecycle_areas").select(["key", "name"]).orderBy("position").execute(),
  ]);
  return { notifications, followedAreas, areas };
}
