import type { Kysely } from "kysely";

// Page speed (issue 19): the home page's "Latest discussions", "New since your last visit" and its "new for you"
// counts ask for visible council-wide threads (status, chapter_id) by latest activity. The only index with both
// columns also has the cell's columns before last_post_at, so SQLite read every visible thread (50,000 on the bench
// council) and sorted them to return fifteen. This one returns them in order.
// Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("threads_visible_latest").on("threads").columns(["status", "chapter_id", "last_post_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("threads_visible_latest").execute();
}
