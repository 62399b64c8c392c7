import type { Kysely } from "kysely";

// Resigning (issue 15): a person may leave the council. Their row stays (their posts and messages keep
// an author, shown as "Former member"); `resigned_at` says when, and `former_email_normalized` keeps the
// address they used so a reviewer can see that a new applicant is a former member, while
// `email_normalized` is freed so the address can apply and join again. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").addColumn("resigned_at", "text").execute();
  await db.schema.alterTable("people").addColumn("former_email_normalized", "text").execute();
  await db.schema.createIndex("people_former_email").on("people").column("former_email_normalized").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("people_former_email").execute();
  for (const column of ["former_email_normalized", "resigned_at"]) await db.schema.alterTable("people").dropColumn(column).execute();
}
