// Reading the council: the framework grid, thread lists, a thread's pages, and each member's read
// state (thread_reads) and visits (member_visits). Writing lives in posts.server.ts.
import type { ExpressionBuilder } from "kysely";
import type { DB } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { NotFound } from "../platform/errors";
import { quoteMarkdown } from "./markdown.server";
import type { Actor } from "../accounts/permissions";
import { addMinutes, nowIso } from "../platform/time";

import { pageOfPost, postPath, POSTS_PER_PAGE } from "./post-links";
import { councilWideCells, forumVersion, latestActivityOf, sharedFramework } from "./forum-version.server";
import { lastNumberFor, postsVisibleTo, PUBLIC_POST_STATUSES, sharedPosts, sharedThread } from "./thread-page-cache.server";

export { pageOfPost, postPath, POSTS_PER_PAGE };

/** The chapters whose threads this member may read. */
export const memberChapters = (actor: Actor) =>
  [...new Set([actor.chapterId, ...actor.presidentOf].filter((c): c is number => c != null))];

/**
 * Threads this member may see: published, and either council-wide or in a chapter they belong to.
 * With `includeOwn`, also their own threads whose opening post is held for review.
 */
export function visibleThreads(actor: Actor, o: { includeOwn?: boolean } = {}) {
  const chapters = memberChapters(actor);
  return (eb: ExpressionBuilder<DB, "threads">) =>
    eb.and([
      o.includeOwn
        ? eb.or([eb("threads.status", "=", "published"), eb("threads.author_id", "=", actor.id)])
        : eb("threads.status", "=", "published"),
      chapters.length ? eb.or([eb("threads.chapter_id", "is", null), eb("threads.chapter_id", "in", chapters)]) : eb("threads.chapter_id", "is", null),
    ]);
}

/** Posts of a visible thread this member may see: published posts and tombstones; held posts only their author. */
export function visiblePosts(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "posts">) =>
    eb.or([eb("posts.status", "in", PUBLIC_POST_STATUSES), eb("posts.author_id", "=", actor.id)]);
}

/** The framework's words (from memory at the current forum version: forum-version.server.ts). */
export async function getFramework(db: Db, version?: string) {
  return sharedFramework(db, version ?? (await forumVersion(db)));
}

export type GridCell = { threadCount: number; latest: string | null; newCount: number };

/**
 * Thread counts and latest activity for every lifecycle area × discipline cell, and — when `since`
 * (the member's previous visit) is given — how many threads in it are new for this member: active
 * since then and not read up to their latest post.
 */
export async function getFrameworkGrid(db: Db, actor: Actor, filter: { maturityStage?: string; since?: string } = {}, version?: string) {
  // Council-wide threads: the same for every member, from memory at the current forum version (counts kept by
  // triggers, migration 014; forum-version.server.ts). Chapter threads: counted here, for the member's chapters only.
  const councilWide = councilWideCells(db, version ?? (await forumVersion(db)), filter.maturityStage);
  const chapters = memberChapters(actor);
  const inChapters = chapters.length
    ? await db.selectFrom("threads")
      .select((eb) => ["lifecycle_area", "discipline", eb.fn.countAll<number>().as("thread_count"), eb.fn.max("last_post_at").as("latest")])
      .where("status", "=", "published").where("chapter_id", "in", chapters)
      .$if(!!filter.maturityStage, (q) => q.where("maturity_stage", "=", filter.maturityStage!))
      .groupBy(["lifecycle_area", "discipline"]).execute()
    : [];
  const cells: Record<string, GridCell> = {};
  for (const r of [...(await councilWide), ...inChapters]) {
    if (!Number(r.thread_count)) continue;
    const cell = (cells[`${r.lifecycle_area}:${r.discipline}`] ??= { threadCount: 0, latest: null, newCount: 0 });
    cell.threadCount += Number(r.thread_count);
    if (r.latest && (!cell.latest || r.latest > cell.latest)) cell.latest = r.latest;
  }
  if (filter.since) {
    let fresh = db
      .selectFrom("threads")
      .leftJoin("thread_reads as tr", (join) => join.onRef("tr.thread_id", "=", "threads.id").on("tr.person_id", "=", actor.id))
      .select((eb) => ["threads.lifecycle_area", "threads.discipline", eb.fn.countAll<number>().as("n")])
      .where(visibleThreads(actor))
      .where("threads.last_post_at", ">", filter.since)
      .where((eb) => eb.or([eb("tr.thread_id", "is", null), eb("tr.last_read_post_at", "<", eb.ref("threads.last_post_at"))]))
      .groupBy(["threads.lifecycle_area", "threads.discipline"]);
    if (filter.maturityStage) fresh = fresh.where("threads.maturity_stage", "=", filter.maturityStage);
    for (const r of await fresh.execute()) {
      const cell = cells[`${r.lifecycle_area}:${r.discipline}`];
      if (cell) cell.newCount = Number(r.n);
    }
  }
  return cells;
}

