// Backups of the one SQLite file that holds the council's whole memory: a consistent copy taken with
// SQLite's online backup API while the server serves and writes, checked (integrity_check, migration
// version, row counts) and described by a manifest beside it (time, size, SHA-256, schema version,
// counts). Used by `npm run backup`, the server's nightly run, `npm run restore` and GET /healthz.
import Database from "better-sqlite3";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrations } from "../../db/migrations/index";
import type { Db } from "./db.server";

/** The tables whose row counts a manifest records, so a restore can say what it brought back. */
export const COUNTED_TABLES = [
  "people", "applications", "invitations", "eligibility_policies", "threads", "posts", "messages", "audit_log", "outbox",
] as const;

export type Manifest = {
  format: 1;
  createdAt: string;
  file: string;
  sizeBytes: number;
  sha256: string;
  schemaVersion: string;
  migrations: number;
  integrity: "ok";
  counts: Record<string, number>;
  durationMs: number;
};

/** A backup or restore that cannot go on; its message is one plain sentence for the operator. */
export class BackupError extends Error {}

export const KNOWN_MIGRATIONS = Object.keys(migrations);
export const LATEST_MIGRATION = KNOWN_MIGRATIONS[KNOWN_MIGRATIONS.length - 1];

export const manifestPath = (file: string) => `${file}.manifest.json`;

/** `council-2026-12-01T030000Z.db`: sorts by time, and retention only ever touches names of this shape. */
export function backupFileName(now: Date): string {
  return `council-${now.toISOString().slice(0, 19).replace(/:/g, "")}Z.db`;
}
const BACKUP_NAME = /^council-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/;

export type Inspection = { integrity: string; appliedMigrations: string[]; schemaVersion: string | null; counts: Record<string, number> };

