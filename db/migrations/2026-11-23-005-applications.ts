import type { Kysely } from "kysely";
import { withId } from "./portable";

// Applications: the policy verdict recorded at apply time, the reviewer's verified facts, a per-IP
// record of submissions (rate limit), and invitations. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("applications").addColumn("verdict_outcome", "text").execute(); // eligible | ineligible | needs_review
  await db.schema.alterTable("applications").addColumn("verdict_policy_version", "integer").execute();
  await db.schema.alterTable("applications").addColumn("verdict_reasons", "text").execute(); // JSON list of reasons
  await db.schema.alterTable("applications").addColumn("title_verified", "integer").execute(); // null: not yet checked; 0/1
  await db.schema.alterTable("applications").addColumn("domain_verified", "integer").execute();
  await db.schema.alterTable("applications").addColumn("verification_note", "text").execute();
  await db.schema.alterTable("applications")
    .addColumn("verified_by", "integer", (c) => c.references("people.id").onDelete("set null")).execute();
  await db.schema.alterTable("applications").addColumn("verified_at", "text").execute();

  await withId(db, db.schema.createTable("application_submissions"))
    .addColumn("ip", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("application_submissions_ip").on("application_submissions").columns(["ip", "at"]).execute();

  await withId(db, db.schema.createTable("invitations"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique()) // sha-256 of the token, hex
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_normalized", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("company", "text", (c) => c.notNull())
    .addColumn("role_level", "text", (c) => c.notNull())
    .addColumn("member_type", "text", (c) => c.notNull())
    .addColumn("social_responsibility", "integer", (c) => c.notNull())
    .addColumn("social_responsibility_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("application_id", "integer", (c) => c.references("applications.id").onDelete("set null"))
    .addColumn("invited_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("policy_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("person_id", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("invitations_email").on("invitations").column("email_normalized").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invitations").execute();
  await db.schema.dropTable("application_submissions").execute();
  for (const column of ["verified_at", "verified_by", "verification_note", "domain_verified", "title_verified", "verdict_reasons", "verdict_policy_version", "verdict_outcome"]) {
    await db.schema.alterTable("applications").dropColumn(column).execute();
  }
}
