// npm start: check configuration, migrate, seed the demo (demo mode, empty database), build, serve.
import { spawnSync } from "node:child_process";
import { resolveEnvOrExit } from "./lib/mode";
import { startServer } from "./serve";

resolveEnvOrExit(); // fail fast, before the build, on bad configuration
if (!process.argv.includes("--no-build")) {
  console.log("Building Council…");
  const build = spawnSync("node_modules/.bin/remix", ["vite:build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(build.status ?? 1);
  }
}
await startServer();
