// Shared by the benchmarks: deterministic random numbers (every run benchmarks the same people),
// the median of several runs, and command-line options.

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
