// npm run bench:pages -- [--db ./data/bench.db] [--duration 10] [--connections 32] [--repeats 1] [--build]
//
// Loads the production server (scripts/serve.ts on the bench database, port 3200) and a floor
// server (scripts/bench/floor-server.ts, port 3201) with autocannon as the bench member, and prints
// req/s, p50 and p99 for the thread page (30 posts, unread tracking on), the home page and the floor,
// the ratio thread/floor, and the server's resident memory after the load. Run `npm run bench:seed`
// first; the production build is made when missing (or with --build).
import autocannon from "autocannon";
import { execSync, fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { benchDatabaseUrl, opt } from "./lib";
import { benchDatabase, benchReader } from "./seed";

const argv = process.argv;
const file = benchDatabase();
const duration = Number(opt("duration", "10"));
const connections = Number(opt("connections", "32"));
const repeats = Number(opt("repeats", "1"));
const PORT = Number(opt("port", "3200"));
const FLOOR_PORT = PORT + 1;
const databaseUrl = benchDatabaseUrl();

if (argv.includes("--build") || !fs.existsSync("build/server/index.js")) {
  console.log("Building the production bundle (npx remix vite:build)…");
  execSync("npx remix vite:build", { stdio: "inherit" });
}

// A signed-in bench member, and a long published council-wide thread to read.
const { token, thread } = await benchReader(file);
const cookie = `council_session=${token}`;

const children: ChildProcess[] = [];
const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM"));
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));

async function waitFor(url: string, child: ChildProcess, name: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start`);
}

// The production server, as `npm run serve` runs it (one process, so its RSS is the server's).
// (scripts/serve.ts switches React to its production build itself; NODE_ENV=production would mean production mode.)
const serverEnv: Record<string, string | undefined> = { ...process.env, DATABASE_PATH: file, COUNCIL_MODE: "demo", PORT: String(PORT), PUBLIC_URL: `http://localhost:${PORT}` };
// --database-url: the server reads PostgreSQL (the floor server still reads the SQLite file it was copied from).
if (databaseUrl) serverEnv.DATABASE_URL = databaseUrl;
delete serverEnv.NODE_ENV;
// The same heap cap as `npm run serve` and `npm start` (package.json).
const server = spawn(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "scripts/serve.ts"], {
  env: serverEnv as NodeJS.ProcessEnv,
  stdio: ["ignore", "ignore", "inherit"],
});
children.push(server);
const floor = fork("scripts/bench/floor-server.ts", [file, String(FLOOR_PORT)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
children.push(floor);
await waitFor(`http://localhost:${PORT}/login`, server, "production server");
await waitFor(`http://localhost:${FLOOR_PORT}/threads/${thread.id}`, floor, "floor server");

type Figures = { rps: number; p50: number; p99: number; errors: number };
async function load(url: string, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}
const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
};

// Sanity: the pages answer 200 for the bench member, and the thread page has 30 posts.
const check = await fetch(`http://localhost:${PORT}/threads/${thread.id}?page=1`, { headers: { cookie }, redirect: "manual" });
const body = await check.text();
const postCount = (body.match(/id="post-\d+"/g) ?? []).length;
if (check.status !== 200 || postCount < 30) throw new Error(`thread page answered ${check.status} with ${postCount} posts`);

const targets = [
  { name: "thread page", url: `http://localhost:${PORT}/threads/${thread.id}?page=1` },
  { name: "home page", url: `http://localhost:${PORT}/` },
  { name: "floor", url: `http://localhost:${FLOOR_PORT}/threads/${thread.id}` },
];
console.log(`bench:pages on ${databaseUrl ? "PostgreSQL" : file}: thread ${thread.id} (${thread.post_count} posts, page 1 = ${postCount} posts), ${connections} connections, ${duration} s each, ${repeats} run(s)`);
const runs: Record<string, Figures[]> = {};
for (let r = 0; r < repeats; r++) {
  for (const t of targets) {
    await load(t.url, 3); // warm-up
    const f = await load(t.url, duration);
    (runs[t.name] ??= []).push(f);
    console.log(`  run ${r + 1} ${t.name.padEnd(12)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms${f.errors ? `  (${f.errors} non-2xx/errors)` : ""}`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = Object.fromEntries(Object.entries(runs).map(([name, fs_]) => [name, {
  rps: median(fs_.map((f) => f.rps)), p50: median(fs_.map((f) => f.p50)), p99: median(fs_.map((f) => f.p99)),
}]));
const mem = rssMb(server.pid!);
console.log(`\n${"".padEnd(12)}  req/s     p50     p99   (median of ${repeats})`);
for (const [name, s] of Object.entries(summary)) console.log(`${name.padEnd(12)} ${s.rps.toFixed(0).padStart(6)} ${String(s.p50).padStart(5)} ms ${String(s.p99).padStart(5)} ms`);
const ratio = (n: string) => ((summary[n]!.rps / summary.floor!.rps) * 100).toFixed(1);
console.log(`thread/floor ${ratio("thread page")}%   home/floor ${ratio("home page")}%   (targets: ≥350 req/s, ≥25% of floor, p99 < 250 ms)`);
console.log(`server RSS after load ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB; target < 300 MB)`);
stopAll();
process.exit(0);
