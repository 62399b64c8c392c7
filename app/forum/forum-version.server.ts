// What the home page shows every member alike — the framework's words and the council-wide grid (thread counts and
// latest activity per cell) — kept in memory per server process and used only at the council-wide
// version read on each view (`forumVersion`: forum_meta.version, migration 902, with the latest activity anywhere):
// correct across WORKERS. Every write that changes the grid or the words without moving the latest activity forward
// bumps forum_meta in its own transaction (`bumpForumVersion`: a thread started, an opening post's status changed in
// applyPostStatus, the founders' framework edit); a published reply moves max(threads.last_post_at). Chapter
// threads, what is new for the member and which threads the lists show stay per request; each listed thread's
// markup is shared (threadListMarkup).
import type { Selectable } from "kysely";
import type { DB } from "../../db/schema";
import type { Db } from "../platform/db.server";
import { createVersionedCache } from "../platform/versioned-cache.server";

type Term = Selectable<DB["lifecycle_areas"]>;
type Framework = { areas: Term[]; disciplines: Term[]; stages: Term[] };
export type CellRow = { lifecycle_area: string; discipline: string; thread_count: number; latest: string | null };

const cache = createVersionedCache<Framework | CellRow[]>({ maxEntries: 64, maxBytes: 2 * 1024 * 1024 });

/**
 * The version the home page's shared part is read at: forum_meta.version (bumped by rare writes: a thread started,
 * an opening post's status changed, the framework's words) together with the latest activity anywhere
 * (`max(threads.last_post_at)`, one step down the threads_last_post index), which every published reply moves
 * forward — so a reply, the most frequent write, costs no extra write. A string; compared for equality only.
 */
export async function forumVersion(db: Db): Promise<string> {
  const row = await db.selectFrom("forum_meta")
    .select((eb) => ["forum_meta.version", eb.selectFrom("threads").select((t) => t.fn.max("threads.last_post_at").as("m")).as("latest")])
    .where("forum_meta.id", "=", 1).executeTakeFirst();
  return `${row?.version ?? 0}@${row?.latest ?? ""}`;
}

/** The latest activity anywhere (ISO) when `version` was read, or null when there are no threads. */
export const latestActivityOf = (version: string): string | null => version.slice(version.indexOf("@") + 1) || null;

/** Inside a write's transaction: the framework grid (or its words) shows something new. */
export async function bumpForumVersion(trx: Db) {
  await trx.updateTable("forum_meta").set((eb) => ({ version: eb("version", "+", 1) })).where("id", "=", 1).execute();
}

const markup = createVersionedCache<string>({ maxEntries: 2048, maxBytes: 4 * 1024 * 1024 });

/**
 * The grid's markup at `version` for one set of counts (`variant`: the maturity stage and every cell's counts, "new for
 * you" included): made by `render` once, then shared by every member who sees the same counts until the version moves.
 */
export function gridMarkup(db: Db, version: string, variant: string, render: () => string): string {
  return markup.remember(db, variant, version, render, (html) => 2 * html.length);
}

/**
 * A list of threads as markup: each row rendered by `render` once per its content and the member's read state, then
 * shared by every member who sees that row alike. The row itself is the key, so a row's markup never goes stale.
 */
export function threadListMarkup<Row>(db: Db, rows: Row[], render: (row: Row) => string): string {
  return rows.map((row) => markup.remember(db, `row:${JSON.stringify(row)}`, "row", () => render(row), (html) => 2 * html.length)).join("");
}

/** The framework's words (lifecycle areas, disciplines, maturity stages), in order. */
export function sharedFramework(db: Db, version: string): Promise<Framework> {
  return cache.load(db, "framework", version, async () => {
    const [areas, disciplines, stages] = await Promise.all([
      db.selectFrom("lifecycle_areas").selectAll().orderBy("position").execute(),
      db.selectFrom("disciplines").selectAll().orderBy("position").execute(),
      db.selectFrom("maturity_stages").selectAll().orderBy("position").execute(),
    ]);
    return { areas, disciplines, stages };
  }, (f) => JSON.stringify(f).length);
}

/**
 * Council-wide threads per lifecycle area × discipline cell (counts kept by triggers, migration 014) and each cell's
 * latest activity, optionally for one maturity stage.
 */
export function councilWideCells(db: Db, version: string, maturityStage?: string): Promise<CellRow[]> {
  return cache.load(db, `cells:${maturityStage ?? ""}`, version, async () => {
    let cellCounts = db.selectFrom("framework_cell_counts")
      .select((eb) => ["lifecycle_area", "discipline", eb.fn.sum<number>("thread_count").as("thread_count")])
      .groupBy(["lifecycle_area", "discipline"]);
    if (maturityStage) cellCounts = cellCounts.where("maturity_stage", "=", maturityStage);
    const rows = await db
      .selectFrom(cellCounts.as("c"))
      .select((eb) => [
        "c.lifecycle_area", "c.discipline", "c.thread_count",
        // "Newest first, one row" rather than max(): it lets the planner walk the cell's index from its end.
        eb.selectFrom("threads").select("threads.last_post_at")
          .where("threads.status", "=", "published").where("threads.chapter_id", "is", null)
          .whereRef("threads.lifecycle_area", "=", "c.lifecycle_area").whereRef("threads.discipline", "=", "c.discipline")
          .$if(!!maturityStage, (q) => q.where("threads.maturity_stage", "=", maturityStage!))
          .orderBy("threads.last_post_at", "desc").limit(1)
          .as("latest"),
      ])
      .execute();
    return rows.map((r) => ({ lifecycle_area: r.lifecycle_area, discipline: r.discipline, thread_count: Number(r.thread_count), latest: r.latest ?? null }));
  }, (rows) => 100 * rows.length + 256);
}
