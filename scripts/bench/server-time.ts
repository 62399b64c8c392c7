// npm run bench:server-time -- [--db ./data/bench.db] [--requests 300] [--page thread|home|settings] (all by default)
//                              [--against <another build folder> [--blocks 40]]
//
// Server time per page, in process: the production build's request handler answers the thread page, the home page
// and a small page for the bench member, one request after another, with no HTTP and no load generator. It prints CPU
// and wall milliseconds per request, which vary far less on a busy machine than bench:pages' requests per second.
//
// --against: an A/B of two builds (e.g. a copy of `build/` made at another commit) in this one process. Requests to
// the two alternate in blocks (`--requests` per block, 50 by default; `--blocks` rounds of one block per copy of each
// build), so the machine's drift falls on both alike; it prints each build's median CPU per request and the difference.
import { createRequestHandler } from "@remix-run/node";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { median, opt } from "./lib";
import { benchDatabase, benchReader } from "./seed";

const file = benchDatabase();
const against = opt("against", "");
const requests = Number(opt("requests", against ? "50" : "300"));
const only = opt("page", "");
const blocks = Number(opt("blocks", "40"));
const builds = [...(against ? [path.resolve(against)] : []), path.resolve("build")];
for (const dir of builds) {
  if (!fs.existsSync(path.join(dir, "server/index.js"))) {
    console.error(dir === path.resolve("build") ? "No production build. Run: npm run build" : `No server build in ${dir} (expected ${dir}/server/index.js)`);
    process.exit(1);
  }
}
process.env.NODE_ENV = "production"; // React's production build, as scripts/serve.ts does
process.env.DATABASE_PATH = file;
process.env.COUNCIL_MODE = "demo";

const { token, thread } = await benchReader(file);

// With --against, each build is loaded twice, as A B B A: whichever build is loaded second ran up to 15% faster in an
// A/A test (the same build twice), so each build gets a first and a later place. A query string makes a second copy.
const order = against ? [0, 1, 1, 0] : [0];
const handlers: ReturnType<typeof createRequestHandler>[] = [];
for (const [n, i] of order.entries()) {
  handlers.push(createRequestHandler(await import(`${pathToFileURL(path.join(builds[i]!, "server/index.js")).href}?copy=${n}`), "production"));
}
const get = async (handle: (typeof handlers)[number], url: string) => {
  // The load context of a document request, as scripts/lib/operations.ts makes it (post bodies go out as markup once).
  const response = await handle(new Request(`http://localhost:3000${url}`, { headers: { cookie: `council_session=${token}` } }), { markup: new Map() });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return (await response.arrayBuffer()).byteLength;
};
/** CPU and wall milliseconds per request over `n` requests, and the last answer's size. */
const measure = async (handle: (typeof handlers)[number], url: string, n: number) => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = await get(handle, url);
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000 / n, wall: (performance.now() - t0) / n, bytes };
};

const pages = [["thread", "thread page (30 posts)", `/threads/${thread.id}?page=1`], ["home", "home page", "/"], ["settings", "settings (small page)", "/settings"]] as const;
console.log(against
  ? `bench:server-time on ${file}: A = ${builds[0]}, B = ${builds[1]}, each loaded twice (A B B A); ${blocks} rounds of a block of ${requests} requests per copy, in process`
  : `bench:server-time on ${file}: ${requests} requests each, in process, one at a time`);
for (const [, name, url] of pages.filter(([key]) => !only || key === only)) {
  for (const handle of handlers) for (let i = 0; i < 50; i++) await get(handle, url); // warm-up: JIT, page cache, prepared statements
  if (!against) {
    const { cpu, wall, bytes } = await measure(handlers[0]!, url, requests);
    console.log(`  ${name.padEnd(24)} ${cpu.toFixed(2)} ms CPU, ${wall.toFixed(2)} ms wall per request (${bytes.toLocaleString("en-US")} bytes)`);
    continue;
  }
  const cpu: [number[], number[]] = [[], []];
  const bytes = [0, 0];
  for (let b = 0; b < blocks; b++) {
    // One block of each copy per round, in an order that turns each round.
    for (let k = 0; k < order.length; k++) {
      const copy = (b + k) % order.length;
      const block = await measure(handlers[copy]!, url, requests);
      cpu[order[copy]!]!.push(block.cpu);
      bytes[order[copy]!] = block.bytes;
    }
  }
  const [a, b] = cpu.map(median) as [number, number];
  console.log(`  ${name.padEnd(24)} A ${a.toFixed(2)} ms, B ${b.toFixed(2)} ms CPU per request (B ${b < a ? "−" : "+"}${Math.abs(100 * (b / a - 1)).toFixed(1)}%; bytes ${bytes.map((n) => n.toLocaleString("en-US")).join(" / ")})`);
}
