// Shared by the benchmarks: deterministic random numbers (every run benchmarks the same people),
// the median of several runs, command-line options, and starting the production server.
import { spawn } from "node:child_process";

import { openDb, openPostgres, type Db } from "../../app/platform/db.server";

export { randomNumbers } from "../../app/platform/random";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `--name value` from the command line, or the fallback. */
export const opt = (name: string, fallback: string) =>
  (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1]! : fallback);

/** `--database-url postgres://…`: benchmark that PostgreSQL database (filled by `bench:seed -- --database-url`). */
export const benchDatabaseUrl = () => opt("database-url", "") || undefined;

/** The database a benchmark reads: PostgreSQL with --database-url, else the SQLite bench file. */
export function benchDb(file: string): Db {
  const url = benchDatabaseUrl();
  return url ? openPostgres(url, { poolSize: 4 }) : openDb(file);
}

/**
 * The production server (scripts/serve.ts, as `npm run serve` runs it, with its heap cap) on a bench database in demo
 * mode, on `port`; resolves once it answers /login. `nodeArgs` go before the script (e.g. --cpu-prof).
 * (serve.ts switches React to its production build itself; NODE_ENV=production would mean production mode.)
 */
export async function startBenchServer(o: { database: string; port: number; workers?: string; nodeArgs?: string[]; stdout?: "ignore" | "pipe" }) {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_PATH: o.database, COUNCIL_MODE: "demo", PORT: String(o.port), PUBLIC_URL: `http://localhost:${o.port}`, WORKERS: o.workers ?? "1", LOG_LEVEL: "warn" };
  delete env.NODE_ENV;
  const url = benchDatabaseUrl();
  if (url) env.DATABASE_URL = url; // --database-url: the server serves that PostgreSQL council
  const server = spawn(process.execPath, ["--max-old-space-size=256", ...(o.nodeArgs ?? []), "scripts/launch.mjs", "scripts/serve.ts"], {
    env: env as NodeJS.ProcessEnv, stdio: ["ignore", o.stdout ?? "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    if (server.exitCode !== null || i > 1200) throw new Error(`the server did not start${server.exitCode !== null ? ` (exit code ${server.exitCode})` : ""}`);
    try {
      if ((await fetch(`http://localhost:${o.port}/login`)).status === 200) return server;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
}
