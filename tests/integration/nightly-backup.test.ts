// The server's nightly backup (scripts/lib/lifecycle.ts), run at once instead of a minute after start.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../app/platform/db.server";
import { parseEnv } from "../../app/platform/env.server";
import { getDashboard } from "../../app/governance/dashboard.server";
import { ensureDefaultPolicy } from "../../app/membership/policy.server";
import { migrateToLatest } from "../../db/migrate";
import { seedFramework } from "../../db/seed/demo";
import { startNightlyBackups } from "../../scripts/lib/lifecycle";
import { createLogger } from "../../scripts/lib/request-log";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-nightly-"));
const databasePath = path.join(dir, "council.db");

beforeAll(async () => {
  const db = openDb(databasePath);
  await migrateToLatest(db);
  await seedFramework(db);
  await ensureDefaultPolicy(db);
  await db.destroy();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function runOnce(backupDir: string) {
  const lines: { msg: string; [k: string]: unknown }[] = [];
  const logger = createLogger("info", new Writable({ write(chunk, _e, done) { lines.push(JSON.parse(String(chunk))); done(); } }));
  const stop = startNightlyBackups(parseEnv({ COUNCIL_MODE: "demo", DATABASE_PATH: databasePath, BACKUP_DIR: backupDir }), logger, { firstMs: 0, everyMs: 3_600_000 });
  for (let i = 0; i < 600 && !lines.some((l) => l.msg.startsWith("nightly backup")); i++) await new Promise((r) => setTimeout(r, 100));
  stop();
  return lines;
}

describe("the nightly backup", { timeout: 90_000 }, () => {
  it("when a failure happens, logs it and the founders' dashboard shows it", async () => {
    const notADirectory = path.join(dir, "a-file");
    fs.writeFileSync(notADirectory, "");
    const lines = await runOnce(path.join(notADirectory, "backups"));
    expect(lines.find((l) => l.msg === "nightly backup failed")).toMatchObject({ level: 50, exitCode: 1, output: expect.stringContaining("Backup failed:") });
    const db = openDb(databasePath);
    const { backup } = await getDashboard(db);
    await db.destroy();
    expect(backup.lastOk).toBeNull();
    expect(backup.failure?.error).toMatch(/ENOTDIR|not a directory/);
  });

  it("when due, writes a checked backup into BACKUP_DIR in a child process and records it", async () => {
    const backupDir = path.join(dir, "backups");
    const lines = await runOnce(backupDir);
    expect(lines.find((l) => l.msg === "nightly backup written")).toMatchObject({ level: 30, backup: expect.stringMatching(/^Backed up .* to .*council-.*Z\.db/) });
    const files = fs.readdirSync(backupDir);
    expect(files.filter((f) => /^council-.*Z\.db$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(".manifest.json"))).toHaveLength(1);
    const db = openDb(databasePath);
    const { backup } = await getDashboard(db);
    const runs = await db.selectFrom("backup_runs").select(["kind", "ok"]).orderBy("id").execute();
    await db.destroy();
    expect(backup.failure).toBeNull();
    expect(backup.lastOk?.file).toBe(path.join(backupDir, files.find((f) => f.endsWith("Z.db"))!));
    expect(runs).toEqual([{ kind: "nightly", ok: 0 }, { kind: "nightly", ok: 1 }]);
  });
});
