import type { Kysely } from "kysely";
import { withId } from "./portable";

// Changing one's email (issue 15): the request, its confirmation link (only the token's SHA-256 is
// stored; 24 hours, single use) and, for a free-webmail address, the reviewer's decision.
// status: pending (link sent) | applied | review (confirmed, awaiting a reviewer) | approved | declined | superseded.
// Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("email_changes"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("old_email", "text", (c) => c.notNull())
    .addColumn("new_email", "text", (c) => c.notNull())
    .addColumn("new_email_normalized", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("reviewed_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("reviewed_at", "text")
    .addColumn("review_note", "text")
    .execute();
  await db.schema.createIndex("email_changes_person").on("email_changes").columns(["person_id", "status"]).execute();
  await db.schema.createIndex("email_changes_status").on("email_changes").column("status").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("email_changes").execute();
}