export type ThreadListFilter = {
  lifecycleArea?: string;
  discipline?: string;
  maturityStage?: string;
  limit?: number;
  /** Only threads active after this time (ISO). */
  activeAfter?: string;
  /** Only threads with posts this member has not read. */
  unreadOnly?: boolean;
};

/**
 * The latest active threads this member may see, with their read state: `unread_count` counts
 * published posts after the last one they read (null when they never opened the thread). The query reads only the
 * threads_visible_latest index (migration 905) and the member's reads; what every member sees alike (title, author,
 * post count…) comes from the thread page's shared cache at each thread's content_version, read with it.
 */
export async function listLatestThreads(db: Db, actor: Actor, filter: ThreadListFilter = {}) {
  let query = db
    .selectFrom("threads")
    .leftJoin("thread_reads as tr", (join) => join.onRef("tr.thread_id", "=", "threads.id").on("tr.person_id", "=", actor.id))
    .select((eb) => [
      "threads.id", "threads.last_post_at", "threads.content_version", "tr.last_read_post_number",
      eb.selectFrom("posts").select(eb.fn.countAll<number>().as("n"))
        .whereRef("posts.thread_id", "=", "threads.id")
        .whereRef("posts.number", ">", "tr.last_read_post_number")
        .where("posts.status", "=", "published")
        .as("unread_count"),
    ])
    .where(visibleThreads(actor))
    .orderBy("threads.last_post_at", "desc")
    .limit(filter.limit ?? 20);
  if (filter.lifecycleArea) query = query.where("threads.lifecycle_area", "=", filter.lifecycleArea);
  if (filter.discipline) query = query.where("threads.discipline", "=", filter.discipline);
  if (filter.maturityStage) query = query.where("threads.maturity_stage", "=", filter.maturityStage);
  if (filter.activeAfter) query = query.where("threads.last_post_at", ">", filter.activeAfter);
  if (filter.unreadOnly) {
    query = query.where((eb) => eb.or([eb("tr.thread_id", "is", null), eb("tr.last_read_post_at", "<", eb.ref("threads.last_post_at"))]));
  }
  const rows = await query.execute();
  const shared = await Promise.all(rows.map((r) => sharedThread(db, r.id, Number(r.content_version))));
  return rows.flatMap(({ id, last_post_at, last_read_post_number, unread_count }, i) => {
    const t = shared[i];
    if (!t) return []; // deleted since the list was read
    return [{
      id, title: t.title, lifecycle_area: t.lifecycle_area, discipline: t.discipline, maturity_stage: t.maturity_stage,
      post_count: t.post_count, last_post_at, author_name: t.author_name,
      /** Never opened by this member. */
      unopened: last_read_post_number == null,
      unreadCount: last_read_post_number == null ? 0 : Number(unread_count ?? 0),
    }];
  });
}

/**
 * A thread and one page of its posts (a fixed range of post numbers), as this member may see them. What every reader
 * sees alike comes from thread-page-cache.server.ts, checked against the thread's content_version read here; what is
 * personal (visibility, read position, follow, own flags, own held posts) is read or applied per request.
 */
