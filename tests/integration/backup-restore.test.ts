// Backups taken while another process writes, npm run backup / npm run restore as an operator runs them,
// the README's "restore after losing the disk" procedure, and GET /healthz.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, backupStatus, inspectDatabase, LATEST_MIGRATION, recordBackupRun, verifyBackup } from "../../app/platform/backup.server";
import { checkHealth } from "../../app/platform/health.server";
import { openDb } from "../../app/platform/db.server";
import { getDashboard } from "../../app/governance/dashboard.server";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import { makeMember, makeThread } from "../factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-backup-"));

async function councilDatabase(file: string) {
  const db = openDb(file);
  await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  const author = await makeMember(db, { email: `author-${path.basename(file)}@example.com` });
  await makeThread(db, author, { title: "How do you measure the ROI of an employee advocacy programme?" });
  return db;
}

function cli(script: "backup" | "restore", args: string[], env: Record<string, string>) {
  const r = spawnSync(TSX, [`scripts/${script}.ts`, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const auditCount = (file: string) => {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'test.write'").get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a backup taken while another process writes", { timeout: 60_000 }, () => {
  const file = path.join(dir, "busy.db");
  let writer: ChildProcess;

  beforeAll(async () => {
    await (await councilDatabase(file)).destroy();
    // Another process commits one audit row at a time, as fast as it can, until killed.
    writer = spawn(process.execPath, ["-e", `
      const db = new (require("better-sqlite3"))(${JSON.stringify(file)});
      db.pragma("journal_mode = WAL"); db.pragma("busy_timeout = 5000");
      const insert = db.prepare("INSERT INTO audit_log (at, action, reason) VALUES (?, 'test.write', ?)");
      let i = 0;
      for (;;) { insert.run(new Date().toISOString(), "row " + i++); }
    `], { cwd: ROOT, stdio: "ignore" });
    while (auditCount(file) < 500) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(() => writer.kill("SIGKILL"));

  it("holds every row committed before it began, passes integrity_check, and its manifest matches", async () => {
    const committedBefore = auditCount(file);
    const out = path.join(dir, "busy-copy.db");
    const manifest = await backupDatabase(file, out);
    expect(auditCount(file)).toBeGreaterThan(committedBefore); // the writer kept writing meanwhile

    const copied = new Database(out, { readonly: true });
    const rows = copied.prepare("SELECT reason FROM audit_log WHERE action = 'test.write' ORDER BY id").all() as { reason: string }[];
    copied.close();
    expect(rows.length).toBeGreaterThanOrEqual(committedBefore);
    expect(rows.slice(0, committedBefore).map((r) => r.reason)).toEqual(Array.from({ length: committedBefore }, (_, i) => `row ${i}`));

    const inspection = inspectDatabase(out);
    expect(inspection.integrity).toBe("ok");
    expect(manifest).toMatchObject({ integrity: "ok", schemaVersion: inspection.schemaVersion, sizeBytes: fs.statSync(out).size });
    expect(manifest.counts.audit_log).toBe(rows.length);
    expect(manifest.counts.threads).toBe(1);
    expect(await verifyBackup(out)).toEqual(manifest);
    expect(fs.existsSync(`${out}-wal`)).toBe(false); // a self-contained file
  });
});

describe("npm run backup and npm run restore", { timeout: 90_000 }, () => {
  const live = path.join(dir, "council.db");
  const backups = path.join(dir, "backups");
  const env = { DATABASE_PATH: live, BACKUP_DIR: backups };

  beforeAll(async () => {
    await (await councilDatabase(live)).destroy();
  });

  it("backup: writes the copy and its manifest into BACKUP_DIR, says what it checked, and records the run", async () => {
    const r = cli("backup", [], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Backed up .* in \d+ ms: [\d.]+ MB, sha256 [0-9a-f]{64}/);
    expect(r.stdout).toContain(`integrity_check ok; schema ${LATEST_MIGRATION}`);
    const files = fs.readdirSync(backups).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^council-\d{4}-\d{2}-\d{2}T\d{6}Z\.db$/);
    expect(files[1]).toBe(`${files[0]}.manifest.json`);
    const db = openDb(live);
    const status = await backupStatus(db);
    await db.destroy();
    expect(status.lastOk?.file).toBe(path.join(backups, files[0]));
    expect(status.failure).toBeNull();
  });

  it("backup: usage errors exit 2, a missing or foreign database exits 1, each with one plain line", () => {
    const unknown = cli("backup", ["--bogus"], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option '--bogus'/);
    expect(cli("backup", ["--help"], env)).toMatchObject({ status: 0, stdout: expect.stringContaining("Usage: npm run backup") });

    const missing = cli("backup", [], { DATABASE_PATH: path.join(dir, "nothing.db"), BACKUP_DIR: backups });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`Backup failed: There is no database at ${path.join(dir, "nothing.db")} (check DATABASE_PATH).`);

    const foreign = path.join(dir, "foreign.db");
    new Database(foreign).exec("CREATE TABLE notes (body TEXT)");
    const notCouncil = cli("backup", ["--out", path.join(dir, "foreign-copy.db")], { DATABASE_PATH: foreign });
    expect(notCouncil.status).toBe(1);
    expect(notCouncil.stderr.trim()).toMatch(/^Backup failed: .*it is not a Council database \(it has no migration history\)\.$/);
    expect(notCouncil.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("a failed backup is shown on the founders' dashboard until a good one is made", async () => {
    const db = openDb(live);
    await recordBackupRun(db, { kind: "nightly", startedAt: new Date(Date.now() + 1000), ok: false, error: "No space left on device." }, new Date(Date.now() + 2000));
    expect((await getDashboard(db, new Date(Date.now() + 3000))).backup.failure).toMatchObject({ error: "No space left on device." });
    await recordBackupRun(db, { kind: "nightly", startedAt: new Date(Date.now() + 4000), ok: true, file: "x.db" }, new Date(Date.now() + 5000));
    expect((await getDashboard(db, new Date(Date.now() + 6000))).backup.failure).toBeNull();
    await db.destroy();
  });

  it("restore: refuses a damaged file and a file without its manifest; a crashed server's pid file is no obstacle", async () => {
    const backup = path.join(dir, "good.db");
    expect(cli("backup", ["--out", backup], env).status).toBe(0);

    const damaged = path.join(dir, "damaged.db");
    fs.copyFileSync(backup, damaged);
    fs.copyFileSync(`${backup}.manifest.json`, `${damaged}.manifest.json`);
    const bytes = fs.readFileSync(damaged);
    bytes[bytes.length - 100] ^= 0xff; // one flipped byte
    fs.writeFileSync(damaged, bytes);
    const r1 = cli("restore", [damaged], env);
    expect(r1.status).toBe(1);
    expect(r1.stderr.trim()).toBe(`Not restored: ${damaged} does not match the SHA-256 in its manifest: the file is damaged.`);

    const bare = path.join(dir, "bare.db");
    fs.copyFileSync(backup, bare);
    expect(cli("restore", [bare], env).stderr).toContain("has no manifest beside it");

    // (Refusing while a live server holds the database is tested against the real server: tests/e2e/operations.spec.ts.)
    // A pid file left by a crashed server (scripts/lib/server-lock.ts) names a dead process.
    const crashed = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((r) => crashed.once("exit", r));
    fs.writeFileSync(`${live}.server.pid`, JSON.stringify({ pid: crashed.pid, port: 3118, startedAt: new Date().toISOString() }));
    // A lock left by a crashed server names a dead process and does not stand in the way.
    expect(cli("restore", [backup], env).status).toBe(0);
    fs.rmSync(`${live}.server.pid`, { force: true });
    expect(cli("restore", [], env).status).toBe(2);
    expect(cli("restore", ["--force", backup], env).status).toBe(2);
  });

  it("restore: replaces the database, keeps the replaced one beside it, and says what it restored", async () => {
    const backup = path.join(dir, "before-change.db");
    expect(cli("backup", ["--out", backup], env).status).toBe(0);
    const db = openDb(live);
    await makeThread(db, await makeMember(db, { email: "after@example.com" }), { title: "A thread written after the backup" });
    await db.destroy();

    const r = cli("restore", [backup], env);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Restored ${backup} into ${live}.`);
    expect(r.stdout).toContain(`schema ${LATEST_MIGRATION} (current)`);
    expect(r.stdout).toMatch(/rows: people \d+, .*threads 1,/);
    const kept = /The replaced database is kept at (.+)\.\n/.exec(r.stdout)![1];
    expect(inspectDatabase(kept).counts.threads).toBe(2); // nothing lost: the thread written after the backup is there
    expect(inspectDatabase(live).counts.threads).toBe(1);
  });
});

describe("the README's restore after losing the disk", { timeout: 60_000 }, () => {
  it("brings the council back on a new disk from the off-machine copy of the backup folder", async () => {
    // The old machine: a council with its nightly backups.
    const oldDisk = path.join(dir, "old-machine");
    const oldDb = await councilDatabase(path.join(oldDisk, "data/council.db"));
    await oldDb.destroy();
    const oldEnv = { DATABASE_PATH: path.join(oldDisk, "data/council.db"), BACKUP_DIR: path.join(oldDisk, "data/backups") };
    expect(cli("backup", ["--nightly"], oldEnv).status).toBe(0);
    // Step 0 (every night, before the loss): the backup folder is copied off the machine.
    const offMachine = path.join(dir, "off-machine");
    fs.cpSync(oldEnv.BACKUP_DIR, offMachine, { recursive: true });
    // The disk dies.
    fs.rmSync(oldDisk, { recursive: true, force: true });

    // Steps 1-2: a new machine, Council installed; copy the backup folder back.
    const newDisk = path.join(dir, "new-machine");
    fs.cpSync(offMachine, path.join(newDisk, "data/backups"), { recursive: true });
    const newEnv = { DATABASE_PATH: path.join(newDisk, "data/council.db"), BACKUP_DIR: path.join(newDisk, "data/backups") };
    // Step 3: the newest backup (names sort by time).
    const newest = fs.readdirSync(newEnv.BACKUP_DIR).filter((n) => n.endsWith("Z.db")).sort().at(-1)!;
    // Step 4: npm run restore -- data/backups/<newest>.
    const r = cli("restore", [path.join(newEnv.BACKUP_DIR, newest)], newEnv);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`There was no database at ${newEnv.DATABASE_PATH} before.`);
    // Step 5: start the server and check /healthz: the database reads and its migrations are current.
    const health = checkHealth({ databasePath: newEnv.DATABASE_PATH, backupMaxAgeHours: 26, minFreeMb: 0 });
    expect(health.checks.database.ok).toBe(true);
    expect(health.checks.migrations.ok).toBe(true);
    const db = openDb(newEnv.DATABASE_PATH);
    expect(await db.selectFrom("threads").select("title").execute()).toEqual([{ title: "How do you measure the ROI of an employee advocacy programme?" }]);
    await db.destroy();
  });
});
