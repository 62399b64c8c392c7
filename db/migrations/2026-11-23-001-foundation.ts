import type { Kysely } from "kysely";
import { withId } from "./portable";

// Timestamps are ISO-8601 UTC strings (sortable as text in both SQLite and Postgres);
// booleans are integers 0/1. Never edit this file once merged: add a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("lifecycle_areas")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("disciplines")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("maturity_stages")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("chapters"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("people"))
    .addColumn("email", "text", (c) => c.notNull())
    // Lower-cased copy: emails are unique case-insensitively, portably.
    .addColumn("email_normalized", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("role_level", "text", (c) => c.notNull())
    .addColumn("member_type", "text", (c) => c.notNull())
    .addColumn("social_responsibility", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("social_responsibility_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
    .addColumn("password_hash", "text")
    .addColumn("chapter_id", "integer", (c) => c.references("chapters.id").onDelete("set null"))
    .addColumn("joined_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();

  await withId(db, db.schema.createTable("person_roles"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    // Set only for a chapter president: the chapter they preside over.
    .addColumn("chapter_id", "integer", (c) => c.references("chapters.id").onDelete("cascade"))
    .addColumn("granted_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("granted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("person_roles_person").on("person_roles").column("person_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey()) // sha-256 of the token, hex
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_person").on("sessions").column("person_id").execute();

  await withId(db, db.schema.createTable("sign_in_failures"))
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_failures_email").on("sign_in_failures").columns(["email_normalized", "at"]).execute();
  await db.schema.createIndex("sign_in_failures_ip").on("sign_in_failures").columns(["ip", "at"]).execute();

  await withId(db, db.schema.createTable("audit_log"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text")
    .addColumn("subject_id", "integer")
    .addColumn("rule", "text")
    .addColumn("policy_version", "integer")
    .addColumn("reason", "text")
    .addColumn("details", "text") // JSON; may hold private details never shown in public logs
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
  await db.schema.createIndex("audit_log_subject").on("audit_log").columns(["subject_type", "subject_id"]).execute();

  await withId(db, db.schema.createTable("applications"))
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("status_token_hash", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("role_level", "text", (c) => c.notNull())
    .addColumn("member_type", "text", (c) => c.notNull())
    .addColumn("social_responsibility", "integer", (c) => c.notNull())
    .addColumn("social_responsibility_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("profile_url", "text")
    .addColumn("referred_by", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("policy_version", "integer")
    .addColumn("decision_reasons", "text") // JSON list of reasons
    .execute();
  await db.schema.createIndex("applications_email").on("applications").column("email_normalized").execute();
  await db.schema.createIndex("applications_status").on("applications").columns(["status", "created_at"]).execute();

  await withId(db, db.schema.createTable("threads"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("lifecycle_area", "text", (c) => c.notNull().references("lifecycle_areas.key"))
    .addColumn("discipline", "text", (c) => c.notNull().references("disciplines.key"))
    .addColumn("maturity_stage", "text", (c) => c.references("maturity_stages.key"))
    .addColumn("chapter_id", "integer", (c) => c.references("chapters.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .addColumn("post_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_post_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("threads_cell").on("threads").columns(["lifecycle_area", "discipline", "last_post_at"]).execute();
  await db.schema.createIndex("threads_last_post").on("threads").column("last_post_at").execute();

  await withId(db, db.schema.createTable("posts"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id").onDelete("cascade"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("number", "integer", (c) => c.notNull()) // 1-based position in the thread
    .addColumn("body_markdown", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull()) // rendered and sanitized once, at write time
    // published | held (pitch check) | hidden (flags) | removed (moderator) | deleted (author)
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published"))
    .addColumn("hold_reasons", "text") // JSON, from the pitch detector
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("edited_at", "text")
    .execute();
  await db.schema.createIndex("posts_thread_number").on("posts").columns(["thread_id", "number"]).unique().execute();
  await db.schema.createIndex("posts_status").on("posts").column("status").execute();
  await db.schema.createIndex("posts_author").on("posts").columns(["author_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "posts", "threads", "applications", "audit_log", "sign_in_failures", "sessions",
    "person_roles", "people", "chapters", "maturity_stages", "disciplines", "lifecycle_areas",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