export async function getThreadPage(db: Db, actor: Actor, threadId: number, page = 1) {
  const personal = await db
    .selectFrom("threads")
    .leftJoin("thread_reads as tr", (join) => join.onRef("tr.thread_id", "=", "threads.id").on("tr.person_id", "=", actor.id))
    .select((eb) => [
      "threads.content_version", "tr.last_read_post_number",
      eb.exists(eb.selectFrom("follows").select("follows.id").whereRef("follows.thread_id", "=", "threads.id").where("follows.person_id", "=", actor.id)).as("following"),
    ])
    .where("threads.id", "=", threadId)
    .where(visibleThreads(actor, { includeOwn: true }))
    .executeTakeFirst();
  const notVisible = () => new NotFound("This thread does not exist, or it is not visible to you.");
  if (!personal) throw notVisible();
  const version = Number(personal.content_version);
  const shared = await sharedThread(db, threadId, version);
  if (!shared) throw notVisible();
  const range = { from: (page - 1) * POSTS_PER_PAGE, to: page * POSTS_PER_PAGE };
  const posts = postsVisibleTo(await sharedPosts(db, threadId, range, version), actor.id);
  // This member's open flags (the Flag control offers "withdraw" instead), read by person: a few at most
  // (flags_open_by_person, migration 906); only this page's posts are looked up in them.
  const flagged = posts.some((p) => p.status === "published" && p.author_id !== actor.id)
    ? new Set((await db.selectFrom("flags").select("post_id")
      .where("person_id", "=", actor.id).where("withdrawn_at", "is", null).where("resolved_at", "is", null)
      .execute()).map((f) => f.post_id))
    : new Set<number>();
  const lastNumber = lastNumberFor(shared, actor.id);
  const { lastPublicNumber: _public, lastOwnNumber: _own, ...thread } = shared;
  return {
    thread: { ...thread, last_read_post_number: personal.last_read_post_number, last_number: lastNumber, following: Boolean(personal.following) },
    posts: posts.map((p) => ({ ...p, flagged_by_me: flagged.has(p.id) })),
    page,
    pageCount: pageOfPost(lastNumber),
    lastNumber,
    /** What the page shows changes only with this number (threads.content_version): markup made from it keeps till then. */
    contentVersion: version,
  };
}

/**
 * Opening a thread. Without a page, a member who has read part of it is sent to the first post they
 * have not read (`redirect`); otherwise one page, with `firstUnread` marked, and their read state moved
 * forward with at most one upsert. `quotePostId` pre-fills the reply with a quote of that post.
 */
export async function openThread(db: Db, actor: Actor, threadId: number, o: { page?: number; quotePostId?: number } = {}) {
  const view = await getThreadPage(db, actor, threadId, o.page ?? 1);
  const lastRead = view.thread.last_read_post_number;
  let firstUnread: number | null = null;
  if (lastRead != null && lastRead < view.lastNumber) {
    if (o.page == null && o.quotePostId == null) {
      const next = await db.selectFrom("posts").select("number").where("thread_id", "=", threadId).where("number", ">", lastRead)
        .where(visiblePosts(actor)).orderBy("number").limit(1).executeTakeFirst();
      if (next) return { redirect: postPath(threadId, next.number) };
    }
    // A page asked for by number marks the first unread post only if it is on that page: its posts say which.
    firstUnread = view.posts.find((p) => p.number > lastRead)?.number ?? null;
  }
  const seen = view.posts.at(-1);
  if (seen && (lastRead == null || seen.number > lastRead)) await recordRead(db, actor.id, threadId, seen.number, seen.created_at);
  let quote = "";
  if (o.quotePostId) {
    const quoted = await db.selectFrom("posts").innerJoin("people", "people.id", "posts.author_id")
      .select(["posts.body_markdown", "people.name"]).where("posts.id", "=", o.quotePostId).where("posts.thread_id", "=", threadId)
      .where("posts.status", "=", "published").executeTakeFirst();
    if (quoted) quote = quoteMarkdown(quoted.name, quoted.body_markdown);
  }
  return { redirect: null, ...view, firstUnread, quote };
}

