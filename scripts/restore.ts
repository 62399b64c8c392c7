// npm run restore -- FILE: put a checked backup in place of the database, keeping the replaced one beside it.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, LATEST_MIGRATION, verifyBackup } from "../app/platform/backup.server";
import { refusalOnPostgres } from "./lib/database";
import { runningServer } from "./lib/server-lock";

const USAGE = `Usage: npm run restore -- FILE

Replaces the database (DATABASE_PATH, default ./data/council.db) with the backup FILE, after checking the
file against its manifest (FILE.manifest.json: size and SHA-256) and SQLite's integrity check. The server
must be stopped first (systemctl stop council, or kill -TERM <pid>): restore refuses while a server holds
the database. The replaced database is kept beside it as <DATABASE_PATH>.replaced-<UTC time> (with its
-wal file, if any). Start the server afterwards; a backup from an older version is migrated at start.
With DATABASE_URL set (PostgreSQL) it refuses: restore PostgreSQL with pg_restore.

Exit codes: 0 restored, 1 refused (the reason is printed), 2 usage.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let file: string;
try {
  const { values, positionals } = parseArgs({ options: { help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) fail(`Give exactly one backup file.\n\n${USAGE}`, 2);
  file = positionals[0];
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`, 2);
}

const refusal = refusalOnPostgres("restore");
if (refusal) fail(refusal);

const target = process.env.DATABASE_PATH || "./data/council.db";
if (path.resolve(file) === path.resolve(target)) fail(`${file} is the database itself; give a backup file.`);

let manifest;
try {
  manifest = await verifyBackup(file);
} catch (error) {
  if (error instanceof BackupError) fail(`Not restored: ${error.message}`);
  throw error;
}

const server = runningServer(target);
if (server) {
  fail(`Not restored: a Council server (pid ${server.pid}, port ${server.port}) is using ${target}. Stop it first ` +
    `(systemctl stop council, or kill -TERM ${server.pid}: it finishes the requests in flight and exits), then run the restore again.`);
}

const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, "") + "Z";
let kept: string | null = null;
if (fs.existsSync(target)) {
  kept = `${target}.replaced-${stamp}`;
  // The -wal file holds committed transactions not yet in the main file: it moves with it (SQLite finds
  // it by name), so the replaced database stays complete. The -shm index is rebuilt, so it is dropped.
  fs.renameSync(target, kept);
  if (fs.existsSync(`${target}-wal`)) fs.renameSync(`${target}-wal`, `${kept}-wal`);
}
fs.rmSync(`${target}-wal`, { force: true });
fs.rmSync(`${target}-shm`, { force: true });
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
fs.copyFileSync(file, `${target}.restoring`);
fs.renameSync(`${target}.restoring`, target);

const counts = Object.entries(manifest.counts).map(([table, n]) => `${table} ${n}`).join(", ");
console.log(`Restored ${file} into ${target}.`);
console.log(`  backup taken ${manifest.createdAt}, ${(manifest.sizeBytes / 1_048_576).toFixed(1)} MB, sha256 ${manifest.sha256} (verified), integrity_check ok`);
console.log(`  schema ${manifest.schemaVersion}${manifest.schemaVersion === LATEST_MIGRATION ? " (current)" : ` (older than ${LATEST_MIGRATION}: the server migrates it at start)`}`);
console.log(`  rows: ${counts}`);
console.log(kept ? `The replaced database is kept at ${kept}.` : `There was no database at ${target} before.`);
console.log("Start the server again (systemctl start council, or npm start) and check GET /healthz.");
