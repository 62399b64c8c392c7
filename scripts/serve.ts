// The production HTTP server: security headers (app/platform/security-headers.ts), a request body limit, static assets, a CSRF origin
// check, then Remix (reading bodies through the limit, scripts/lib/remix-handler.ts): scripts/lib/serving.ts.
// Usage: npm run serve [-- --fresh-demo]   (expects `npm run build` to have run)
// Started by scripts/launch.mjs (npm run serve) as plain JavaScript, or under tsx; with WORKERS > 1 each cluster worker
// runs this file's bundle too (scripts/lib/start-server.ts, cluster.ts).
import { z } from "zod";
import { parseOptions, runCli } from "./lib/cli";
import { startServer } from "./lib/start-server";

const USAGE = `Usage: npm run serve [-- --fresh-demo]
Serves an existing build (run npm run build first; npm start does both) on PORT, after migrating the
database at DATABASE_PATH (creating it when absent).
Options:
  --fresh-demo   delete the demo database first and seed a new demo council (demo mode only; it says
                 what it deletes, and refuses a file that is not a Council database)
  -h, --help     show this help`;

await runCli(async () => {
  const args = parseOptions({ "fresh-demo": { type: "boolean" } }, z.object({ "fresh-demo": z.boolean().default(false) }), USAGE);
  await startServer({ freshDemo: args["fresh-demo"] });
});
