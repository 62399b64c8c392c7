// GET /healthz and /healthz?ready through the server's own middleware (scripts/lib/operations.ts).
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordBackupRun } from "../../app/platform/backup.server";
import { openDb } from "../../app/platform/db.server";
import { parseEnv } from "../../app/platform/env.server";
import { migrateToLatest } from "../../db/migrate";
import { operations } from "../../scripts/lib/operations";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "council-health-"));
const databasePath = path.join(dir, "council.db");
let base = "";
let close = () => {};

function serve(env: Record<string, string>) {
  const app = express();
  app.use(operations(parseEnv({ COUNCIL_MODE: "demo", DATABASE_PATH: databasePath, LOG_LEVEL: "silent", ...env }), { routes: {} }).middleware);
  const server = app.listen(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
}

async function get(url: string) {
  const response = await fetch(base + url);
  return { status: response.status, body: await response.json(), requestId: response.headers.get("x-request-id") };
}

beforeAll(async () => {
  const db = openDb(databasePath);
  await migrateToLatest(db);
  await db.destroy();
  serve({ HEALTH_MIN_FREE_MB: "0" });
});
afterAll(() => {
  close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("GET /healthz", () => {
  it("answers 503 with the reason while no backup has been made, and ?ready answers 200 (enough to serve)", async () => {
    const full = await get("/healthz");
    expect(full.status).toBe(503);
    expect(full.body.checks).toMatchObject({ database: { ok: true }, migrations: { ok: true, pending: [] }, backup: { ok: false, lastAt: null }, disk: { ok: true } });
    expect(full.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await get("/healthz?ready");
    expect(ready).toMatchObject({ status: 200, body: { ok: true } });
    expect(Object.keys(ready.body.checks)).toEqual(["database", "migrations"]);
  });

  it("answers 200 after a recent backup, and 503 when it is older than BACKUP_MAX_AGE_HOURS", async () => {
    const db = openDb(databasePath);
    await recordBackupRun(db, { kind: "nightly", startedAt: new Date(Date.now() - 27 * 3_600_000), ok: true, file: "old.db" });
    expect((await get("/healthz")).body.checks.backup).toMatchObject({ ok: false, ageHours: 27, maxAgeHours: 26 });
    await recordBackupRun(db, { kind: "nightly", startedAt: new Date(Date.now() - 3_600_000), ok: true, file: "recent.db" });
    await db.destroy();
    expect(await get("/healthz")).toMatchObject({ status: 200, body: { ok: true, checks: { backup: { ok: true, ageHours: 1 } } } });
  });

  it("answers 503 when the free disk space is under HEALTH_MIN_FREE_MB", async () => {
    close();
    serve({ HEALTH_MIN_FREE_MB: String(1024 * 1024 * 1024) }); // a petabyte
    const r = await get("/healthz");
    expect(r.status).toBe(503);
    expect(r.body.checks.disk.ok).toBe(false);
    expect((await get("/healthz?ready")).status).toBe(200);
    close();
    serve({ HEALTH_MIN_FREE_MB: "0" });
  });

  it("answers 503, ready or not, when the migrations are not current", async () => {
    const db = openDb(databasePath);
    await db.deleteFrom("kysely_migration" as never).where("name" as never, "=", "2026-12-01-401-backup-runs" as never).execute();
    await db.destroy();
    const r = await get("/healthz?ready");
    expect(r).toMatchObject({ status: 503, body: { ok: false, checks: { migrations: { ok: false, pending: ["2026-12-01-401-backup-runs"] } } } });
    const again = openDb(databasePath);
    await again.insertInto("kysely_migration" as never).values({ name: "2026-12-01-401-backup-runs", timestamp: new Date().toISOString() } as never).execute();
    await again.destroy();
    expect((await get("/healthz?ready")).status).toBe(200);
  });

  it("answers 503, ready or not, when the database cannot be read", async () => {
    const bytes = fs.readFileSync(databasePath);
    fs.writeFileSync(databasePath, Buffer.concat([Buffer.from("this is no longer a SQLite database"), bytes.subarray(64)]));
    for (const url of ["/healthz", "/healthz?ready"]) {
      const r = await get(url);
      expect(r.status).toBe(503);
      expect(r.body.checks.database).toMatchObject({ ok: false, error: expect.stringMatching(/not a database/) });
    }
  });
});
