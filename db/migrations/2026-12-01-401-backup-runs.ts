import type { Kysely } from "kysely";
import { withId } from "./portable";

// Every backup the server or `npm run backup` attempted: its file and checks when it succeeded, the error
// when it failed. The founders' dashboard and GET /healthz read the latest rows. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("backup_runs"))
    .addColumn("kind", "text", (c) => c.notNull()) // nightly | manual
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text", (c) => c.notNull())
    .addColumn("ok", "integer", (c) => c.notNull()) // 1 written and checked, 0 failed
    .addColumn("file", "text")
    .addColumn("size_bytes", "integer")
    .addColumn("sha256", "text")
    .addColumn("error", "text")
    .execute();
  await db.schema.createIndex("backup_runs_by_time").on("backup_runs").columns(["ok", "started_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("backup_runs").execute();
}
