// npm run db:migrate — bring the database to the latest schema (npm start also does this).
import { prepareDatabase } from "./lib/database";
import { resolveEnvOrExit } from "./lib/mode";

if (process.argv.includes("--help")) {
  console.log("Usage: npm run db:migrate\nMigrates the database at DATABASE_PATH (default ./data/council.db) to the latest schema.\nIn demo mode an empty database also gets the demo council.");
  process.exit(0);
}
const env = resolveEnvOrExit();
const { db, migrated, seededDemo } = await prepareDatabase(env);
console.log(migrated.length ? `Applied ${migrated.length} migration(s): ${migrated.join(", ")}` : "The database is already up to date.");
if (seededDemo) console.log("Seeded the demo council.");
await db.destroy();
