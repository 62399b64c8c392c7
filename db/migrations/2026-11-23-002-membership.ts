import type { Kysely } from "kysely";
import { withId } from "./portable";

// Eligibility policy versions and the email outbox. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("eligibility_policies")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull()) // draft | adopted | superseded
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("rules", "text", (c) => c.notNull()) // JSON PolicyRules (app/membership/eligibility.ts)
    .addColumn("author_id", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("adopted_at", "text")
    .addColumn("adopted_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .execute();

  await withId(db, db.schema.createTable("outbox"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text")
    .addColumn("headers", "text") // JSON of extra headers, e.g. List-Unsubscribe
    .addColumn("kind", "text", (c) => c.notNull())
    // queued (to send by SMTP) | sent | failed (gave up after retries) | stored (no SMTP: kept here to read)
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("next_attempt_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_status").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_to").on("outbox").column("to_address").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outbox").execute();
  await db.schema.dropTable("eligibility_policies").execute();
}
