import type { Kysely } from "kysely";

// Page speed (issue 19): the thread lists (home page, /threads) read each listed thread's title, author and counts from
// the thread page's shared cache, checked against the thread's content_version. With content_version in this index the
// list query reads the index alone: fifteen entries from one or two pages instead of fifteen table rows and their
// authors scattered over thirty.
// Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_visible_latest").execute();
  await db.schema.createIndex("threads_visible_latest").on("threads").columns(["status", "chapter_id", "last_post_at", "content_version"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_visible_latest").execute();
  await db.schema.createIndex("threads_visible_latest").on("threads").columns(["status", "chapter_id", "last_post_at"]).execute();
}
