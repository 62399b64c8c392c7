// npm run db:migrate — bring the database to the latest schema (npm start also does this).
import { z } from "zod";
import { parseOptions, runCli } from "./lib/cli";
import { prepareDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

const USAGE = `Usage: npm run db:migrate
Migrates the database (DATABASE_URL, else DATABASE_PATH, default ./data/council.db) to the latest schema, creating it
when absent. In demo mode an empty database also gets the demo council. A file that is not a Council
database is refused and left untouched.
Exit codes: 0 done, 1 refused or failed, 2 bad arguments.`;

await runCli(async () => {
  parseOptions({}, z.object({}), USAGE);
  const env = resolveEnvOrExit();
  const { db, migrated, seededDemo } = await prepareDatabase(env);
  console.log(migrated.length ? `Applied ${migrated.length} migration(s): ${migrated.join(", ")}` : "The database is already up to date.");
  if (seededDemo) console.log("Seeded the demo council.");
  await db.destroy();
});
