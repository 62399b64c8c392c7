import type { Kysely } from "kysely";

// Page speed (issue 19): a thread's `content_version` goes up in the same transaction as every write that changes
// what its pages show (a post written, edited, deleted, held, published, rejected, hidden or removed; an author's
// name or role changed, or their resignation). A server keeps what every member sees alike of a thread page in
// memory and checks this number, read with the thread row it reads anyway, on every use: correct across WORKERS.
// Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("threads").addColumn("content_version", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("threads").dropColumn("content_version").execute();
}
