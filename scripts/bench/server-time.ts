// npm run bench:server-time -- [--db ./data/bench.db] [--requests 300]
//
// Server time per page, in process: the production build's request handler answers the thread page and the home
// page for the bench member, one request after another, with no HTTP and no load generator. It prints CPU and wall
// milliseconds per request, which vary far less on a busy machine than bench:pages' requests per second.
import { createRequestHandler } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { openDb } from "../../app/lib/db.server";
import { createSession } from "../../app/lib/session.server";
import { BENCH_EMAIL, DEFAULT_BENCH_DB } from "./seed";

const argv = process.argv;
const opt = (name: string, fallback: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1]! : fallback);
const file = path.resolve(opt("db", DEFAULT_BENCH_DB));
const requests = Number(opt("requests", "300"));
if (!fs.existsSync(file)) {
  console.error(`No bench database at ${file}. Run: npm run bench:seed`);
  process.exit(1);
}
if (!fs.existsSync("build/server/index.js")) {
  console.error("No production build. Run: npm run build");
  process.exit(1);
}
process.env.NODE_ENV = "production"; // React's production build, as scripts/serve.ts does
process.env.DATABASE_PATH = file;
process.env.COUNCIL_MODE = "demo";

const db = openDb(file);
const member = await db.selectFrom("people").select("id").where("email_normalized", "=", BENCH_EMAIL).executeTakeFirstOrThrow();
const { token } = await createSession(db, member.id, 30);
const thread = await db.selectFrom("threads").select("id").where("status", "=", "published").where("chapter_id", "is", null)
  .where("post_count", ">=", 60).orderBy("id").executeTakeFirstOrThrow();
await db.destroy();

const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
const handle = createRequestHandler(build, "production");
const get = async (url: string) => {
  const response = await handle(new Request(`http://localhost:3000${url}`, { headers: { cookie: `council_session=${token}` } }));
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return (await response.text()).length;
};

console.log(`bench:server-time on ${file}: ${requests} requests each, in process, one at a time`);
for (const [name, url] of [["thread page (30 posts)", `/threads/${thread.id}?page=1`], ["home page", "/"]] as const) {
  for (let i = 0; i < 50; i++) await get(url); // warm-up: JIT, page cache, prepared statements
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < requests; i++) bytes = await get(url);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  console.log(`  ${name.padEnd(24)} ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} ms CPU, ${(wall / requests).toFixed(2)} ms wall per request (${bytes.toLocaleString("en-US")} bytes)`);
}
