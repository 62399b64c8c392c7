import Database from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from "kysely";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { DB } from "../../db/schema";
import { getEnv, operationsEnv } from "./env.server";

/** One type for both engines: domain code never knows which one it talks to. */
export type Db = Kysely<DB>;
export type Engine = "sqlite" | "postgres";

/** Which engine `db` runs on; only the small engine-specific modules ask (search, maintenance, db:copy). */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Where the council lives: PostgreSQL when `databaseUrl` is set, else the SQLite file at `databasePath`. */
export type DatabaseTarget = { databaseUrl?: string; databasePath: string; databasePoolSize?: number };

export function openDatabase(target: DatabaseTarget, options: { mustExist?: boolean } = {}): Db {
  return target.databaseUrl ? openPostgres(target.databaseUrl, { poolSize: target.databasePoolSize }) : openDb(target.databasePath, options);
}

// PostgreSQL returns count(*) and sum() as int8 and avg() as numeric, which node-postgres gives as
// strings; SQLite gives numbers. Council's counts are far below 2^53, so both become numbers here.
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * Opens a PostgreSQL database through a pool of `poolSize` connections (DATABASE_POOL_SIZE). Every
 * connection works in UTC; timestamps are ISO-8601 text on both engines, so nothing else depends on it.
 */
export function openPostgres(url: string, options: { poolSize?: number; idleTimeoutMillis?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: options.idleTimeoutMillis ?? 10_000,
    types: pgTypes,
    options: "-c TimeZone=UTC",
  });
  // An idle connection that the server drops (restart, failover) must not crash the process.
  pool.on("error", (error) => console.error("PostgreSQL connection error:", error.message));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

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
  return new Kysely<DB>({ dialect: new ImmediateTransactionsDialect({ database: withStatementCache(sqlite) }) });
}

/**
 * Transactions begin IMMEDIATE: they take SQLite's write lock when they start, not at their first write. With
 * several processes on one file (WORKERS=2 or more, or a command-line tool beside the server) a deferred
 * transaction that has read and then writes fails at once with SQLITE_BUSY if another process wrote in between
 * (busy_timeout cannot help that upgrade); an immediate one waits its turn instead.
 */
class ImmediateTransactionsDialect extends SqliteDialect {
  override createDriver() {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
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
  globalForDb.councilDb ??= openDatabase(getEnv());
  return globalForDb.councilDb;
}
