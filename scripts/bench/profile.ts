// npm run bench:profile -- [--db ./data/bench.db] [--page thread|home] [--duration 15] [--connections 32] [--top 25]
//                          [--out ./data/profiles]
//
// A CPU profile of the production server (scripts/serve.ts, one process, port 3202, `node --cpu-prof`) while
// autocannon loads the thread page (or the home page) as the bench member; then the top functions by self time and
// the self time per package. The .cpuprofile file is kept (open it in Chrome DevTools → Performance).
import autocannon from "autocannon";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { opt, startBenchServer } from "./lib";
import { benchDatabase, benchReader } from "./seed";

const file = benchDatabase();
const page = opt("page", "thread");
const duration = Number(opt("duration", "15"));
const connections = Number(opt("connections", "32"));
const top = Number(opt("top", "25"));
const outDir = path.resolve(opt("out", "./data/profiles"));
const PORT = 3202;

if (!fs.existsSync("build/server/index.js")) {
  console.error("No production build: run npm run build first.");
  process.exit(1);
}
const { token, thread } = await benchReader(file);
const url = page === "home" ? `http://localhost:${PORT}/` : `http://localhost:${PORT}/threads/${thread.id}?page=1`;

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "council-profile-"));
const server = await startBenchServer({ database: file, port: PORT, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${runDir}`] });
process.on("exit", () => server.exitCode === null && server.kill("SIGKILL"));

const headers = { cookie: `council_session=${token}` };
await autocannon({ url, connections, duration: 3, headers }); // warm-up (also profiled; a small share)
const result = await autocannon({ url, connections, duration, headers });
console.log(`${page} page under load: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, load ${os.loadavg()[0]!.toFixed(1)}`);
const exited = new Promise((resolve) => server.once("exit", resolve));
server.kill("SIGINT"); // a graceful stop: Node writes the profile as it exits
await exited;

const written = fs.readdirSync(runDir).filter((f) => f.endsWith(".cpuprofile"));
if (written.length === 0) throw new Error("the server wrote no CPU profile");
fs.mkdirSync(outDir, { recursive: true });
const profilePath = path.join(outDir, `${page}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
fs.copyFileSync(path.join(runDir, written[0]!), profilePath);
fs.rmSync(runDir, { recursive: true, force: true });

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
const profile = JSON.parse(fs.readFileSync(profilePath, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
// Self time per node from the samples (each sample's time is the delta that follows it).
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
const ROOT = path.resolve(import.meta.dirname, "../..");
for (const node of profile.nodes) {
  const micros = selfMicros.get(node.id) ?? 0;
  if (!micros) continue;
  const { functionName, url: source, lineNumber } = node.callFrame;
  const where = source.replace(`file://${ROOT}/`, "").replace(/^file:\/\//, "");
  const name = `${functionName || "(anonymous)"} ${where ? `${where}:${lineNumber + 1}` : ""}`.trim();
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where)?.[1] ?? (where.startsWith("build/") ? "council (build)" : where.startsWith("node:") ? "node" : where ? "council (scripts)" : functionName || "(native)");
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
}
const table = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
  .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`).join("\n");
console.log(`\nprofile ${path.relative(process.cwd(), profilePath)}: ${(total / 1e6).toFixed(1)} s sampled\n\ntop ${top} functions by self time\n${table(byFunction, top)}`);
console.log(`\nself time by package\n${table(byPackage, 15)}`);
process.exit(0);
