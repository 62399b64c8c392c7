// GET /healthz for a monitor, GET /healthz?ready for a load balancer. Each call opens the database file
// afresh, read-only, so it reports what is on disk, not what a cached connection remembers.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { KNOWN_MIGRATIONS } from "./backup.server";

export type HealthCheck = { ok: boolean; [detail: string]: unknown };
export type HealthReport = { ok: boolean; checks: Record<string, HealthCheck> };
export type HealthOptions = { databasePath: string; backupMaxAgeHours: number; minFreeMb: number; now?: Date };

/**
 * `ready`: the database can be read and its migrations are current — enough to serve, so a load balancer
 * keeps sending traffic. The full check adds the last good backup's age and the free disk space, which a
 * monitor should alert on but which must not take a serving site out of rotation.
 */
export function checkHealth(options: HealthOptions, { ready = false } = {}): HealthReport {
  const now = options.now ?? new Date();
  const checks: Record<string, HealthCheck> = {};
  let lastBackupAt: string | null = null;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(options.databasePath, { readonly: true, fileMustExist: true });
    const applied = (sqlite.prepare("SELECT name FROM kysely_migration ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    checks.database = { ok: true };
    const pending = KNOWN_MIGRATIONS.filter((name) => !applied.includes(name));
    const unknown = applied.filter((name) => !KNOWN_MIGRATIONS.includes(name));
    checks.migrations = { ok: pending.length === 0 && unknown.length === 0, current: applied.at(-1) ?? null, pending, unknown };
    if (!ready) {
      const row = sqlite.prepare("SELECT started_at FROM backup_runs WHERE ok = 1 ORDER BY started_at DESC LIMIT 1").get() as { started_at: string } | undefined;
      lastBackupAt = row?.started_at ?? null;
    }
  } catch (error) {
    checks.database ??= { ok: false, error: (error as Error).message };
    checks.migrations ??= { ok: false, error: "the database could not be read" };
  } finally {
    sqlite?.close();
  }
  if (!ready) {
    const ageHours = lastBackupAt ? Math.round(((now.getTime() - Date.parse(lastBackupAt)) / 3_600_000) * 10) / 10 : null;
    checks.backup = { ok: ageHours !== null && ageHours <= options.backupMaxAgeHours, lastAt: lastBackupAt, ageHours, maxAgeHours: options.backupMaxAgeHours };
    try {
      const stats = fs.statfsSync(path.dirname(path.resolve(options.databasePath)));
      const freeMb = Math.floor((stats.bavail * stats.bsize) / 1_048_576);
      checks.disk = { ok: freeMb >= options.minFreeMb, freeMb, minFreeMb: options.minFreeMb };
    } catch (error) {
      checks.disk = { ok: false, error: (error as Error).message };
    }
  }
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}

/**
 * GET /healthz on PostgreSQL (DATABASE_URL): the database answers and its migrations are current. Backups
 * and disk space are the PostgreSQL operators' (pg_dump, base backups, replication), so they are not checked.
 */
export async function checkPostgresHealth(url: string): Promise<HealthReport> {
  const checks: Record<string, HealthCheck> = {};
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const applied = (await client.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name")).rows.map((r) => r.name);
    checks.database = { ok: true, engine: "postgres" };
    const pending = KNOWN_MIGRATIONS.filter((name) => !applied.includes(name));
    const unknown = applied.filter((name) => !KNOWN_MIGRATIONS.includes(name));
    checks.migrations = { ok: pending.length === 0 && unknown.length === 0, current: applied.at(-1) ?? null, pending, unknown };
  } catch (error) {
    checks.database ??= { ok: false, engine: "postgres", error: (error as Error).message };
    checks.migrations ??= { ok: false, error: "the database could not be read" };
  } finally {
    await client.end().catch(() => undefined);
  }
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}
