import type { Kysely } from "kysely";

// Email digest preferences, one row per person (created on first change or first digest; no row
// means the default: weekly). Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("email_preferences")
    .addColumn("person_id", "integer", (c) => c.primaryKey().references("people.id").onDelete("cascade"))
    .addColumn("digest_frequency", "text", (c) => c.notNull().defaultTo("weekly")) // weekly | monthly | never
    .addColumn("last_digest_at", "text")
    .addColumn("unsubscribed_at", "text") // set by the one-click unsubscribe link
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("email_preferences").execute();
}
