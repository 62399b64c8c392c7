import type { Kysely } from "kysely";
import { withId } from "./portable";

// The forum's reading and writing: edit history, read state, follows, notifications, visits.
// Never edit this file once merged: add a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  // Every earlier version of a post, kept when its author edits it (history is visible to members).
  await withId(db, db.schema.createTable("post_revisions"))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("body_markdown", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("written_at", "text", (c) => c.notNull()) // when this version was first written
    .addColumn("replaced_at", "text", (c) => c.notNull()) // when the edit replaced it
    .execute();
  await db.schema.createIndex("post_revisions_post").on("post_revisions").columns(["post_id", "id"]).execute();

  // How far each member has read each thread: one row per (member, thread), upserted on view.
  await db.schema
    .createTable("thread_reads")
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("last_read_post_number", "integer", (c) => c.notNull())
    .addColumn("last_read_post_at", "text", (c) => c.notNull()) // created_at of that post: compared with threads.last_post_at
    .addColumn("read_at", "text", (c) => c.notNull()) // when the read state last moved forward
    .addPrimaryKeyConstraint("thread_reads_pk", ["person_id", "thread_id"])
    .execute();

  // A member follows a thread or a lifecycle area (exactly one of the two is set).
  await withId(db, db.schema.createTable("follows"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("cascade"))
    .addColumn("lifecycle_area", "text", (c) => c.references("lifecycle_areas.key").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("follows_person_thread").on("follows").columns(["person_id", "thread_id"]).unique().execute();
  await db.schema.createIndex("follows_person_area").on("follows").columns(["person_id", "lifecycle_area"]).unique().execute();
  await db.schema.createIndex("follows_thread").on("follows").column("thread_id").execute();
  await db.schema.createIndex("follows_area").on("follows").column("lifecycle_area").execute();

  // In-app notifications: reply (in a followed thread), mention (@first.last), new_thread (in a followed area).
  await withId(db, db.schema.createTable("notifications"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("actor_id", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  // The header's unread count reads only this index.
  await db.schema.createIndex("notifications_person_unread").on("notifications").columns(["person_id", "read_at"]).execute();
  await db.schema.createIndex("notifications_person_created").on("notifications").columns(["person_id", "created_at"]).execute();

  // "New since your last visit": the start of the member's previous visit.
  await db.schema
    .createTable("member_visits")
    .addColumn("person_id", "integer", (c) => c.primaryKey().references("people.id").onDelete("cascade"))
    .addColumn("previous_visit_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["member_visits", "notifications", "follows", "thread_reads", "post_revisions"]) {
    await db.schema.dropTable(t).execute();
  }
}
