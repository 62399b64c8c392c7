// The production HTTP server: security headers (app/platform/security-headers.ts), a request body limit, static assets, a CSRF origin
// check, then Remix (reading bodies through the limit, scripts/lib/remix-handler.ts): scripts/lib/serving.ts.
// Usage: npm run serve [-- --fresh-demo]   (expects `npm run build` to have run)
// WORKERS=N (or auto) serves from N processes under Node's cluster module (scripts/lib/cluster.ts). The primary
// stays light: it claims the database, has a short-lived child migrate and seed it (scripts/lib/prepare.ts), forks
// the workers and supervises them; one elected worker runs the scheduled work (jobs, notifications, backups, SMTP).
import cluster from "node:cluster";
import fs from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import type { Env } from "../app/platform/env.server";
import { parseOptions, runCli } from "./lib/cli";
import { resolveEnvOrExit } from "./lib/mode";
import type { Prepared } from "./lib/prepare";
import { DUTIES_ENV, runPrimary } from "./lib/cluster";
import { BUILD_PATH, noBuild } from "./lib/server-build";
import { claimDatabaseOrExit } from "./lib/server-lock";

export async function startServer(options: { freshDemo?: boolean; quiet?: boolean } = {}) {
  const env = resolveEnvOrExit();
  // A cluster worker (WORKERS > 1) only serves, and runs the scheduled work when its primary elected it; the
  // primary has claimed, migrated and seeded the database.
  if (cluster.isWorker) return serveHere(env, { duties: process.env[DUTIES_ENV] === "1", quiet: true });
  claimDatabaseOrExit(env); // the pid file npm run restore reads
  const started = Date.now();
  if (env.workers > 1 && !fs.existsSync(BUILD_PATH)) noBuild();
  // Imported here: prepare.ts is also the child's entry, and must not be part of the workers' bundled entry.
  const { prepareInChild } = await import("./lib/prepare");
  const prepared = await prepareInChild({ fresh: options.freshDemo, bundleWorkers: env.workers > 1 });
  const announce = () => {
    if (!options.quiet) announceStart(env, prepared, Date.now() - started);
  };
  if (env.workers > 1) {
    const { createLogger } = await import("./lib/logger");
    runPrimary(env, { workerEntry: prepared.workerEntry, script: fileURLToPath(import.meta.url), logger: createLogger(env.logLevel), onListening: announce });
    return undefined;
  }
  return serveHere(env, { duties: true, onListening: announce, quiet: options.quiet });
}

/** This process serves (scripts/lib/serving.ts); with the duties it also runs the scheduled work. */
async function serveHere(env: Env, options: { duties: boolean; onListening?: () => void; quiet?: boolean }) {
  const { serve, startScheduledWork } = await import("./lib/serving");
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

const USAGE = `Usage: npm run serve [-- --fresh-demo]
Serves an existing build (run npm run build first; npm start does both) on PORT, after migrating the
database at DATABASE_PATH (creating it when absent).
Options:
  --fresh-demo   delete the demo database first and seed a new demo council (demo mode only; it says
                 what it deletes, and refuses a file that is not a Council database)
  -h, --help     show this help`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runCli(async () => {
    const args = parseOptions({ "fresh-demo": { type: "boolean" } }, z.object({ "fresh-demo": z.boolean().default(false) }), USAGE);
    await startServer({ freshDemo: args["fresh-demo"] });
  });
}
