// npm run db:reset — rebuild the demo council from scratch (demo mode only).
import { prepareDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

if (process.argv.includes("--help")) {
  console.log("Usage: npm run db:reset\nDeletes the database at DATABASE_PATH and rebuilds the demo council. Refused in production mode.");
  process.exit(0);
}
const env = resolveEnvOrExit();
if (env.mode !== "demo") {
  console.error("db:reset only runs in demo mode; it would delete a production council.");
  process.exit(1);
}
const { db } = await prepareDatabase(env, { fresh: true });
await db.destroy();
console.log(`Rebuilt the demo council in ${env.databasePath}.`);
