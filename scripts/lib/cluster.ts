// WORKERS=N: the primary process of Node's cluster module. It has already claimed the database (pid file), migrated
// and seeded it; here it starts N workers that serve (scripts/serve.ts, each with its own database connection, all
// on one port), restarts a worker that dies (logged), runs the hourly jobs and the nightly backups once, and on
// SIGTERM/SIGINT stops the workers (each finishes its requests in flight), checkpoints the WAL, releases the pid file.
// Nothing is shared between workers but the database: sessions, revocations and rate limits are read from it.
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import type { Env } from "../../app/platform/env.server";
import { checkpointAndClose, startNightlyBackups } from "./lifecycle";
import { releaseServerLock } from "./server-lock";

/** A worker that dies sooner than this after its start is restarted after RESTART_DELAY_MS, not at once. */
const YOUNG_MS = 5_000;
const RESTART_DELAY_MS = 1_000;

export function runPrimary(env: Env, options: { script: string; logger: Logger; onListening: () => void; graceMs?: number }) {
  const { logger, graceMs = 10_000 } = options;
  cluster.setupPrimary({ exec: options.script, args: [] }); // the workers run serve.ts whatever started the primary
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  let listening = 0;
  let announced = false;

  const fork = () => {
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.once("listening", () => {
      listening++;
      if (!announced && listening >= env.workers) {
        announced = true;
        options.onListening();
      }
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const age = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) return;
    logger.error({ worker: worker.id, workerPid: worker.process.pid, exitCode: code, signal }, "worker stopped unexpectedly; starting another");
    setTimeout(fork, age < YOUNG_MS ? RESTART_DELAY_MS : 0).unref();
  });

  for (let i = 0; i < env.workers; i++) fork();
  const stopBackups = startNightlyBackups(env, logger);

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopBackups();
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    logger.info({ signal, workers: workers.length }, "stopping: asking every worker to finish its requests in flight");
    await Promise.all(workers.map((worker) => new Promise<void>((resolve) => {
      if (worker.isDead()) return resolve();
      const kill = setTimeout(() => worker.process.kill("SIGKILL"), graceMs + 5_000);
      worker.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      worker.process.kill("SIGTERM");
    })));
    try {
      await checkpointAndClose(env.databasePath);
      logger.info("stopped: every worker stopped, WAL checkpointed");
    } catch (error) {
      logger.error({ err: error }, "stopping: the WAL checkpoint failed (the WAL is kept and replayed at the next start)");
    }
    releaseServerLock(env.databasePath);
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
