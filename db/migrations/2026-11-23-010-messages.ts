import type { Kysely } from "kysely";
import { withId } from "./portable";

// Direct messages between members, blocks, each member's "consultants may contact me" setting, and a
// generic record of rate-limited events. Never edit once merged: add a new migration.
export async function up(db: Kysely<any>): Promise<void> {
  // "no_one" (the default: executives choose when to engage) or "anyone".
  await db.schema.alterTable("people").addColumn("consultant_contact", "text", (c) => c.notNull().defaultTo("no_one")).execute();

  await withId(db, db.schema.createTable("conversations"))
    // "<lower id>:<higher id>": two members have at most one conversation.
    .addColumn("pair_key", "text", (c) => c.notNull().unique())
    .addColumn("started_by", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_message_at", "text", (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable("conversation_participants"))
    .addColumn("conversation_id", "integer", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("last_read_at", "text")
    .execute();
  await db.schema.createIndex("conversation_participants_unique").on("conversation_participants").columns(["conversation_id", "person_id"]).unique().execute();
  await db.schema.createIndex("conversation_participants_person").on("conversation_participants").column("person_id").execute();

  await withId(db, db.schema.createTable("messages"))
    .addColumn("conversation_id", "integer", (c) => c.notNull().references("conversations.id").onDelete("cascade"))
    .addColumn("sender_id", "integer", (c) => c.notNull().references("people.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("messages_conversation").on("messages").columns(["conversation_id", "created_at"]).execute();
  await db.schema.createIndex("messages_sender").on("messages").columns(["sender_id", "conversation_id"]).execute();

  await withId(db, db.schema.createTable("blocks"))
    .addColumn("blocker_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("blocked_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("blocks_pair").on("blocks").columns(["blocker_id", "blocked_id"]).unique().execute();
  await db.schema.createIndex("blocks_blocked").on("blocks").column("blocked_id").execute();

  // One row per rate-limited event (a new conversation, a message, a post, a flag), keyed by
  // "<what>:<who>"; counted over a sliding window by app/platform/rate-limit.server.ts.
  await withId(db, db.schema.createTable("rate_limit_events"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rate_limit_events_key_at").on("rate_limit_events").columns(["key", "at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["rate_limit_events", "blocks", "messages", "conversation_participants", "conversations"]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable("people").dropColumn("consultant_contact").execute();
}
