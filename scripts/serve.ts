// The production HTTP server: security headers (app/platform/security-headers.ts), a request body limit, static assets, a CSRF origin
// check, then Remix (reading bodies through the limit, scripts/lib/remix-handler.ts).
// Usage: npm run serve [-- --fresh-demo]   (expects `npm run build` to have run)
// WORKERS=N (or auto) serves from N processes under Node's cluster module (scripts/lib/cluster.ts).
import compression from "compression";
import express from "express";
import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ALLOWED_METHODS, isAllowedMethod, isSameOriginRequest } from "../app/platform/request.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/demo";
import { openDatabase, type Db } from "../app/platform/db.server";
import type { Env } from "../app/platform/env.server";
import { runJobs, runNotificationPass } from "../app/jobs.server";
import { startInboundSmtp } from "./lib/inbound-smtp";
import { z } from "zod";
import { parseOptions, runCli } from "./lib/cli";
import { prepareDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";
import { declaredBodyLimit, remixHandler } from "./lib/remix-handler";
import { claimDatabaseOrExit, operations } from "./lib/operations";
import { runPrimary } from "./lib/cluster";
import { createLogger } from "./lib/request-log";

export async function startServer(options: { freshDemo?: boolean; quiet?: boolean } = {}) {
  const env = resolveEnvOrExit();
  // A cluster worker (WORKERS > 1) only serves: its primary has claimed, migrated and seeded the database.
  if (cluster.isWorker) return serve(env);
  claimDatabaseOrExit(env); // the pid file npm run restore reads
  const started = Date.now();
  const { db, seededDemo } = await prepareDatabase(env, { fresh: options.freshDemo });
  await db.destroy(); // the app opens its own connection

  const announce = () => {
    if (options.quiet) return;
    const processes = env.workers > 1 ? ` with ${env.workers} workers` : "";
    console.log(`\nCouncil is running in ${env.mode} mode at http://localhost:${env.port}${processes} (ready in ${Date.now() - started} ms)`);
    if (env.mode === "demo") {
      const where = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : env.databasePath;
      console.log(seededDemo ? "A demo council was seeded into " + where : "Using the demo council in " + where);
      console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(26)} ${a.role}`);
      console.log("");
    }
  };
  if (env.workers > 1) {
    if (!fs.existsSync(BUILD_PATH)) noBuild();
    runPrimary(env, { script: fileURLToPath(import.meta.url), logger: createLogger(env.logLevel), onListening: announce });
    startJobs(env);
    await startInboundMail(env, options.quiet);
    return undefined;
  }
  const server = await serve(env, announce);
  startJobs(env);
  const inbound = await startInboundMail(env, options.quiet);
  server.on("close", () => inbound?.close());
  return server;
}

/** Reply by email: one SMTP listener, in the primary, for the mail server to relay REPLY_DOMAIN to (README, "Reply by email"). */
async function startInboundMail(env: Env, quiet?: boolean) {
  if (!env.inboundSmtpPort) return undefined;
  const inbound = await startInboundSmtp(openDatabase({ ...env, databasePoolSize: 1 }), env.inboundSmtpPort);
  if (!quiet) console.log(`Receiving replies by email on SMTP port ${env.inboundSmtpPort} for ${env.replyDomain ?? "(REPLY_DOMAIN is not set: every address is refused)"}`);
  return inbound;
}

const BUILD_PATH = path.resolve("build/server/index.js");
function noBuild(): never {
  console.error(`No server build at ${BUILD_PATH}. Run "npm run build" first (npm start does it for you).`);
  process.exit(1);
}

/** The HTTP server, in this process (WORKERS=1) or in a cluster worker, which says which one answered. */
async function serve(env: Env, onListening?: () => void) {
  process.env.NODE_ENV = "production"; // React's production build, whatever the mode
  const build = await import(pathToFileURL(BUILD_PATH).href).catch(noBuild);

  const ops = operations(env, build);
  build.entry.module.warmUp?.(); // the pitch check's regexes compiled and model loaded before the first post (issue 18)
  const app = express();
  app.disable("x-powered-by");
  if (cluster.isWorker) {
    const id = String(cluster.worker!.id);
    app.use((_req, res, next) => {
      res.setHeader("X-Council-Worker", id); // which process answered (the WORKERS test reads it)
      next();
    });
  }
  app.use(ops.middleware); // request log, GET /healthz, every security header (scripts/lib/content-security.ts)
  app.use(compression());
  app.use(declaredBodyLimit(env.maxBodyBytes));
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  app.use((req, res, next) => {
    // The app reads the client address from this header; never trust a client-sent one.
    req.headers["x-council-remote-addr"] = req.socket.remoteAddress ?? "unknown";
    if (!isAllowedMethod(req.method)) {
      res.status(405).set("Allow", ALLOWED_METHODS.join(", ")).type("text/plain").send(`Council does not accept ${req.method} requests.`);
      return;
    }
    const headers = new Headers();
    for (const name of ["origin", "referer"]) if (typeof req.headers[name] === "string") headers.set(name, req.headers[name] as string);
    if (!isSameOriginRequest(req.method, headers, env.publicUrl, req.path)) {
      res.status(403).type("text/plain").send(`This form was not sent from Council's own address (${env.publicUrl}), so Council refused it (CSRF protection). Open ${env.publicUrl}, reload the page and try again.`);
      return;
    }
    next();
  });
  app.all("*", remixHandler(build, env.maxBodyBytes, ops.loadContext));

  const server = app.listen(env.port, () => onListening?.());
  ops.started(server, { worker: cluster.isWorker }); // nightly backups; SIGTERM: finish requests in flight, checkpoint, close, exit 0
  return server;
}

/** Due work (notice revocations, email delivery) every hour, in one process only; `npm run jobs` runs the same once. */
function startJobs(env: Env) {
  repeatWithDatabase(env, 60 * 60 * 1000, "jobs", (db) => runJobs(db),
    (r) => r.revoked || r.cancelled || r.email.sent || r.email.failed);
  // Email notifications wait NOTIFY_DELAY_MINUTES for the member to read in the app: look every minute.
  repeatWithDatabase(env, 60 * 1000, "notifications", (db) => runNotificationPass(db),
    (r) => r.notifications.sent || r.notifications.dropped);
}

/** Runs `work` every `ms` on a connection of its own, logging its result when `worthLogging` says so. */
function repeatWithDatabase<R>(env: Env, ms: number, name: string, work: (db: Db) => Promise<R>, worthLogging: (result: R) => unknown) {
  const timer = setInterval(() => {
    const db = openDatabase({ ...env, databasePoolSize: 1 });
    work(db)
      .then((r) => { if (worthLogging(r)) console.log(`${name}: ${JSON.stringify(r)}`); })
      .catch((error) => console.error(`${name} failed:`, error))
      .finally(() => void db.destroy());
  }, ms);
  timer.unref();
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
