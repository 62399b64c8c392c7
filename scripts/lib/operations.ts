// What scripts/serve.ts adds to run Council for years, kept here so serve.ts has only short call sites:
// request logs, GET /healthz, security headers with the CSP nonce, the Remix load context, and once
// listening: the server lock that `npm run restore` reads, nightly backups, and a graceful SIGTERM.
import type { Server } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import express, { type Request, type Response } from "express";
import type { DestinationStream } from "pino";
import type { Env } from "../../app/platform/env.server";
import { checkHealth, checkPostgresHealth } from "../../app/platform/health.server";
import type { CouncilLoadContext } from "../../app/platform/request-context";
import { handleShutdown, startNightlyBackups } from "./lifecycle";
import { createLogger, requestLogger, routePatternMatcher, sessionMemberLookup } from "./request-log";
import { securityHeadersMiddleware } from "./content-security";
import { releaseServerLock } from "./server-lock";

export function operations(env: Env, build: Pick<ServerBuild, "routes">, options: { logDestination?: DestinationStream } = {}) {
  const logger = createLogger(env.logLevel, options.logDestination);
  // The request log's member id reads the SQLite file directly; on PostgreSQL the lines go out without it.
  const sessions = env.databaseUrl ? { memberId: () => undefined, close: () => {} } : sessionMemberLookup(env.databasePath);
  const middleware = express.Router();
  middleware.use(requestLogger(logger, routePatternMatcher(build), sessions.memberId));
  // Answered before Remix: no session, no page.
  middleware.get("/healthz", async (req, res) => {
    if (env.databaseUrl) {
      const report = await checkPostgresHealth(env.databaseUrl);
      res.status(report.ok ? 200 : 503).setHeader("Cache-Control", "no-store").json(report);
      return;
    }
    const report = checkHealth(
      { databasePath: env.databasePath, backupMaxAgeHours: env.backupMaxAgeHours, minFreeMb: env.healthMinFreeMb },
      { ready: "ready" in req.query },
    );
    res.status(report.ok ? 200 : 503).setHeader("Cache-Control", "no-store").json(report);
  });
  middleware.use(securityHeadersMiddleware({ production: env.mode === "production" }));

  const loadContext = (req: Request, res: Response): CouncilLoadContext => ({
    cspNonce: res.locals.cspNonce,
    requestId: String(req.id),
    // A document request's large markup goes out in the HTML only (a client data request, *.data, needs it as data).
    markup: req.path.endsWith(".data") ? undefined : new Map(),
    logError: (error) => req.log.error({ err: error }, "unexpected error"),
  });

  // A cluster worker leaves the pid file and the checkpoint to its primary (scripts/lib/cluster.ts). The nightly
  // backups run in the one process with the duties (WORKERS=1, or the worker the primary elected).
  // Backups of a PostgreSQL council are its operators' (pg_dump, base backups, replication), and it has no lock file.
  const started = (server: Server, role: { worker?: boolean; duties?: boolean } = {}) => {
    const ownsTheFile = !role.worker && !env.databaseUrl;
    if ((role.duties ?? !role.worker) && !env.databaseUrl) startNightlyBackups(env, logger);
    handleShutdown(server, {
      databasePath: env.databasePath, logger, checkpoint: !role.worker,
      beforeExit: () => {
        sessions.close();
        if (ownsTheFile) releaseServerLock(env.databasePath);
      },
    });
  };
  return { logger, middleware, loadContext, started };
}
