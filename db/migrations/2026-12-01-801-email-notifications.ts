import type { Kysely } from "kysely";
import { withId } from "./portable";

// Email notifications (issue 20): what each member is waiting to hear about by email, their choices
// per kind and quiet hours, and the inbound replies already handled (one row per Message-ID, so the
// same message arriving twice posts once). Never edit this file once merged: add a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per thing a member may be emailed about: pending until the delay has passed, then sent
  // (in a batch), or dropped with the reason (read in the app, hidden, blocked, digest, never).
  await withId(db, db.schema.createTable("email_notifications"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // messages | replies | mentions | moderation | votes
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("cascade"))
    .addColumn("message_id", "integer", (c) => c.references("messages.id").onDelete("cascade"))
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("cascade"))
    .addColumn("conversation_id", "integer", (c) => c.references("conversations.id").onDelete("cascade"))
    .addColumn("actor_id", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull()) // one line: what happened
    .addColumn("body", "text") // the text of a decision or vote (posts and messages are read at send time)
    .addColumn("path", "text", (c) => c.notNull()) // the link, relative to PUBLIC_URL
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending")) // pending | sent | dropped
    .addColumn("drop_reason", "text")
    .addColumn("decided_at", "text")
    .addColumn("outbox_id", "integer")
    .execute();
  await db.schema.createIndex("email_notifications_due").on("email_notifications").columns(["status", "due_at"]).execute();
  await db.schema.createIndex("email_notifications_person").on("email_notifications").columns(["person_id", "status"]).execute();

  await db.schema.createTable("notification_preferences")
    .addColumn("person_id", "integer", (c) => c.primaryKey().references("people.id").onDelete("cascade"))
    .addColumn("messages", "text", (c) => c.notNull().defaultTo("immediate")) // immediate | digest | never
    .addColumn("replies", "text", (c) => c.notNull().defaultTo("immediate"))
    .addColumn("mentions", "text", (c) => c.notNull().defaultTo("immediate"))
    .addColumn("moderation", "text", (c) => c.notNull().defaultTo("immediate"))
    .addColumn("votes", "text", (c) => c.notNull().defaultTo("immediate"))
    .addColumn("quiet_start", "integer") // minutes after local midnight; null: no quiet hours
    .addColumn("quiet_end", "integer")
    .addColumn("time_zone", "text", (c) => c.notNull().defaultTo("UTC"))
    .execute();

  await withId(db, db.schema.createTable("inbound_emails"))
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("person_id", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("outcome", "text", (c) => c.notNull()) // processing | posted | held | refused | ignored
    .addColumn("detail", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("inbound_emails").execute();
  await db.schema.dropTable("notification_preferences").execute();
  await db.schema.dropTable("email_notifications").execute();
}
