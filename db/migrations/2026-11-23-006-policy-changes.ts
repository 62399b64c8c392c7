import type { Kysely } from "kysely";
import { withId } from "./portable";

// Policy changes: notices to members who no longer qualify under an adopted policy version, and
// appeals against a revocation. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable("membership_notices"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("policy_version", "integer", (c) => c.notNull().references("eligibility_policies.version"))
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("reasons", "text", (c) => c.notNull()) // JSON EligibilityReason[] under the adopted version
    .addColumn("revoke_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // pending | executed | cancelled
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .execute();
  await db.schema.createIndex("membership_notices_due").on("membership_notices").columns(["status", "revoke_at"]).execute();
  await db.schema.createIndex("membership_notices_person").on("membership_notices").column("person_id").execute();

  await withId(db, db.schema.createTable("appeals"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("revocation_audit_id", "integer", (c) => c.notNull().references("audit_log.id"))
    .addColumn("statement", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull()) // open | upheld | denied
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "integer", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("decision_reason", "text")
    .execute();
  await db.schema.createIndex("appeals_status").on("appeals").columns(["status", "created_at"]).execute();
  // One appeal per revocation.
  await db.schema.createIndex("appeals_revocation").unique().on("appeals").column("revocation_audit_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("appeals").execute();
  await db.schema.dropTable("membership_notices").execute();
}
