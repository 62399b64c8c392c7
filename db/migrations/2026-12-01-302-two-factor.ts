import type { Kysely } from "kysely";
import { withId } from "./portable";

// Two-factor sign-in (TOTP, RFC 6238) and single-use recovery codes (issue 15). Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("people").addColumn("totp_secret", "text").execute(); // base32 key once enrolled
  await db.schema.alterTable("people").addColumn("totp_pending_secret", "text").execute(); // during enrolment, until one code confirms it
  await db.schema.alterTable("people").addColumn("totp_enabled_at", "text").execute();
  await db.schema.alterTable("people").addColumn("totp_last_step", "integer").execute(); // the last accepted 30-second step: no replay
  await withId(db, db.schema.createTable("recovery_codes"))
    .addColumn("person_id", "integer", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull()) // SHA-256 of the normalised code
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_person").on("recovery_codes").columns(["person_id", "code_hash"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("recovery_codes").execute();
  for (const column of ["totp_last_step", "totp_enabled_at", "totp_pending_secret", "totp_secret"]) {
    await db.schema.alterTable("people").dropColumn(column).execute();
  }
}
