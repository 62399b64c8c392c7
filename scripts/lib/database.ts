// The database side of the CLIs. Two ways in, and only two:
//
// - prepareDatabase(env): npm start, serve, db:migrate and db:reset, the only tools that may CREATE a
//   database: open (creating the file and its folders), migrate, and seed what the mode needs.
// - openCouncil(env): every other tool (revoke, jobs, digest, import-applications, …). It opens the
//   configured engine as the server does (openDatabase: PostgreSQL at DATABASE_URL, else the SQLite file
//   at DATABASE_PATH), an EXISTING Council database at the latest schema, and refuses anything else with
//   one plain line. openCouncilDatabase(file) is its SQLite half (db:copy's --from uses it directly).
//
// Both first look at the path without changing a byte of it (checkDatabaseFolder, inspectDatabaseFile),
// so a mistyped DATABASE_PATH never creates, migrates, overwrites or deletes a file that is not Council's.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { sql } from "kysely";
import { openDatabase, openDb, openPostgres, type DatabaseTarget, type Db } from "../../app/platform/db.server";
import type { Env } from "../../app/platform/env.server";
import { CliError } from "./cli";
import { checkDatabaseFolder, hint, named, type Named } from "./database-folder";

export { checkDatabaseFolder };

/** Kysely's migration table: a SQLite file without it is not a Council database. */
const MIGRATION_TABLE = "kysely_migration";
const SQLITE_HEADER = "SQLite format 3\0";

/** What a database path holds. Anything else (a text file, someone else's SQLite file) is refused. */
export type DatabaseFile =
  | { kind: "absent" }
  | { kind: "empty" } // a 0-byte file or a SQLite file without a single table
  | { kind: "council"; applied: string[]; pending: string[]; unknown: string[] };

/**
 * Says what `file` holds without changing it: reads the first bytes, then (for a SQLite file) lists
 * its tables and applied migrations through a read-only connection. Throws a CliError for a folder,
 * a file that is not SQLite, or a SQLite file that is not Council's.
 */
export function inspectDatabaseFile(file: string, options: Named = {}): DatabaseFile {
  const what = named(file, options);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw error;
  }
  if (!stat.isFile()) throw new CliError(`${what} is ${stat.isDirectory() ? "a folder" : "not a regular file"}, not a database file.${hint(options)}`);
  if (stat.size === 0) return { kind: "empty" };
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString("latin1") !== SQLITE_HEADER) throw new CliError(`${what} is not a SQLite database (it is some other file); refusing to touch it.${hint(options)}`);

  let tables: string[];
  let applied: string[] = [];
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    if (tables.includes(MIGRATION_TABLE)) applied = sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).pluck().all() as string[];
  } catch (error) {
    throw new CliError(`${what} cannot be read as a SQLite database (${(error as Error).message}); refusing to touch it.`);
  } finally {
    sqlite?.close();
  }
  if (tables.length === 0) return { kind: "empty" };
  if (!tables.includes(MIGRATION_TABLE)) {
    throw new CliError(`${what} is a SQLite database but not Council's (it has no ${MIGRATION_TABLE} table); refusing to touch it.${hint(options)}`);
  }
  const known = Object.keys(migrations);
  return { kind: "council", applied, pending: known.filter((m) => !applied.includes(m)), unknown: applied.filter((m) => !known.includes(m)) };
}

/**
 * Opens an existing Council database at the latest schema, for the tools that must not create
 * one: refuses (CliError, nothing created or changed) a missing path, a path in a system or
 * read-only folder, a file that is not SQLite, a SQLite file without Council's migration table, and
 * a Council database whose schema is behind (run db:migrate) or ahead (a newer Council) of this code.
 */
export function openCouncilDatabase(file: string, options: Named = {}): Db {
  const what = named(file, options);
  if (file === ":memory:") throw new CliError(`${what}: a tool needs an existing Council database file, not an in-memory one.`);
  checkDatabaseFolder(file, options);
  const found = inspectDatabaseFile(file, options);
  if (found.kind !== "council") {
    throw new CliError(`${what}: there is no Council database there (${found.kind === "absent" ? "no such file" : "the file is empty"}).${hint(options)} To create one, run npm run db:migrate.`);
  }
  refuseUnlessLatest(what, found);
  return openDb(file, { mustExist: true });
}

/** Refuses (CliError) a Council database whose schema is ahead of this code or behind it. */
function refuseUnlessLatest(what: string, found: { pending: string[]; unknown: string[] }) {
  if (found.unknown.length) throw new CliError(`${what} was migrated by a newer version of Council (${found.unknown.join(", ")}); use that version.`);
  if (found.pending.length) throw new CliError(`${what} needs ${found.pending.length} migration(s) this version of Council brings (${found.pending.join(", ")}); run npm run db:migrate first (npm start also does it).`);
}

/** The PostgreSQL server did not answer (or refused the connection): perhaps only for now; inbound-mail exits 75 so the mail is retried. */
export class DatabaseUnavailable extends CliError {}

/** "DATABASE_URL (postgres://council@db.example.com:5432/council)": where, without the password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return `DATABASE_URL (${u.protocol}//${u.username ? `${u.username}@` : ""}${u.host}${u.pathname})`;
  } catch {
    return "DATABASE_URL";
  }
}

/**
 * For every tool that works on an existing council (revoke, jobs, digest, import-applications,
 * inbound-mail, create-founder): the engine the server would use (openDatabase), refusing with one
 * plain line what is not an up-to-date Council database. SQLite: openCouncilDatabase(DATABASE_PATH).
 * PostgreSQL (DATABASE_URL): a server that does not answer, a database without Council's migration
 * table (empty or someone else's), and a schema behind or ahead of this code; nothing is created there.
 */
