// npm run bench:pages -- [--db ./data/bench.db] [--duration 10] [--connections 32] [--repeats 3] [--workers 1,auto]
//                        [--peer URL] [--build]
//
// Loads the production server (scripts/serve.ts on the bench database, port 3200) and a floor server
// (scripts/bench/floor-server.ts, port 3201) with autocannon as the bench member: the thread page (30 posts, unread
// tracking on), the home page, the floor, and with --peer any other page (e.g. a NodeBB topic, loaded as a guest),
// in turn, `repeats` times, for each WORKERS setting (1 and auto by default: the server is restarted in between).
// Prints req/s, p50, p99 and the load average of each run, then per setting the medians, the ratio to the floor and
// to the peer, and the resident memory of the whole server after the load: per process (primary, workers, tsx's
// esbuild service) RSS, PSS and peak RSS, and their sums. Run `npm run bench:seed` first; the production build is made when missing (or --build).
import autocannon from "autocannon";
import { execSync, fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { benchDatabaseUrl, median, opt, startBenchServer } from "./lib";
import { benchDatabase, benchReader } from "./seed";

const argv = process.argv;
const file = benchDatabase();
const duration = Number(opt("duration", "10"));
const connections = Number(opt("connections", "32"));
const repeats = Number(opt("repeats", "3"));
const workerSettings = opt("workers", "1,auto").split(",");
const peer = opt("peer", "");
const PORT = Number(opt("port", "3200"));
const FLOOR_PORT = PORT + 1;
// --database-url: the server reads PostgreSQL (the floor server still reads the SQLite file it was copied from).
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

async function waitFor(url: string, child: ChildProcess, name: string, headers: Record<string, string> = {}) {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      const r = await fetch(url, { headers });
      if (r.status < 500) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start`);
}

async function startServer(workers: string) {
  const server = await startBenchServer({ database: file, port: PORT, workers });
  children.push(server);
  return server;
}

async function stopServer(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

/** The server's processes: it and every descendant (cluster workers, tsx's esbuild service). */
function processTree(pid: number): number[] {
  let kids: number[] = [];
  try {
    kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch { /* gone */ }
  return [pid, ...kids.flatMap(processTree)];
}
/** What one process of the server is, from its command line. */
function roleOf(pid: number, root: number): string {
  let cmdline = "";
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch { /* gone */ }
  if (pid === root) return "primary";
  if (/esbuild/.test(cmdline)) return "esbuild (tsx)";
  if (/build\/workers\/serve-|scripts\/serve\.ts/.test(cmdline)) return "worker";
  return cmdline.split(" ").slice(0, 3).join(" ");
}
/**
 * Resident memory of every process of the server (/proc/<pid>/smaps_rollup): RSS counts a page shared by several
 * processes (Node's code, libraries) once in each; PSS divides it among them, so summed PSS is the memory they take.
 */
function memoryMb(root: number) {
  const processes = processTree(root).flatMap((pid) => {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (text: string, key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
      return [{ pid, role: roleOf(pid, root), rss: kb(rollup, "Rss") / 1024, pss: kb(rollup, "Pss") / 1024, peak: kb(status, "VmHWM") / 1024 }];
    } catch {
      return []; // gone
    }
  });
  if (!processes.some((p) => p.role === "worker")) processes.forEach((p) => p.role === "primary" && (p.role = "server")); // WORKERS=1
  const sum = (key: "rss" | "pss" | "peak") => processes.reduce((n, p) => n + p[key], 0);
  return { processes, rss: sum("rss"), pss: sum("pss"), peak: sum("peak") };
}

type Figures = { rps: number; p50: number; p99: number; errors: number; load: number };
async function load(url: string, seconds: number, headers: Record<string, string>): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad, load: os.loadavg()[0]! };
}

const floor = fork("scripts/bench/floor-server.ts", [file, String(FLOOR_PORT)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
children.push(floor);
await waitFor(`http://localhost:${FLOOR_PORT}/threads/${thread.id}`, floor, "floor server");

const member = { cookie };
const targets = [
  { name: "thread page", url: `http://localhost:${PORT}/threads/${thread.id}?page=1`, headers: member },
  { name: "home page", url: `http://localhost:${PORT}/`, headers: member },
  { name: "floor", url: `http://localhost:${FLOOR_PORT}/threads/${thread.id}`, headers: member },
  ...(peer ? [{ name: "peer", url: peer, headers: {} }] : []),
];
console.log(`bench:pages on ${databaseUrl ? "PostgreSQL" : file}: thread ${thread.id} (${thread.post_count} posts, page 1), ${connections} connections, ${duration} s each, ` +
  `${repeats} alternating run(s) per WORKERS setting (${workerSettings.join(", ")}); ${os.availableParallelism()} cores${peer ? `; peer ${peer}` : ""}`);

const summaries: string[] = [];
for (const workers of workerSettings) {
  const server = await startServer(workers);
  // Sanity: the pages answer 200 for the bench member, and the thread page has 30 posts.
  const check = await fetch(targets[0]!.url, { headers: { cookie }, redirect: "manual" });
  const postCount = ((await check.text()).match(/id="post-\d+"/g) ?? []).length;
  if (check.status !== 200 || postCount < 30) throw new Error(`thread page answered ${check.status} with ${postCount} posts`);

  console.log(`\nWORKERS=${workers}`);
  const runs: Record<string, Figures[]> = {};
  for (let r = 0; r < repeats; r++) {
    for (const t of targets) {
      await load(t.url, 3, t.headers); // warm-up
      const f = await load(t.url, duration, t.headers);
      (runs[t.name] ??= []).push(f);
      console.log(`  run ${r + 1} ${t.name.padEnd(12)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(4)} ms  load ${f.load.toFixed(1)}${f.errors ? `  (${f.errors} non-2xx/errors)` : ""}`);
    }
  }
  const mem = memoryMb(server.pid!);
  await stopServer(server);
  const s = Object.fromEntries(Object.entries(runs).map(([name, fs_]) => [name, {
    rps: median(fs_.map((f) => f.rps)), p50: median(fs_.map((f) => f.p50)), p99: median(fs_.map((f) => f.p99)),
    load: median(fs_.map((f) => f.load)), errors: fs_.reduce((n, f) => n + f.errors, 0),
  }]));
  const lines = [`WORKERS=${workers} (medians of ${repeats})`, `${"".padEnd(12)}  req/s     p50     p99   load  vs floor${peer ? "  vs peer" : ""}`];
  for (const [name, f] of Object.entries(s)) {
    const vsPeer = peer ? `  ${(f.rps / s.peer!.rps).toFixed(1).padStart(6)}×` : "";
    lines.push(`${name.padEnd(12)} ${f.rps.toFixed(0).padStart(6)} ${String(f.p50).padStart(5)} ms ${String(f.p99).padStart(5)} ms ${f.load.toFixed(1).padStart(5)} ${((f.rps / s.floor!.rps) * 100).toFixed(0).padStart(6)}%${vsPeer}${f.errors ? `  ${f.errors} non-2xx/errors` : ""}`);
  }
  lines.push(`server memory after the load: ${mem.rss.toFixed(0)} MB RSS summed over ${mem.processes.length} processes (target < 400 MB), ` +
    `${mem.pss.toFixed(0)} MB PSS (shared pages counted once), sum of peak RSS ${mem.peak.toFixed(0)} MB`);
  for (const p of mem.processes) lines.push(`  ${p.role.padEnd(14)} pid ${String(p.pid).padEnd(8)} RSS ${p.rss.toFixed(0).padStart(4)} MB  PSS ${p.pss.toFixed(0).padStart(4)} MB  peak RSS ${p.peak.toFixed(0).padStart(4)} MB`);
  summaries.push(lines.join("\n"));
}
console.log(`\n${summaries.join("\n\n")}\n\ntargets: thread and home ≥ 350 req/s (≥ 5× NodeBB's topic page), p99 < 250 ms, every response 200`);
stopAll();
process.exit(0);
