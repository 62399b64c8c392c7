// npm run db:reset — rebuild the demo council from scratch (demo mode only).
import path from "node:path";
import { z } from "zod";
import { CliError, parseOptions, runCli } from "./lib/cli";
import { prepareDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run db:reset
Deletes the Council database at DATABASE_PATH (default ./data/council.db), with its -wal and -shm
files, and rebuilds the demo council. It says what it deletes before deleting it. Refused in
production mode, and refused for a file that is not a Council database (unless it is empty).
There are no options: anything else on the command line is refused, and nothing is deleted.
Exit codes: 0 rebuilt, 1 refused or failed, 2 bad arguments.`;

await runCli(async () => {
  parseOptions({}, z.object({}), USAGE);
  // npm keeps a flag written before "--" for itself: "npm run db:reset --dry-run" reaches us only as
  // npm_config_dry_run. A person who typed it did not mean "delete now".
  if (process.env.npm_config_dry_run === "true") throw new CliError("db:reset has no --dry-run (npm took the flag for itself); nothing was deleted.", 2);
  const env = resolveEnvOrExit();
  if (env.mode !== "demo") throw new CliError("db:reset only runs in demo mode; it would delete a production council.");
  const { db } = await prepareDatabase(env, { fresh: true });
  await db.destroy();
  console.log(`Rebuilt the demo council in ${path.resolve(env.databasePath)}.`);
});
