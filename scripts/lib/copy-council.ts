// Copies a SQLite council into an EMPTY PostgreSQL database (npm run db:copy). The one place that moves
// data between engines:
// 1. migrate the target (the same ordered list: the schema, its triggers, the search table);
// 2. copy every table in foreign-key order, in one transaction, with the tables' own triggers off
//    (the copied framework_cell_counts rows are already right; the search index is rebuilt after);
// 3. set every id sequence past the largest copied id; rebuild the search index; count both sides.
import type Database from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "../../db/migrate";
import { rebuildSearchIndex } from "../../db/migrations/2026-11-23-004-search";
import type { Db } from "../../app/platform/db.server";
import { CliError } from "./cli";

/**
 * Tables the target already has from its migrations, or rebuilds (the search index). The search change log describes
 * the source's index versions, not the target's: the target's starts empty (its rebuilt index is ranked from scratch).
 */
const NOT_COPIED = new Set(["kysely_migration", "kysely_migration_lock", "posts_fts", "search_meta", "search_changes"]);
const BATCH_ROWS = 500;

export type TableCount = { table: string; source: number; target: number };

/** The target's tables, parents before children (by its foreign keys). */
async function tablesInForeignKeyOrder(db: Kysely<any>): Promise<string[]> {
  const tables = (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db)).rows.map((r) => r.name);
  const edges = (await sql<{ child: string; parent: string }>`SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
    FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`.execute(db)).rows;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

/** Refuses a target that already holds any table: db:copy never merges into or overwrites a database. */
export async function assertEmptyTarget(target: Kysely<any>) {
  const found = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()`.execute(target);
  if (Number(found.rows[0]?.n ?? 0) > 0) {
    throw new CliError("The target PostgreSQL database is not empty (it has tables); db:copy only copies into an empty database. Create one (createdb) and try again.");
  }
}

export async function copyCouncil(source: Database.Database, target: Db, log: (line: string) => void = () => {}): Promise<TableCount[]> {
  await assertEmptyTarget(target);
  await migrateToLatest(target);
  const sourceTables = new Set((source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
  const tables = (await tablesInForeignKeyOrder(target)).filter((t) => !NOT_COPIED.has(t));
  const missing = tables.filter((t) => !sourceTables.has(t));
  if (missing.length) throw new CliError(`The SQLite council has no ${missing.join(", ")} table(s); migrate it first (npm run db:migrate).`);

  await target.transaction().execute(async (trx) => {
    // The migrations' seed rows (the framework vocabulary, the default policy) come from the source instead.
    for (const table of [...tables].reverse()) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
    for (const table of tables) {
      await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(trx);
      let batch: Record<string, unknown>[] = [];
      let copied = 0;
      const flush = async () => {
        if (!batch.length) return;
        await trx.insertInto(table as never).values(batch as never).execute();
        copied += batch.length;
        batch = [];
      };
      for (const row of source.prepare(`SELECT * FROM "${table}"`).iterate() as Iterable<Record<string, unknown>>) {
        batch.push(row);
        if (batch.length >= BATCH_ROWS) await flush();
      }
      await flush();
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(trx);
      log(`  ${table}: ${copied} rows`);
    }
    // Ids continue after the largest copied one.
    const serials = await sql<{ table: string; seq: string }>`SELECT table_name AS table, pg_get_serial_sequence(table_name, 'id') AS seq
      FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'id' AND column_default LIKE 'nextval%'`.execute(trx);
    for (const s of serials.rows) {
      await sql`SELECT setval(${s.seq}, coalesce((SELECT max(id) FROM ${sql.table(s.table)}), 0) + 1, false)`.execute(trx);
    }
  });
  log("  search index: rebuilding…");
  await rebuildSearchIndex(target);

  const counts: TableCount[] = [];
  for (const table of [...tables, "posts_fts", "search_meta"].sort()) {
    const sourceCount = Number(source.prepare(`SELECT count(*) FROM "${table}"`).pluck().get());
    const targetCount = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(target)).rows[0]!.n);
    counts.push({ table, source: sourceCount, target: targetCount });
  }
  return counts;
}