/** Moves a member's read position in a thread forward (never back). */
export async function recordRead(db: Db, personId: number, threadId: number, number: number, postCreatedAt: string) {
  const now = nowIso();
  await db
    .insertInto("thread_reads")
    .values({ person_id: personId, thread_id: threadId, last_read_post_number: number, last_read_post_at: postCreatedAt, read_at: now })
    .onConflict((oc) => oc.columns(["person_id", "thread_id"]).doUpdateSet({
      last_read_post_number: number, last_read_post_at: postCreatedAt, read_at: now,
    }).where("thread_reads.last_read_post_number", "<", number))
    .execute();
}

const VISIT_GAP_MINUTES = 30;
const FIRST_VISIT_LOOKBACK_DAYS = 14;

/**
 * Records that the member is here and returns when their previous visit began. A new visit starts
 * after 30 minutes away; on a first visit, "since your last visit" means the last two weeks.
 */
export async function touchVisit(db: Db, personId: number, now = new Date()): Promise<string> {
  const row = await db.selectFrom("member_visits").selectAll().where("person_id", "=", personId).executeTakeFirst();
  const at = nowIso(now);
  if (!row) {
    const previous = new Date(now.getTime() - FIRST_VISIT_LOOKBACK_DAYS * 86_400_000).toISOString();
    await db.insertInto("member_visits").values({ person_id: personId, previous_visit_at: previous, last_seen_at: at })
      .onConflict((oc) => oc.column("person_id").doNothing()).execute();
    return previous;
  }
  if (row.last_seen_at < addMinutes(now, -VISIT_GAP_MINUTES).toISOString()) {
    await db.updateTable("member_visits").set({ previous_visit_at: row.last_seen_at, last_seen_at: at }).where("person_id", "=", personId).execute();
    return row.last_seen_at;
  }
  // Same visit: keep last_seen fresh, at most one write a minute.
  if (row.last_seen_at < addMinutes(now, -1).toISOString()) {
    await db.updateTable("member_visits").set({ last_seen_at: at }).where("person_id", "=", personId).execute();
  }
  return row.previous_visit_at;
}

/** Everything the home page shows a member: the grid with what is new for them, and the latest threads. */
export async function getHome(db: Db, actor: Actor, filter: { maturityStage?: string } = {}) {
  const [since, version] = await Promise.all([touchVisit(db, actor.id), forumVersion(db)]);
  // No thread anywhere has moved since the member's last visit: nothing is new for them, and no need to ask.
  const newSince = (latestActivityOf(version) ?? "") > since ? since : undefined;
  const [framework, cells, latest, newSinceVisit] = await Promise.all([
    getFramework(db, version),
    getFrameworkGrid(db, actor, { maturityStage: filter.maturityStage, since: newSince }, version),
    listLatestThreads(db, actor, { maturityStage: filter.maturityStage, limit: 15 }),
    newSince ? listLatestThreads(db, actor, { maturityStage: filter.maturityStage, activeAfter: newSince, unreadOnly: true, limit: 10 }) : [],
  ]);
  return { framework, cells, latest, newSinceVisit, since, forumVersion: version };
}

/** Chapters a member may start a thread in (those they belong to or preside over). */
export async function listMemberChapters(db: Db, actor: Actor) {
  const ids = memberChapters(actor);
  if (!ids.length) return [];
  return db.selectFrom("chapters").select(["id", "name"]).where("id", "in", ids).orderBy("name").execute();
}

/** What the new-thread form offers this member: the framework and their chapters. */
export async function getNewThreadOptions(db: Db, actor: Actor) {
  const [framework, chapters] = await Promise.all([getFramework(db), listMemberChapters(db, actor)]);
  return { framework, chapters };
}

/** A cell's (or any filtered) thread list, with read state, and whether the member follows its lifecycle area. */
export async function getThreadList(db: Db, actor: Actor, filter: ThreadListFilter) {
  const [framework, threads, follow] = await Promise.all([
    getFramework(db),
    listLatestThreads(db, actor, filter),
    filter.lifecycleArea
      ? db.selectFrom("follows").select("id").where("person_id", "=", actor.id).where("lifecycle_area", "=", filter.lifecycleArea).executeTakeFirst()
      : undefined,
  ]);
  return { framework, threads, followingArea: Boolean(follow) };
}
