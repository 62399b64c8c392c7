// npm run bench:server-time -- [--db ./data/bench.db] [--requests 300] [--page thread|home] (both by default)
//
// Server time per page, in process: the production build's request handler answers the thread page and the home
// page for the bench member, one request after another, with no HTTP and no load generator. It prints CPU and wall
// milliseconds per request, which vary far less on a busy machine than bench:pages' requests per second.
import { createRequestHandler } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { opt } from "./lib";
import { benchDatabase, benchReader } from "./seed";

const file = benchDatabase();
const requests = Number(opt("requests", "300"));
const only = opt("page", "");
if (!fs.existsSync("build/server/index.js")) {
  console.error("No production build. Run: npm run build");
  process.exit(1);
}
process.env.NODE_ENV = "production"; // React's production build, as scripts/serve.ts does
process.env.DATABASE_PATH = file;
process.env.COUNCIL_MODE = "demo";

const { token, thread } = await benchReader(file);

const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
const handle = createRequestHandler(build, "production");
const get = async (url: string) => {
  // The load context of a document request, as scripts/lib/operations.ts makes it (post bodies go out as markup once).
  const response = await handle(new Request(`http://localhost:3000${url}`, { headers: { cookie: `council_session=${token}` } }), { markup: new Map() });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return (await response.text()).length;
};

console.log(`bench:server-time on ${file}: ${requests} requests each, in process, one at a time`);
const pages = [["thread", "thread page (30 posts)", `/threads/${thread.id}?page=1`], ["home", "home page", "/"], ["settings", "settings (small page)", "/settings"]] as const;
for (const [, name, url] of pages.filter(([key]) => !only || key === only)) {
  for (let i = 0; i < 50; i++) await get(url); // warm-up: JIT, page cache, prepared statements
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < requests; i++) bytes = await get(url);
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  console.log(`  ${name.padEnd(24)} ${((cpu.user + cpu.system) / 1000 / requests).toFixed(2)} ms CPU, ${(wall / requests).toFixed(2)} ms wall per request (${bytes.toLocaleString("en-US")} bytes)`);
}
