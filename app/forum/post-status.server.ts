// One place that moves a post between statuses and keeps its thread in step: the thread's post count
// (published posts and tombstones count; held, rejected and hidden ones do not) and, for an opening
// post, the thread's own status; and its content_version, so cached thread pages are read anew. Used by editing (posts.server.ts) and moderation (moderation.server.ts).
import type { PostStatus } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { nowIso } from "../platform/time";
import { bumpThreadContent, PUBLIC_POST_STATUSES } from "./thread-page-cache.server";
import { bumpForumVersion } from "./forum-version.server";

/** Published posts and tombstones count in a thread; held, rejected and hidden ones do not. */
const COUNTED: readonly PostStatus[] = PUBLIC_POST_STATUSES;

export type PostRef = { id: number; thread_id: number; number: number; status: PostStatus };

/** Sets a post's status inside the caller's transaction. `extra` columns change in the same update. */
export async function applyPostStatus(trx: Db, post: PostRef, status: PostStatus, extra: { rejection_reason?: string | null; hold_reasons?: string | null } = {}) {
  await trx.updateTable("posts").set({ status, ...extra }).where("id", "=", post.id).execute();
  await bumpThreadContent(trx, post.thread_id); // the thread's pages show it differently (thread-page-cache.server.ts)
  const before = COUNTED.includes(post.status);
  const after = COUNTED.includes(status);
  if (post.number === 1) {
    // The opening post carries its thread: held, rejected, hidden or removed, the thread is too.
    await trx.updateTable("threads").set({ status: status === "deleted" ? "published" : status }).where("id", "=", post.thread_id).execute();
    await bumpForumVersion(trx); // the framework grid counts it (or no longer)
  } else if (before !== after) {
    const published = status === "published";
    await trx.updateTable("threads")
      .set((eb) => ({ post_count: eb("post_count", after ? "+" : "-", 1), ...(published && post.status === "held" ? { last_post_at: nowIso() } : {}) }))
      .where("id", "=", post.thread_id).execute();
  }
}
