// The server's life beyond answering requests: the nightly backup, and stopping cleanly on SIGTERM.
import { spawn } from "node:child_process";
import type { Server, ServerResponse } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { sql } from "kysely";
import type { Logger } from "pino";
import { backupDue, backupStatus, recordBackupRun } from "../../app/platform/backup.server";
import { engineOf, openDb, type Db } from "../../app/platform/db.server";
import type { Env } from "../../app/platform/env.server";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Every 10 minutes (first a minute after start), takes the nightly backup when it is due (see backupDue):
 * `scripts/backup.ts --nightly` in a child process, so copying a large file never stalls a request. The child
 * records its result for the dashboard; a child that dies without doing so is recorded here.
 */
export function startNightlyBackups(env: Env, logger: Logger, timing = { firstMs: 60_000, everyMs: 10 * 60_000 }): () => void {
  let running = false;
  const check = async () => {
    if (running) return;
    const db = openDb(env.databasePath);
    let due: boolean;
    try {
      due = backupDue((await backupStatus(db)).lastOk?.at ?? null, new Date(), env.backupHour);
    } finally {
      await db.destroy();
    }
    if (!due) return;
    running = true;
    const startedAt = new Date();
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", "--nightly"], {
      cwd: ROOT, env: { ...process.env, DATABASE_PATH: env.databasePath, BACKUP_DIR: env.backupDir }, stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code, signal) => {
      running = false;
      const lines = output.trim().split("\n");
      if (code === 0) logger.info({ backup: lines[0] }, "nightly backup written");
      else logger.error({ exitCode: code, signal, output: lines.slice(0, 5).join(" | ") }, "nightly backup failed");
      if (code !== 0 && code !== 1) {
        const record = openDb(env.databasePath);
        recordBackupRun(record, { kind: "nightly", startedAt, ok: false, error: `The backup process stopped (${signal ?? `exit code ${code}`}).` })
          .catch((error) => logger.error({ err: error }, "could not record the failed backup"))
          .finally(() => void record.destroy());
      }
    });
  };
  const run = () => void check().catch((error) => logger.error({ err: error }, "nightly backup check failed"));
  const first = setTimeout(run, timing.firstMs);
  const every = setInterval(run, timing.everyMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the requests in flight finish (up to `graceMs`),
 * checkpoint the WAL into the database file, close the database, exit 0. A cluster worker (`checkpoint: false`)
 * only closes its connection: the primary checkpoints once every worker has stopped.
 */
export function handleShutdown(server: Server, options: { databasePath: string; logger: Logger; graceMs?: number; checkpoint?: boolean; beforeExit?: () => void }) {
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | undefined;
  let stopping = false;
  server.on("request", (_req, res: ServerResponse) => {
    if (stopping) res.setHeader("Connection", "close");
    inFlight.add(res);
    res.on("close", () => {
      inFlight.delete(res);
      if (inFlight.size === 0) drained?.();
    });
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Responses still to come tell their clients not to reuse the connection.
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    const { logger, graceMs = 10_000 } = options;
    logger.info({ signal, inFlight: inFlight.size }, `stopping: no new connections; waiting for ${inFlight.size} request(s) in flight`);
    server.close(); // stops listening and closes idle keep-alive connections
    if (inFlight.size > 0) {
      const finished = await new Promise<boolean>((resolve) => {
        drained = () => resolve(true);
        setTimeout(() => resolve(false), graceMs).unref();
      });
      if (!finished) logger.warn({ inFlight: inFlight.size }, `stopping: ${graceMs / 1000} s passed; closing the remaining connections`);
    }
    server.closeAllConnections();
    try {
      if (options.checkpoint === false) {
        await (globalThis as unknown as { councilDb?: Db }).councilDb?.destroy();
        logger.info("stopped: database closed");
      } else {
        await checkpointAndClose(options.databasePath);
        logger.info("stopped: WAL checkpointed, database closed");
      }
    } catch (error) {
      logger.error({ err: error }, "stopping: the WAL checkpoint failed (the WAL is kept and replayed at the next start)");
    }
    options.beforeExit?.();
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** Checkpoints through the app's connection (the Remix build opens it as globalThis.councilDb) and closes it. */
export async function checkpointAndClose(databasePath: string) {
  const appDb = (globalThis as unknown as { councilDb?: Db }).councilDb;
  if (appDb && engineOf(appDb) === "postgres") {
    await appDb.destroy(); // nothing to checkpoint: PostgreSQL keeps its own WAL
    return;
  }
  if (process.env.DATABASE_URL) return; // PostgreSQL, and the app never opened its pool
  if (appDb) {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(appDb);
    await appDb.destroy();
    return;
  }
  const sqlite = new Database(databasePath, { fileMustExist: true });
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
}