export async function openCouncil(env: DatabaseTarget): Promise<Db> {
  if (!env.databaseUrl) return openCouncilDatabase(env.databasePath);
  const what = describeDatabaseUrl(env.databaseUrl);
  const db = openDatabase(env);
  try {
    let applied: string[];
    try {
      const table = await sql<{ name: string | null }>`select to_regclass(${MIGRATION_TABLE}) as name`.execute(db);
      if (!table.rows[0]?.name) {
        throw new CliError(`${what}: there is no Council database there (no ${MIGRATION_TABLE} table). To create one in an empty database, run npm run db:migrate with DATABASE_URL set.`);
      }
      applied = (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db)).rows.map((r) => r.name);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new DatabaseUnavailable(`${what}: cannot read the database (${(error as Error).message || (error as { code?: string }).code || "connection failed"}).`);
    }
    const known = Object.keys(migrations);
    refuseUnlessLatest(what, { pending: known.filter((m) => !applied.includes(m)), unknown: applied.filter((m) => !known.includes(m)) });
    return db;
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** "12 people, 40 threads and 310 posts", read without changing the file; for messages before a deletion. */
export function summarizeCouncilDatabase(file: string): string {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => {
      const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
      return exists ? Number(sqlite.prepare(`select count(*) from ${table}`).pluck().get()) : 0;
    };
    const plural = (n: number, word: string) => `${n} ${n === 1 ? word : `${word}s`}`;
    return `${count("people")} ${count("people") === 1 ? "person" : "people"}, ${plural(count("threads"), "thread")} and ${plural(count("posts"), "post")}`;
  } finally {
    sqlite.close();
  }
}

/**
 * For npm start, serve, db:migrate and db:reset: open (creating the file if absent), migrate, and
 * seed what the mode needs. Refuses, before touching anything, a path in a system or read-only
 * folder and an existing file that is neither empty nor a Council database. `fresh` (db:reset,
 * serve --fresh-demo; demo mode only) first says what it deletes, then deletes it.
 */
export async function prepareDatabase(
  env: Env,
  options: { fresh?: boolean; say?: (line: string) => void } = {},
): Promise<{ db: Db; seededDemo: boolean; migrated: string[] }> {
  const file = env.databasePath;
  if (options.fresh && env.mode !== "demo") throw new CliError("Refusing to wipe the database outside demo mode.");
  if (options.fresh && env.databaseUrl) throw new CliError("With DATABASE_URL set, Council does not wipe a PostgreSQL database; drop and create it yourself (dropdb, createdb), then start again.");
  if (file !== ":memory:" && !env.databaseUrl) {
    checkDatabaseFolder(file, { mayCreate: true });
    const found = inspectDatabaseFile(file);
    if (found.kind === "council" && found.unknown.length) throw new CliError(`DATABASE_PATH=${file} was migrated by a newer version of Council (${found.unknown.join(", ")}); use that version.`);
    if (options.fresh && found.kind !== "absent") {
      const say = options.say ?? console.log;
      const contents = found.kind === "council" ? `the Council database (${summarizeCouncilDatabase(file)})` : "an empty file";
      say(`Deleting ${contents} at ${path.resolve(file)}, with its -wal and -shm files…`);
      removeDatabaseFiles(file);
    }
  }
  // Loaded here, not at the top: the seed pulls in Markdown, argon2 and most domains, which the tools
  // that only open an existing database (and every refusal) should not pay for at start-up.
  const [{ isEmpty, seedDemo, seedFramework }, { ensureDefaultPolicy }] = await Promise.all([
    import("../../db/seed/demo"),
    import("../../app/membership/policy.server"),
  ]);
  // PostgreSQL (DATABASE_URL): the database must exist (createdb); an empty one is migrated and seeded.
  const db = env.databaseUrl ? openPostgres(env.databaseUrl, { poolSize: 2 }) : openDb(file);
  const migrated = await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  let seededDemo = false;
  // Demo accounts exist only in demo mode, and only in an empty database.
  if (env.mode === "demo" && (await isEmpty(db))) {
    await seedDemo(db);
    seededDemo = true;
  }
  return { db, seededDemo, migrated };
}

export function removeDatabaseFiles(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}

/**
 * backup and restore copy Council's SQLite file; with DATABASE_URL set there is no such file to copy,
 * so they refuse with this one line (exit 1) rather than quietly work on DATABASE_PATH. Null otherwise.
 */
export function refusalOnPostgres(tool: "backup" | "restore", environment: NodeJS.ProcessEnv = process.env): string | null {
  if (!environment.DATABASE_URL?.trim()) return null;
  const own = tool === "backup" ? "pg_dump (e.g. pg_dump --format=custom --file=council.dump \"$DATABASE_URL\")" : "pg_restore (e.g. pg_restore --clean --dbname=\"$DATABASE_URL\" council.dump)";
  return `npm run ${tool} works on Council's SQLite file, but DATABASE_URL is set (the council is in PostgreSQL); use PostgreSQL's own tools: ${own}.`;
}
