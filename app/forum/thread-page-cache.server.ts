// What every member who may read a thread sees alike — its header and each page's posts, with their authors — kept in
// memory so a thread page costs one small personal query instead of rebuilding the same rows for every reader.
//
// Correct across WORKERS and across connections: an entry is used only at the `threads.content_version` it was read
// at, and that number is read on every request with the thread row the page reads anyway (the visibility check).
// Every write that changes what a thread's pages show bumps it in the same transaction (`bumpThreadContent`,
// `bumpThreadsOfAuthor`): a post written, edited, deleted or moved between statuses (applyPostStatus), an author's
// name, title or company changed (profile, job-change review, resignation).
//
// Visibility is never cached: a page entry holds every post of the page's number range, whatever its status, and
// each request keeps only what this member may see (`visiblePosts`' rule, applied in memory); the thread itself is
// checked per request (`visibleThreads`). Personal state (read position, follow, own flags) is read per request.
// Bounded: least recently used entries go past MAX_ENTRIES or MAX_BYTES (about the size of the post bodies held).
import type { Db } from "../platform/db.server";
import { createVersionedCache } from "../platform/versioned-cache.server";
import type { SharedPost } from "./thread-post";

/** Posts shown to every reader of a visible thread; other statuses only to their author. */
export const PUBLIC_POST_STATUSES = ["published", "deleted", "removed"] as const;
const isPublicStatus = (status: string) => (PUBLIC_POST_STATUSES as readonly string[]).includes(status);

export type SharedThread = {
  id: number; title: string; lifecycle_area: string; discipline: string; maturity_stage: string | null; chapter_id: number | null;
  post_count: number; created_at: string; status: string; author_name: string;
  /** The last post number every reader sees, and per author the last of their posts only they see (held, rejected, hidden). */
  lastPublicNumber: number; lastOwnNumber: Map<number, number>;
};


export const MAX_ENTRIES = 3000;
export const MAX_BYTES = 16 * 1024 * 1024;

const cache = createVersionedCache<SharedThread | SharedPost[] | string>({ maxEntries: MAX_ENTRIES, maxBytes: MAX_BYTES });

/** How many entries and bytes this database's cache holds (tests, benchmarks). */
export const threadPageCacheSize = (db: Db) => cache.size(db);

/** A thread's shared header at `version` (the content_version the caller just read), from memory or the database. */
export async function sharedThread(db: Db, threadId: number, version: number): Promise<SharedThread | undefined> {
  const key = `t:${threadId}`;
  const cached = cache.get(db, key, version) as SharedThread | undefined;
  if (cached) return cached;
  const row = await db
    .selectFrom("threads")
    .innerJoin("people", "people.id", "threads.author_id")
    .select([
      "threads.id", "threads.title", "threads.lifecycle_area", "threads.discipline", "threads.maturity_stage", "threads.chapter_id",
      "threads.post_count", "threads.created_at", "threads.status", "threads.content_version", "people.name as author_name",
    ])
    .where("threads.id", "=", threadId)
    .executeTakeFirst();
  if (!row) return undefined;
  const lastNumbers = await db.selectFrom("posts")
    .select((eb) => ["posts.author_id", "posts.status", eb.fn.max("posts.number").as("n")])
    .where("posts.thread_id", "=", threadId)
    .groupBy(["posts.author_id", "posts.status"])
    .execute();
  let lastPublicNumber = 0;
  const lastOwnNumber = new Map<number, number>();
  for (const r of lastNumbers) {
    const n = Number(r.n ?? 0);
    if (isPublicStatus(r.status)) lastPublicNumber = Math.max(lastPublicNumber, n);
    else lastOwnNumber.set(r.author_id, Math.max(lastOwnNumber.get(r.author_id) ?? 0, n));
  }
  const { content_version, ...header } = row;
  const thread: SharedThread = { ...header, lastPublicNumber, lastOwnNumber };
  // Labelled with the version this read saw (never older than the caller's): a later write bumps it past the label.
  cache.set(db, key, Number(content_version), thread, 256 + thread.title.length);
  return thread;
}

/** Every post numbered `from` < n ≤ `to` in the thread, whatever its status, at `version`; tombstones carry no words. */
export async function sharedPosts(db: Db, threadId: number, range: { from: number; to: number }, version: number): Promise<SharedPost[]> {
  const key = `p:${threadId}:${range.from}:${range.to}`;
  const cached = cache.get(db, key, version) as SharedPost[] | undefined;
  if (cached) return cached;
  const rows = await db
    .selectFrom("posts")
    .innerJoin("people", "people.id", "posts.author_id")
    .select([
      "posts.id", "posts.number", "posts.body_html", "posts.status", "posts.hold_reasons", "posts.rejection_reason", "posts.created_at",
      "posts.edited_at", "posts.author_id", "people.name as author_name", "people.title as author_title", "people.company as author_company",
    ])
    .where("posts.thread_id", "=", threadId)
    .where("posts.number", ">", range.from)
    .where("posts.number", "<=", range.to)
    .orderBy("posts.number")
    .execute();
  let bytes = 256;
  const posts = rows.map((p): SharedPost => {
    const tombstone = p.status === "deleted" || p.status === "removed";
    const post = {
      ...p,
      // Tombstones keep their place but never their words.
      body_html: tombstone ? "" : p.body_html,
      hold_reasons: (p.status === "held" || p.status === "rejected") && p.hold_reasons ? (JSON.parse(p.hold_reasons) as { label: string; excerpt: string }[]) : null,
    };
    bytes += 200 + post.body_html.length + (p.hold_reasons?.length ?? 0) + (p.rejection_reason?.length ?? 0);
    return post;
  });
  // The caller read `version` before this query, so these rows are at least that new: a write since then has bumped
  // the version past the label, and the entry is not used again.
  cache.set(db, key, version, posts, bytes);
  return posts;
}

/**
 * A page's post list as markup, for one member variant (everything personal the markup depends on, e.g. which posts
 * are theirs), at `version`: made by `render` once, then shared by every reader with that variant until the page
 * changes.
 */
export function postListMarkup(db: Db, where: { threadId: number; page: number; variant: string }, version: number, render: () => string): string {
  return cache.remember(db, `m:${where.threadId}:${where.page}:${where.variant}`, version, render, (markup) => 2 * markup.length);
}

/** The posts of `posts` this member may see: every reader the public ones, an author also their own (held, rejected, hidden). */
export const postsVisibleTo = <P extends { status: string; author_id: number }>(posts: readonly P[], personId: number) =>
  posts.filter((p) => isPublicStatus(p.status) || p.author_id === personId);

/** The last post number this member sees in the thread. */
export const lastNumberFor = (thread: SharedThread, personId: number) =>
  Math.max(thread.lastPublicNumber, thread.lastOwnNumber.get(personId) ?? 0);

/** Inside a write's transaction: what this thread's pages show has changed. */
export async function bumpThreadContent(trx: Db, threadId: number) {
  await trx.updateTable("threads").set((eb) => ({ content_version: eb("content_version", "+", 1) })).where("id", "=", threadId).execute();
}

/** Inside a write's transaction: this person's name, title or company changed, so every thread they wrote in shows it anew. */
export async function bumpThreadsOfAuthor(trx: Db, personId: number) {
  await trx.updateTable("threads").set((eb) => ({ content_version: eb("content_version", "+", 1) }))
    .where("id", "in", (eb) => eb.selectFrom("posts").select("posts.thread_id").where("posts.author_id", "=", personId))
    .execute();
}
