import { spawnSync } from "node:child_process";
import { startThrowawayPostgres } from "./lib/throwaway-postgres";
const pg = await startThrowawayPostgres();
console.log("PG at", pg.url);
const r = spawnSync("node_modules/.bin/vitest", ["run", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: pg.url } });
pg.stop();
process.exit(r.status ?? 1);
