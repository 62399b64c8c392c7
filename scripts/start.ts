// npm start: check configuration, migrate, seed the demo (demo mode, empty database), build, serve.
// Started by scripts/launch.mjs as plain JavaScript (or under tsx).
import { spawnSync } from "node:child_process";
import { z } from "zod";
import { CliError, parseOptions, runCli } from "./lib/cli";
import { resolveEnvOrExit } from "./lib/mode";
import { startServer } from "./lib/start-server";

const USAGE = `Usage: npm start [-- --no-build]
Checks the configuration, builds Council, migrates the database at DATABASE_PATH (creating it when
absent; in demo mode an empty one gets the demo council) and serves it on PORT.
Options:
  --no-build   serve the existing build (build/)
  -h, --help   show this help`;

await runCli(async () => {
  const args = parseOptions({ "no-build": { type: "boolean" } }, z.object({ "no-build": z.boolean().default(false) }), USAGE);
  resolveEnvOrExit(); // fail fast, before the build, on bad configuration
  if (!args["no-build"]) {
    console.log("Building Council…");
    const build = spawnSync("node_modules/.bin/remix", ["vite:build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
    if (build.status !== 0) throw new CliError("The build failed; see the messages above.");
  }
  await startServer();
});
