// One serving process of scripts/serve.ts: the HTTP server (WORKERS=1, or each cluster worker) and, in the one
// process that has the duties (WORKERS=1, or the worker the primary elected: scripts/lib/cluster.ts), the scheduled
// work: the hourly jobs, the per-minute notification pass, the nightly backups and the reply-by-email SMTP listener.
import compression from "compression";
import express from "express";
import cluster from "node:cluster";
import fs from "node:fs";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { ALLOWED_METHODS, isAllowedMethod, isSameOriginRequest } from "../../app/platform/request.server";
import { openDatabase, type Db } from "../../app/platform/db.server";
import type { Env } from "../../app/platform/env.server";
import { declaredBodyLimit, remixHandler } from "./remix-handler";
import { operations } from "./operations";
import { BUILD_PATH, noBuild } from "./server-build";

/**
 * The HTTP server. `duties`: this process takes the nightly backups (its caller also starts the scheduled work,
 * startScheduledWork). A cluster worker says which one answered and leaves the checkpoint and the pid file to its
 * primary.
 */
export async function serve(env: Env, options: { onListening?: () => void; duties: boolean }) {
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
  app.use(publicFiles("build/client"));
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

  const server = app.listen(env.port, () => options.onListening?.());
  // Nightly backups (with the duties); SIGTERM: finish requests in flight, checkpoint (not in a worker), close, exit 0.
  ops.started(server, { worker: cluster.isWorker, duties: options.duties });
  return server;
}

/**
 * What public/ put in the client build (favicon, robots.txt…): served from `dir` for those names only, found once at
 * start, so a page request does not cost a disk check first. The hashed assets have their own route (/assets).
 */
export function publicFiles(dir: string): express.RequestHandler {
  const names = new Set(fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name !== "assets") : []);
  const serveStatic = express.static(dir, { maxAge: "1h" });
  return (req, res, next) => (names.has(req.path.split("/")[1] ?? "") ? serveStatic(req, res, next) : next());
}

/**
 * The scheduled work, in one process per council: due work (notice revocations, email delivery) every hour
 * (`npm run jobs` runs the same once), the email notification pass every minute, and the inbound SMTP listener.
 */
export async function startScheduledWork(env: Env, server: Server, options: { quiet?: boolean } = {}) {
  // Imported here, so the workers without the duties never load them.
  const { runJobs, runNotificationPass } = await import("../../app/jobs.server");
  repeatWithDatabase(env, 60 * 60 * 1000, "jobs", (db) => runJobs(db),
    (r) => r.revoked || r.cancelled || r.email.sent || r.email.failed);
  // Email notifications wait NOTIFY_DELAY_MINUTES for the member to read in the app: look every minute.
  repeatWithDatabase(env, 60 * 1000, "notifications", (db) => runNotificationPass(db),
    (r) => r.notifications.sent || r.notifications.dropped);
  const inbound = await startInboundMail(env, options.quiet);
  server.on("close", () => inbound?.close());
}

/** Reply by email: one SMTP listener for the mail server to relay REPLY_DOMAIN to (README, "Reply by email"). */
async function startInboundMail(env: Env, quiet?: boolean) {
  if (!env.inboundSmtpPort) return undefined;
  const { startInboundSmtp } = await import("./inbound-smtp");
  const inbound = await startInboundSmtp(openDatabase({ ...env, databasePoolSize: 1 }), env.inboundSmtpPort);
  if (!quiet) console.log(`Receiving replies by email on SMTP port ${env.inboundSmtpPort} for ${env.replyDomain ?? "(REPLY_DOMAIN is not set: every address is refused)"}`);
  return inbound;
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
