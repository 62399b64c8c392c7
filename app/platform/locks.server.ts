// Locks for rules that count, the one engine-specific place for them (issue 17). Call inside the
// action's transaction.
//
// SQLite: Council's connection runs one transaction at a time (Kysely's SQLite driver holds its one
// connection for the whole transaction), so a read inside a transaction already sees every earlier
// action and no other can interleave: both helpers add nothing there.
// PostgreSQL: transactions run in parallel on the pool's connections (READ COMMITTED), so two actions
// could each count before the other's row is committed. These make the second wait for the first's
// commit; its next statements then see what the first wrote.
import type { SelectQueryBuilder } from "kysely";
import { sql } from "kysely";
import { engineOf, type Db } from "./db.server";

/** Holds a lock named `key` until the transaction ends (pg_advisory_xact_lock on a hash of the key). */
export async function lockKey(trx: Db, key: string): Promise<void> {
  if (engineOf(trx) !== "postgres") return;
  await sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}

/** `SELECT … FOR UPDATE` on PostgreSQL: the selected rows stay locked until the transaction ends. */
export function forUpdate<DB, TB extends keyof DB, O>(trx: Db, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return engineOf(trx) === "postgres" ? query.forUpdate() : query;
}
