import type { Kysely } from "kysely";
import { withId } from "./portable";

// Accounts a council can live with (issue 15): password reset links, a member's own profile fields
// (bio, profile URL), and job changes awaiting a reviewer's verification. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("password_resets"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique()) // SHA-256 of the link's token; the token itself is never stored
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("password_resets_person").on("password_resets").column("person_id").execute();

  await db.schema.alterTable("people").addColumn("bio", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("people").addColumn("profile_url", "text").execute();

  await withId(db, db.schema.createTable("job_changes"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("before_facts", "text", (c) => c.notNull()) // JSON: title, company, roleLevel, memberType, socialResponsibility(+note)
    .addColumn("after_facts", "text", (c) => c.notNull())
    .addColumn("policy_version", "integer", (c) => c.notNull().references("eligibility_policies.version"))
    .addColumn("outcome", "text", (c) => c.notNull()) // eligible | needs_review | ineligible, under policy_version
    .addColumn("reasons", "text", (c) => c.notNull()) // JSON EligibilityReason[]
    .addColumn("status", "text", (c) => c.notNull()) // pending | verified | not_verified | notice
    .addColumn("notice_id", "integer", (c) => c.references("membership_notices.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("verified_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("verified_at", "text")
    .addColumn("verification_note", "text")
    .execute();
  await db.schema.createIndex("job_changes_status").on("job_changes").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("job_changes_person").on("job_changes").column("person_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("job_changes").execute();
  await db.schema.alterTable("people").dropColumn("profile_url").execute();
  await db.schema.alterTable("people").dropColumn("bio").execute();
  await db.schema.dropTable("password_resets").execute();
}