/** Opens a database file read-only and reports its integrity, migrations and row counts. */
export function inspectDatabase(file: string): Inspection {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database (${(error as Error).message}).`);
  }
  try {
    let integrity: string;
    try {
      const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
      integrity = rows.map((r) => r.integrity_check).join("; ");
    } catch (error) {
      integrity = (error as Error).message;
    }
    if (integrity !== "ok") return { integrity, appliedMigrations: [], schemaVersion: null, counts: {} };
    const hasMigrations = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    if (!hasMigrations) return { integrity, appliedMigrations: [], schemaVersion: null, counts: {} };
    const appliedMigrations = (sqlite.prepare("SELECT name FROM kysely_migration ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      if (tables.has(table)) counts[table] = (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    return { integrity, appliedMigrations, schemaVersion: appliedMigrations.at(-1) ?? null, counts };
  } finally {
    sqlite.close();
  }
}

/** Why a database is not one this version of Council can serve, or null when it can (older ones are migrated at start). */
export function schemaProblem(inspection: Inspection): string | null {
  if (inspection.integrity !== "ok") return `it fails SQLite's integrity check (${inspection.integrity.slice(0, 200)})`;
  if (!inspection.schemaVersion) return "it is not a Council database (it has no migration history)";
  const unknown = inspection.appliedMigrations.filter((name) => !KNOWN_MIGRATIONS.includes(name));
  if (unknown.length) return `it was made by a newer version of Council (unknown migration ${unknown[0]}); upgrade Council first`;
  return null;
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Copies `source` to `out` with the online backup API, in one step: the copy is the database as of one
 * read transaction, so it holds every transaction committed before it began, and writers are never blocked
 * (WAL). Checks the copy, then writes its manifest. Refuses to overwrite a file.
 */
export async function backupDatabase(source: string, out: string, now = new Date()): Promise<Manifest> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} (check DATABASE_PATH).`);
  if (fs.existsSync(out)) throw new BackupError(`${out} already exists; choose another --out.`);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const started = Date.now();
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    // Returning the largest step copies every remaining page at once, so concurrent writes cannot restart it.
    await sqlite.backup(partial, { progress: () => 0x7fffffff });
    // A self-contained file: no -wal/-shm beside it (openDb turns WAL back on when it is restored).
    const copy = new Database(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The copy of ${source} failed: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
  const inspection = inspectDatabase(partial);
  const problem = schemaProblem(inspection);
  if (problem) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`The copy of ${source} is not usable: ${problem}.`);
  }
  const manifest: Manifest = {
    format: 1,
    createdAt: now.toISOString(),
    file: path.basename(out),
    sizeBytes: fs.statSync(partial).size,
    sha256: await sha256File(partial),
    schemaVersion: inspection.schemaVersion!,
    migrations: inspection.appliedMigrations.length,
    integrity: "ok",
    counts: inspection.counts,
    durationMs: Date.now() - started,
  };
  fs.renameSync(partial, out);
  fs.writeFileSync(manifestPath(out), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

/** Checks a backup against its manifest (size, SHA-256) and SQLite's integrity check; returns the manifest. */
export async function verifyBackup(file: string): Promise<Manifest> {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file at ${file}.`);
  const mPath = manifestPath(file);
  if (!fs.existsSync(mPath)) throw new BackupError(`${file} has no manifest beside it (${mPath}); a backup made by npm run backup always has one.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(mPath, "utf8"));
  } catch {
    throw new BackupError(`The manifest ${mPath} is not valid JSON.`);
  }
  if (manifest.format !== 1 || typeof manifest.sha256 !== "string") throw new BackupError(`The manifest ${mPath} is not a Council backup manifest.`);
  const size = fs.statSync(file).size;
  if (size !== manifest.sizeBytes) throw new BackupError(`${file} is ${size} bytes but its manifest says ${manifest.sizeBytes}: the file is damaged or incomplete.`);
  if ((await sha256File(file)) !== manifest.sha256) throw new BackupError(`${file} does not match the SHA-256 in its manifest: the file is damaged.`);
  const problem = schemaProblem(inspectDatabase(file));
  if (problem) throw new BackupError(`${file} cannot be restored: ${problem}.`);
  return manifest;
}

/** ISO week key (e.g. 2026-W49) of a UTC day. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7)); // the Thursday of its week decides the year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/**
 * Which backup files to keep: the newest of each of the last `daily` days that have a backup, and the
 * newest of each of the last `weekly` ISO weeks. Names not of the `council-<time>Z.db` shape are ignored.
 */
export function retention(names: string[], keep = { daily: 7, weekly: 8 }): { keep: string[]; remove: string[] } {
  const backups = names.filter((n) => BACKUP_NAME.test(n)).sort().reverse(); // newest first
  const kept = new Set<string>();
  const newestOf = (key: (name: string) => string, limit: number) => {
    const seen = new Set<string>();
    for (const name of backups) {
      const k = key(name);
      if (seen.has(k)) continue;
      if (seen.size >= limit) break;
      seen.add(k);
      kept.add(name);
    }
  };
  const day = (name: string) => BACKUP_NAME.exec(name)![1];
  newestOf(day, keep.daily);
  newestOf((name) => isoWeek(day(name)), keep.weekly);
  return { keep: backups.filter((n) => kept.has(n)), remove: backups.filter((n) => !kept.has(n)) };
}

/** Deletes the backups (and their manifests) that retention does not keep; returns the names removed. */
export function pruneBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const { remove } = retention(fs.readdirSync(dir));
  for (const name of remove) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(manifestPath(path.join(dir, name)), { force: true });
  }
  return remove;
}

export type BackupRun = { kind: "nightly" | "manual"; startedAt: Date; ok: boolean; file?: string; sizeBytes?: number; sha256?: string; error?: string };

export async function recordBackupRun(db: Db, run: BackupRun, now = new Date()) {
  await db.insertInto("backup_runs").values({
    kind: run.kind, started_at: run.startedAt.toISOString(), finished_at: now.toISOString(), ok: run.ok ? 1 : 0,
    file: run.file ?? null, size_bytes: run.sizeBytes ?? null, sha256: run.sha256 ?? null, error: run.error ?? null,
  }).execute();
}

export type BackupStatus = {
  lastOk: { at: string; file: string | null; sizeBytes: number | null; ageHours: number } | null;
  /** The latest failure when no backup has succeeded since. */
  failure: { at: string; error: string } | null;
};

export async function backupStatus(db: Db, now = new Date()): Promise<BackupStatus> {
  const lastOk = await db.selectFrom("backup_runs").select(["started_at", "file", "size_bytes"])
    .where("ok", "=", 1).orderBy("started_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
  let failureQuery = db.selectFrom("backup_runs").select(["finished_at", "error"]).where("ok", "=", 0);
  if (lastOk) failureQuery = failureQuery.where("started_at", ">", lastOk.started_at);
  const failure = await failureQuery.orderBy("started_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
  return {
    lastOk: lastOk
      ? { at: lastOk.started_at, file: lastOk.file, sizeBytes: lastOk.size_bytes, ageHours: (now.getTime() - Date.parse(lastOk.started_at)) / 3_600_000 }
      : null,
    failure: failure ? { at: failure.finished_at, error: failure.error ?? "unknown error" } : null,
  };
}

/**
 * Whether the nightly backup is due: at `hour` (UTC) once a day, or at once when the last good backup is
 * more than 25 hours old (none yet, a night missed while the server was down, or last night's failed).
 */
export function backupDue(lastOkAt: string | null, now: Date, hour: number): boolean {
  if (!lastOkAt) return true;
  const last = Date.parse(lastOkAt);
  if (now.getTime() - last > 25 * 3_600_000) return true;
  const todaysSlot = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour);
  return now.getTime() >= todaysSlot && last < todaysSlot;
}
