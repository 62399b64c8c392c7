// npm run backup -- [--out FILE] [--nightly]: a consistent, checked copy of the database while the server runs.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { backupDatabase, BackupError, backupFileName, pruneBackups, recordBackupRun, type BackupRun } from "../app/platform/backup.server";
import { openDb, type Db } from "../app/platform/db.server";
import { ConfigError, operationsEnv } from "../app/platform/env.server";
import { parseOptions, reportError } from "./lib/cli";
import { refusalOnPostgres } from "./lib/database";

const USAGE = `Usage: npm run backup -- [--out FILE] [--nightly]

Takes a consistent copy of the database (DATABASE_PATH, default ./data/council.db) with SQLite's online
backup API; the server may keep serving and writing. The copy is checked (PRAGMA integrity_check, the
migration version, row counts of the main tables) and FILE.manifest.json is written beside it (time,
size, SHA-256, schema version, counts). Each attempt is recorded for the founders' dashboard.
With DATABASE_URL set (PostgreSQL) it refuses: back up PostgreSQL with pg_dump.

  --out FILE   where to write the copy (refuses an existing file);
               default BACKUP_DIR/council-<UTC time>Z.db (BACKUP_DIR defaults to ./data/backups)
  --nightly    what the server runs every night: into BACKUP_DIR, then keeps the newest backup of each
               of the last 7 days and of each of the last 8 weeks, and deletes older council-*Z.db files
  --help       this text

Exit codes: 0 written and checked, 1 the backup failed (the reason is printed and recorded), 2 usage.`;

// A usage error is one line and exit 2, like every tool (scripts/lib/cli.ts).
let options;
try {
  options = parseOptions(
    { out: { type: "string" }, nightly: { type: "boolean" } },
    z.object({ out: z.string().min(1).optional(), nightly: z.boolean().optional() }).refine((o) => !(o.out && o.nightly), { message: "--out and --nightly cannot be combined", path: ["out"] }),
    USAGE,
  );
} catch (error) {
  process.exit(reportError(error));
}

const refusal = refusalOnPostgres("backup");
if (refusal) {
  console.error(refusal);
  process.exit(1);
}

let ops;
try {
  ops = operationsEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const databasePath = process.env.DATABASE_PATH || "./data/council.db";
const startedAt = new Date();
const out = options.out ?? path.join(ops.backupDir, backupFileName(startedAt));
const run: BackupRun = { kind: options.nightly ? "nightly" : "manual", startedAt, ok: false };

try {
  const manifest = await backupDatabase(databasePath, out, startedAt);
  Object.assign(run, { ok: true, file: path.resolve(out), sizeBytes: manifest.sizeBytes, sha256: manifest.sha256 });
  const counts = Object.entries(manifest.counts).map(([table, n]) => `${table} ${n}`).join(", ");
  console.log(`Backed up ${databasePath} to ${out} in ${manifest.durationMs} ms: ${(manifest.sizeBytes / 1_048_576).toFixed(1)} MB, sha256 ${manifest.sha256}`);
  console.log(`integrity_check ok; schema ${manifest.schemaVersion} (${manifest.migrations} migrations); ${counts}`);
  console.log(`Manifest: ${out}.manifest.json`);
  if (options.nightly) {
    const removed = pruneBackups(ops.backupDir);
    if (removed.length) console.log(`Removed ${removed.length} old backup(s) beyond 7 daily and 8 weekly: ${removed.join(", ")}`);
  }
} catch (error) {
  run.error = error instanceof BackupError ? error.message : `Unexpected error: ${(error as Error).message}`;
  console.error(`Backup failed: ${run.error}`);
  process.exitCode = 1;
}

// Recorded in the database it copied (after the copy), for the dashboard and /healthz; a file that is not
// a Council database (no backup_runs table) has nowhere to record it, and the error above says so.
if (fs.existsSync(databasePath)) {
  let db: Db | undefined;
  try {
    db = openDb(databasePath);
    await recordBackupRun(db, run);
  } catch (error) {
    if (!/no such table|not a database/.test((error as Error).message)) {
      console.error(`The backup's result could not be recorded in ${databasePath}: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  } finally {
    await db?.destroy();
  }
}
