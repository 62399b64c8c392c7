// Starting the server, for scripts/serve.ts and scripts/start.ts (npm run serve, npm start) and for each cluster
// worker. WORKERS=N (or auto) serves from N processes under Node's cluster module (scripts/lib/cluster.ts). The
// primary stays light: it claims the database, has a short-lived child migrate and seed it (scripts/lib/prepare.ts),
// forks the workers and supervises them; one elected worker runs the scheduled work (jobs, notifications, backups, SMTP).
import cluster from "node:cluster";
import fs from "node:fs";
import type { Env } from "../../app/platform/env.server";
import { resolveEnvOrExit } from "./mode";
import type { Prepared } from "./prepare";
import { DUTIES_ENV, runPrimary } from "./cluster";
import { BUILD_PATH, noBuild } from "./server-build";
import { claimDatabaseOrExit } from "./server-lock";

export async function startServer(options: { freshDemo?: boolean; quiet?: boolean } = {}) {
  const env = resolveEnvOrExit();
  // A cluster worker (WORKERS > 1) only serves, and runs the scheduled work when its primary elected it; the
  // primary has claimed, migrated and seeded the database.
  if (cluster.isWorker) return serveHere(env, { duties: process.env[DUTIES_ENV] === "1", quiet: true });
  claimDatabaseOrExit(env); // the pid file npm run restore reads
  const started = Date.now();
  if (env.workers > 1 && !fs.existsSync(BUILD_PATH)) noBuild();
  // Imported here: prepare.ts is also the child's entry, and must not be part of the workers' bundled entry.
  const { prepareInChild } = await import("./prepare");
  const prepared = await prepareInChild({ fresh: options.freshDemo, bundleWorkers: env.workers > 1 });
  const announce = () => {
    if (!options.quiet) announceStart(env, prepared, Date.now() - started);
  };
  if (env.workers > 1) {
    const { createLogger } = await import("./logger");
    runPrimary(env, { workerEntry: prepared.workerEntry, logger: createLogger(env.logLevel), onListening: announce });
    return undefined;
  }
  return serveHere(env, { duties: true, onListening: announce, quiet: options.quiet });
}

/** This process serves (scripts/lib/serving.ts); with the duties it also runs the scheduled work. */
async function serveHere(env: Env, options: { duties: boolean; onListening?: () => void; quiet?: boolean }) {
  const { serve, startScheduledWork } = await import("./serving");
  const server = await serve(env, options);
  if (options.duties) await startScheduledWork(env, server, { quiet: options.quiet });
  return server;
}

function announceStart(env: Env, prepared: Prepared, ms: number) {
  const processes = env.workers > 1 ? ` with ${env.workers} workers` : "";
  console.log(`\nCouncil is running in ${env.mode} mode at http://localhost:${env.port}${processes} (ready in ${ms} ms)`);
  if (env.mode !== "demo") return;
  const where = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : env.databasePath;
  console.log(prepared.seededDemo ? "A demo council was seeded into " + where : "Using the demo council in " + where);
  console.log(`\nDemo accounts (password for all: ${prepared.demo.password}):`);
  for (const a of prepared.demo.accounts) console.log(`  ${a.email.padEnd(26)} ${a.role}`);
  console.log("");
}
