import type { Kysely } from "kysely";
import { withId } from "./portable";

// Chapter gatherings and who will attend them. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("gatherings"))
    .addColumn("chapter_id", "integer", (c) => c.notNull().references("chapters.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull()) // ISO-8601 UTC
    .addColumn("place", "text")
    .addColumn("link", "text")
    .addColumn("created_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .execute();
  await db.schema.createIndex("gatherings_chapter").on("gatherings").columns(["chapter_id", "starts_at"]).execute();

  await withId(db, db.schema.createTable("gathering_attendance"))
    .addColumn("gathering_id", "integer", (c) => c.notNull().references("gatherings.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("gathering_attendance_once", ["gathering_id", "person_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("gathering_attendance").execute();
  await db.schema.dropTable("gatherings").execute();
}
