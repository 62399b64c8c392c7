// The production HTTP server: security headers (app/platform/security-headers.ts), a request body limit, static assets, a CSRF origin
// check, then Remix (reading bodies through the limit, scripts/lib/remix-handler.ts).
// Usage: npm run serve [-- --fresh-demo]   (expects `npm run build` to have run)
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ALLOWED_METHODS, isAllowedMethod, isSameOriginRequest } from "../app/platform/request.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/demo";
import { openDatabase } from "../app/platform/db.server";
import { runJobs } from "../app/jobs.server";
import { z } from "zod";
import { parseOptions, runCli } from "./lib/cli";
import { prepareDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";
import { declaredBodyLimit, remixHandler } from "./lib/remix-handler";
import { claimDatabaseOrExit, operations } from "./lib/operations";

export async function startServer(options: { freshDemo?: boolean; quiet?: boolean } = {}) {
  const env = resolveEnvOrExit();
  claimDatabaseOrExit(env); // the pid file npm run restore reads
  const started = Date.now();
  const { db, seededDemo } = await prepareDatabase(env, { fresh: options.freshDemo });
  await db.destroy(); // the app opens its own connection

  process.env.NODE_ENV = "production"; // React's production build, whatever the mode
  const buildPath = path.resolve("build/server/index.js");
  const build = await import(pathToFileURL(buildPath).href).catch(() => {
    console.error(`No server build at ${buildPath}. Run "npm run build" first (npm start does it for you).`);
    process.exit(1);
  });

  const ops = operations(env, build);
  const app = express();
  app.disable("x-powered-by");
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

  const server = app.listen(env.port, () => {
    if (options.quiet) return;
    console.log(`\nCouncil is running in ${env.mode} mode at http://localhost:${env.port} (ready in ${Date.now() - started} ms)`);
    if (env.mode === "demo") {
      const where = env.databaseUrl ? "PostgreSQL (DATABASE_URL)" : env.databasePath;
      console.log(seededDemo ? "A demo council was seeded into " + where : "Using the demo council in " + where);
      console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(26)} ${a.role}`);
      console.log("");
    }
  });
  // Due work (notice revocations, email delivery) every hour; `npm run jobs` runs the same once.
  const jobs = setInterval(() => {
    const jobsDb = openDatabase({ ...env, databasePoolSize: 1 });
    runJobs(jobsDb)
      .then((r) => { if (r.revoked || r.cancelled || r.email.sent || r.email.failed) console.log(`jobs: ${JSON.stringify(r)}`); })
      .catch((error) => console.error("jobs failed:", error))
      .finally(() => void jobsDb.destroy());
  }, 60 * 60 * 1000);
  jobs.unref();
  ops.started(server); // nightly backups; SIGTERM: finish requests in flight, checkpoint, close, exit 0
  return server;
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
