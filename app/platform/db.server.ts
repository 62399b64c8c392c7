import Database from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import fs from "node:fs";
import path from "node:path";
import type { DB } from "../../db/schema";
import { getEnv, operationsEnv } from "./env.server";

export type Db = Kysely<DB>;

/**
 * Opens a SQLite database with the settings Council relies on. `:memory:` works for tests. Creates the
 * file and its folders unless `mustExist` (the CLIs check the path first: scripts/lib/database.ts).
 * WAL with `synchronous=NORMAL` (the default) loses no committed transaction when the process crashes, but a
 * power loss or kernel crash can drop the last commits; `SQLITE_SYNCHRONOUS=full` syncs every commit to disk.
 */
export function openDb(file: string, options: { mustExist?: boolean } = {}): Db {
  if (file !== ":memory:" && !options.mustExist) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { fileMustExist: options.mustExist ?? false });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma(`synchronous = ${operationsEnv().sqliteSynchronous === "full" ? "FULL" : "NORMAL"}`);
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Kysely asks better-sqlite3 to prepare every query it runs; the same few hundred SQL texts repeat on
 * every request, so each is prepared once and reused (the oldest is dropped past `max`, since IN-lists
 * make some texts vary). Statements are only run to completion (all/run), never left iterating.
 */
function withStatementCache(sqlite: Database.Database, max = 1000) {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

// One connection per process, kept across dev-server reloads.
const globalForDb = globalThis as unknown as { councilDb?: Db };
export function getDb(): Db {
  globalForDb.councilDb ??= openDb(getEnv().databasePath);
  return globalForDb.councilDb;
}
