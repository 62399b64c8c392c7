import type { Kysely } from "kysely";

// Where a member is signed in (issue 15): the browser's user agent, the IP address truncated to /24
// (IPv4) or /48 (IPv6) — never the full address — and when the session was last used. Null for
// sessions made before this migration. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
  await db.schema.alterTable("sessions").addColumn("ip_prefix", "text").execute();
  await db.schema.alterTable("sessions").addColumn("last_used_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["last_used_at", "ip_prefix", "user_agent"]) await db.schema.alterTable("sessions").dropColumn(column).execute();
}
