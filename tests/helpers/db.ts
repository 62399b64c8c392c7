// A real database per caller, on the engine this run tests: SQLite (the default) or PostgreSQL when
// TEST_DATABASE_URL names a server (npm test starts a throwaway one: scripts/lib/throwaway-postgres.ts).
// SQLite: migrated once into a template file, copied for each caller.
// PostgreSQL: migrated once into the council_template database (tests/helpers/pg-global-setup.ts), and
// each caller gets a new database made from it (CREATE DATABASE … TEMPLATE).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, sql } from "kysely";
import { openDb, openPostgres, type Db } from "../../app/platform/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";

/** The PostgreSQL server's URL (any database on it) when this run tests PostgreSQL. */
export const testPostgresUrl = process.env.TEST_DATABASE_URL || undefined;
export const testEngine: "sqlite" | "postgres" = testPostgresUrl ? "postgres" : "sqlite";
export const PG_TEMPLATE = "council_template";

/** `url` with its database name replaced. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A migrated database with the framework vocabulary and the default policy: what every test starts from. */
export async function prepareTemplate(db: Db) {
  await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
}

let template: Promise<string> | undefined;

async function buildTemplate(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-template-")), "template.db");
  const db = openDb(file);
  await prepareTemplate(db);
  await db.destroy();
  return file;
}

let admin: Kysely<any> | undefined;
let made = 0;
let next: Promise<string> | undefined;

async function makePostgresDatabase(): Promise<string> {
  admin ??= openPostgres(withDatabase(testPostgresUrl!, "postgres"), { poolSize: 1, idleTimeoutMillis: 1000 }) as Kysely<any>;
  const name = `council_t_${process.pid}_${++made}_${Date.now().toString(36)}`;
  await sql.raw(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`).execute(admin);
  return withDatabase(testPostgresUrl!, name);
}

/** A new, EMPTY PostgreSQL database (no tables); returns its URL. */
export async function createEmptyPostgresDatabase(): Promise<string> {
  admin ??= openPostgres(withDatabase(testPostgresUrl!, "postgres"), { poolSize: 1, idleTimeoutMillis: 1000 }) as Kysely<any>;
  const name = `council_empty_${process.pid}_${++made}_${Date.now().toString(36)}`;
  await sql.raw(`CREATE DATABASE ${name}`).execute(admin);
  return withDatabase(testPostgresUrl!, name);
}

/**
 * A new migrated PostgreSQL database (from the template); returns its URL. Copying takes ~0.2 s, so
 * the next one is made while the caller's test runs.
 */
export async function createPostgresTestDatabase(): Promise<string> {
  const url = await (next ?? makePostgresDatabase());
  next = makePostgresDatabase();
  next.catch(() => undefined); // reported when awaited
  return url;
}

/**
 * A fresh, migrated database with the framework vocabulary, on this run's engine. On PostgreSQL,
 * `poolSize` connections (4 by default; concurrency tests ask for more).
 */
export async function createTestDb(options: { poolSize?: number } = {}): Promise<Db> {
  if (testPostgresUrl) {
    // Small pools that close when idle: a test file makes one database per test, and the old ones
    // must not hold connections the server has too few of.
    return openPostgres(await createPostgresTestDatabase(), { poolSize: options.poolSize ?? 4, idleTimeoutMillis: 200 });
  }
  template ??= buildTemplate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-test-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(await template, file);
  return openDb(file);
}

/**
 * One test database opened twice, as two server processes (WORKERS) would: two SQLite connections to one file, or two
 * PostgreSQL pools. What one writes the other reads only through the database, never through the other's memory.
 */
export async function createTestDbTwice(): Promise<[Db, Db]> {
  if (testPostgresUrl) {
    const url = await createPostgresTestDatabase();
    return [openPostgres(url, { poolSize: 2, idleTimeoutMillis: 200 }), openPostgres(url, { poolSize: 2, idleTimeoutMillis: 200 })];
  }
  template ??= buildTemplate();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "council-test-")), "test.db");
  fs.copyFileSync(await template, file);
  return [openDb(file), openDb(file)];
}
