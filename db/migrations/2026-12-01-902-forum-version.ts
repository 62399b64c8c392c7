import type { Kysely } from "kysely";

// Page speed (issue 19): one council-wide `forum_meta.version` that goes up, in the same transaction, with every write
// that changes what the framework grid shows everyone alike without moving the latest activity forward (a thread
// started, an opening post's status changed, the founders' framework words). The home page's shared part (the
// framework's words and the council-wide grid) is kept in memory per server process and used only at this version and
// the latest activity read on each view (app/forum/forum-version.server.ts). Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("forum_meta")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.insertInto("forum_meta").values({ id: 1, version: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("forum_meta").execute();
}
