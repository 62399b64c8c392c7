// WORKERS=N: the primary process of Node's cluster module. It has already claimed the database (pid file), and a
// short-lived child has migrated and seeded it (scripts/lib/prepare.ts). Here it starts N workers that serve (each
// with its own database connection, all on one port) and restarts a worker that dies (logged). It stays light: it
// never opens the database while serving. One worker, elected here, has the duties (the env variable DUTIES_ENV):
// the hourly jobs, the per-minute notification pass, the nightly backups and the inbound SMTP listener, so they run
// once per council; when that worker dies, its replacement inherits them. On SIGTERM/SIGINT the primary stops the
// workers (each finishes its requests in flight), checkpoints the WAL once and releases the pid file.
// Nothing is shared between workers but the database: sessions, revocations and rate limits are read from it.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import type { Logger } from "pino";
import type { Env } from "../../app/platform/env.server";
import { releaseServerLock } from "./server-lock";

/** Set to "1" in the environment of the one worker with the duties (read by scripts/serve.ts). */
export const DUTIES_ENV = "COUNCIL_WORKER_DUTIES";
/** A worker that dies sooner than this after its start is restarted after RESTART_DELAY_MS, not at once. */
const YOUNG_MS = 5_000;
const RESTART_DELAY_MS = 1_000;
/**
 * Each worker's V8 heap: 2 MB semi-spaces instead of 16 (~30 MB less resident per worker after the bench load) and
 * old space capped at 128 MB instead of the 256 of `npm run serve` (a worker's live heap is 50–75 MB after the load;
 * V8 collects sooner instead of growing). Throughput unchanged within this shared machine's noise (README, Performance).
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=2", "--max-old-space-size=128"];

/**
 * The TypeScript source of the workers' entry, run under tsx when there is no bundle. From import.meta.dirname: this
 * module is in scripts/lib/, or in a bundle two folders deep (.cache/launch/, scripts/launch.mjs), so "../.." is the project.
 */
const SERVE_SOURCE = path.resolve(import.meta.dirname, "../../scripts/serve.ts");

const isTsxLoader = (flag: string, next: string | undefined) =>
  ((flag === "--import" || flag === "--require" || flag === "--loader") && /tsx/.test(next ?? "")) || /^--(import|require|loader)=.*tsx/.test(flag);

/**
 * Node flags that run TypeScript: these, with the tsx loader added when they lack it (the process was started by
 * scripts/launch.mjs, as plain JavaScript, and the child runs a .ts source).
 */
export function withTsxLoader(execArgv: string[]): string[] {
  return execArgv.some((flag, i) => isTsxLoader(flag, execArgv[i + 1])) ? execArgv : [...execArgv, "--import", "tsx"];
}

/** The workers' Node flags: this process's, without the tsx loader when they run the bundled JavaScript entry, with it when they do not. */
export function workerExecArgv(execArgv: string[], bundled: boolean): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    if (bundled && isTsxLoader(flag, execArgv[i + 1])) {
      if (!flag.includes("=")) i++;
      continue;
    }
    if (flag.startsWith("--max-semi-space-size") || flag.startsWith("--max-old-space-size")) continue;
    kept.push(flag);
  }
  return [...(bundled ? kept : withTsxLoader(kept)), ...WORKER_NODE_FLAGS];
}

export function runPrimary(env: Env, options: { workerEntry?: string; logger: Logger; onListening: () => void; graceMs?: number }) {
  const { logger, graceMs = 10_000 } = options;
  // The workers run the bundled JavaScript entry (scripts/lib/worker-bundle.ts), or serve.ts under tsx without one.
  cluster.setupPrimary({ exec: options.workerEntry ?? SERVE_SOURCE, args: [], execArgv: workerExecArgv(process.execArgv, Boolean(options.workerEntry)) });
  const startedAt = new Map<Worker, number>();
  let dutiesWorker: Worker | undefined;
  let stopping = false;
  let listening = 0;
  let announced = false;

  const fork = () => {
    const duties = !dutiesWorker;
    const worker = cluster.fork(duties ? { [DUTIES_ENV]: "1" } : {});
    if (duties) {
      dutiesWorker = worker;
      logger.info({ worker: worker.id, workerPid: worker.process.pid }, "this worker runs the scheduled work (jobs, notifications, backups, inbound mail)");
    }
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
    if (worker === dutiesWorker) dutiesWorker = undefined; // its replacement inherits the duties
    if (stopping) return;
    logger.error({ worker: worker.id, workerPid: worker.process.pid, exitCode: code, signal }, "worker stopped unexpectedly; starting another");
    setTimeout(fork, age < YOUNG_MS ? RESTART_DELAY_MS : 0).unref();
  });

  for (let i = 0; i < env.workers; i++) fork();

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
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
      const { checkpointAndClose } = await import("./lifecycle"); // only now: the primary never loads the database code while serving
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
