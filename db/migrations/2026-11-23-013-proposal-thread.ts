import type { Kysely } from "kysely";

// A policy proposal's discussion thread in the forum, started with the proposal. Null for proposals
// made before this migration (their case and discussion stay in the text field). Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("policy_proposals")
    .addColumn("thread_id", "integer", (c) => c.references("threads.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("policy_proposals").dropColumn("thread_id").execute();
}
