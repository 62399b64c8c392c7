// The running server says which database it holds: `<DATABASE_PATH>.server.pid` (pid and port), written at
// start and removed on a clean stop. `npm run restore` reads it and refuses while that process lives; a file
// left by a crash (kill -9, power loss) names a dead process and is ignored.
import fs from "node:fs";
import path from "node:path";
import type { Env } from "../../app/platform/env.server";
import { checkDatabaseFolder } from "./database-folder";

export type ServerLock = { pid: number; port: number; startedAt: string };

export const lockPath = (databasePath: string) => `${databasePath}.server.pid`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
  // A recycled pid belonging to something else is not a Council server (npm start runs start.ts, which serves).
  try {
    return /scripts\/(serve|start)\.ts/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
  } catch {
    return true; // no /proc (not Linux): trust the signal check
  }
}

/** The live server holding this database, if any. */
export function runningServer(databasePath: string): ServerLock | null {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath(databasePath), "utf8")) as ServerLock;
    return lock.pid !== process.pid && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Records this process as the database's server; refuses when another live server holds it. */
export function claimServerLock(databasePath: string, port: number): void {
  const other = runningServer(databasePath);
  if (other) throw new Error(`Another Council server (pid ${other.pid}, port ${other.port}) is already serving ${databasePath}.`);
  fs.writeFileSync(lockPath(databasePath), JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString() }) + "\n");
}

export function releaseServerLock(databasePath: string): void {
  try {
    const lock = JSON.parse(fs.readFileSync(lockPath(databasePath), "utf8")) as ServerLock;
    if (lock.pid === process.pid) fs.rmSync(lockPath(databasePath), { force: true });
  } catch {
    // already gone
  }
}

/** First thing at start, before the database is touched: refuses when another live server holds it. */
export function claimDatabaseOrExit(env: Env) {
  if (env.databaseUrl) return; // PostgreSQL: several servers may share it
  try {
    // The server may create the database, so on a fresh machine its folder may not exist yet: check it is a
    // normal writable place first (never /proc), then make it, so the pid file has somewhere to go.
    checkDatabaseFolder(env.databasePath, { mayCreate: true });
    fs.mkdirSync(path.dirname(path.resolve(env.databasePath)), { recursive: true });
    claimServerLock(env.databasePath, env.port);
  } catch (error) {
    console.error(`Council cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
