import type { ExpressionBuilder } from "kysely";
import type { DB } from "../../db/schema";
import type { Db } from "./db.server";
import { NotFound } from "./errors";
import type { Actor } from "./permissions";

export const POSTS_PER_PAGE = 30;

/** Threads this member may see: published, and either council-wide or in a chapter they belong to. */
export function visibleThreads(actor: Actor) {
  const chapters = [...new Set([actor.chapterId, ...actor.presidentOf].filter((c): c is number => c != null))];
  return (eb: ExpressionBuilder<DB, "threads">) =>
    eb.and([
      eb("threads.status", "=", "published"),
      chapters.length ? eb.or([eb("threads.chapter_id", "is", null), eb("threads.chapter_id", "in", chapters)]) : eb("threads.chapter_id", "is", null),
    ]);
}

export async function getFramework(db: Db) {
  const [areas, disciplines, stages] = await Promise.all([
    db.selectFrom("lifecycle_areas").selectAll().orderBy("position").execute(),
    db.selectFrom("disciplines").selectAll().orderBy("position").execute(),
    db.selectFrom("maturity_stages").selectAll().orderBy("position").execute(),
  ]);
  return { areas, disciplines, stages };
}

/** Thread counts and latest activity for every lifecycle area × discipline cell. */
export async function getFrameworkGrid(db: Db, actor: Actor, filter: { maturityStage?: string } = {}) {
  let query = db
    .selectFrom("threads")
    .select((eb) => ["lifecycle_area", "discipline", eb.fn.countAll<number>().as("thread_count"), eb.fn.max("last_post_at").as("latest")])
    .where(visibleThreads(actor))
    .groupBy(["lifecycle_area", "discipline"]);
  if (filter.maturityStage) query = query.where("maturity_stage", "=", filter.maturityStage);
  const rows = await query.execute();
  const cells: Record<string, { threadCount: number; latest: string | null }> = {};
  for (const r of rows) cells[`${r.lifecycle_area}:${r.discipline}`] = { threadCount: Number(r.thread_count), latest: r.latest };
  return cells;
}

export async function listLatestThreads(
  db: Db,
  actor: Actor,
  filter: { lifecycleArea?: string; discipline?: string; maturityStage?: string; limit?: number } = {},
) {
  let query = db
    .selectFrom("threads")
    .innerJoin("people", "people.id", "threads.author_id")
    .select([
      "threads.id", "threads.title", "threads.lifecycle_area", "threads.discipline", "threads.maturity_stage",
      "threads.post_count", "threads.last_post_at", "people.name as author_name",
    ])
    .where(visibleThreads(actor))
    .orderBy("threads.last_post_at", "desc")
    .limit(filter.limit ?? 20);
  if (filter.lifecycleArea) query = query.where("threads.lifecycle_area", "=", filter.lifecycleArea);
  if (filter.discipline) query = query.where("threads.discipline", "=", filter.discipline);
  if (filter.maturityStage) query = query.where("threads.maturity_stage", "=", filter.maturityStage);
  return query.execute();
}

/** A thread and one page of its posts, as this member may see them. */
export async function getThreadPage(db: Db, actor: Actor, threadId: number, page = 1) {
  const thread = await db
    .selectFrom("threads")
    .innerJoin("people", "people.id", "threads.author_id")
    .select([
      "threads.id", "threads.title", "threads.lifecycle_area", "threads.discipline", "threads.maturity_stage",
      "threads.chapter_id", "threads.post_count", "threads.created_at", "people.name as author_name",
    ])
    .where("threads.id", "=", threadId)
    .where(visibleThreads(actor))
    .executeTakeFirst();
  if (!thread) throw new NotFound("This thread does not exist, or it is not visible to you.");
  const posts = await db
    .selectFrom("posts")
    .innerJoin("people", "people.id", "posts.author_id")
    .select([
      "posts.id", "posts.number", "posts.body_html", "posts.status", "posts.created_at", "posts.edited_at",
      "posts.author_id", "people.name as author_name", "people.title as author_title", "people.company as author_company",
    ])
    .where("posts.thread_id", "=", threadId)
    // Held posts are visible to their author only; everyone sees published posts and tombstones.
    .where((eb) => eb.or([eb("posts.status", "in", ["published", "deleted", "removed"]), eb("posts.author_id", "=", actor.id)]))
    .orderBy("posts.number")
    .limit(POSTS_PER_PAGE)
    .offset((page - 1) * POSTS_PER_PAGE)
    .execute();
  return { thread, posts, page, pageCount: Math.max(1, Math.ceil(thread.post_count / POSTS_PER_PAGE)) };
}
