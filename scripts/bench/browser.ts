// npm run bench:browser -- [--db ./data/bench.db] [--runs 3] [--no-throttle]
//
// The thread page's first load (cold cache) in Chromium through Playwright, on a throttled mobile profile set with the
// DevTools protocol: 1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU slowed 4×. The production server
// (scripts/serve.ts, one process, port 3203) serves the bench database (`npm run bench:seed`) to the bench member.
// Prints, as medians of `runs` loads: time to first byte, first contentful paint, load, and the bytes of HTML, JS and
// CSS gzipped (each response body gzipped here at level 6, whatever the server sent) and as transferred.
// Goals (issue 19): HTML ≤ 40 KB and JS ≤ 100 KB gzipped, FCP ≤ 1.5 s. Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { chromium } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import zlib from "node:zlib";
import { median, opt, startBenchServer } from "./lib";
import { benchDatabase, benchReader } from "./seed";

const file = benchDatabase();
const runs = Number(opt("runs", "3"));
const throttle = !process.argv.includes("--no-throttle");
const PORT = 3203;

if (!fs.existsSync("build/server/index.js")) {
  console.error("No production build: run npm run build first.");
  process.exit(1);
}
const { token, thread } = await benchReader(file);
const server = await startBenchServer({ database: file, port: PORT });
process.on("exit", () => server.exitCode === null && server.kill("SIGTERM"));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const url = `http://localhost:${PORT}/threads/${thread.id}?page=1`;
type Load = { ttfb: number; fcp: number; load: number; gzip: Record<string, number>; transfer: Record<string, number>; files: Record<string, number> };
const loads: Load[] = [];
for (let r = 0; r < runs; r++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a fresh, empty cache each time
  await context.addCookies([{ name: "council_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttle) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const kinds = new Map<string, string>();
  const transferred = new Map<string, number>();
  cdp.on("Network.responseReceived", (e) => kinds.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => transferred.set(e.requestId, e.encodedDataLength));
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    return { ttfb: nav.responseStart - nav.startTime, load: nav.loadEventEnd - nav.startTime, fcp: fcp ? fcp.startTime : NaN };
  });
  const gzip: Record<string, number> = {};
  const transfer: Record<string, number> = {};
  const files: Record<string, number> = {};
  for (const [id, type] of kinds) {
    const kind = type === "Document" ? "HTML" : type === "Script" ? "JS" : type === "Stylesheet" ? "CSS" : null;
    if (!kind) continue;
    const body = await cdp.send("Network.getResponseBody", { requestId: id }).catch(() => null);
    if (!body) continue;
    const bytes = Buffer.from(body.body, body.base64Encoded ? "base64" : "utf8");
    gzip[kind] = (gzip[kind] ?? 0) + zlib.gzipSync(bytes, { level: 6 }).length;
    transfer[kind] = (transfer[kind] ?? 0) + (transferred.get(id) ?? 0);
    files[kind] = (files[kind] ?? 0) + 1;
  }
  loads.push({ ...timing, gzip, transfer, files });
  console.log(`  run ${r + 1}: TTFB ${timing.ttfb.toFixed(0)} ms, FCP ${timing.fcp.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms, ` +
    Object.keys(gzip).map((k) => `${k} ${(gzip[k]! / 1024).toFixed(1)} KB gz (${files[k]} files)`).join(", ") + `, load avg ${os.loadavg()[0]!.toFixed(1)}`);
  await context.close();
}
await browser.close();

const m = (f: (l: Load) => number) => median(loads.map(f));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\nthread page ${thread.id}, first load, ${throttle ? "1.6 Mbps / 150 ms RTT / 4× CPU" : "no throttling"} (medians of ${runs}):`);
console.log(`  TTFB ${m((l) => l.ttfb).toFixed(0)} ms   FCP ${m((l) => l.fcp).toFixed(0)} ms (goal ≤ 1500)   load ${m((l) => l.load).toFixed(0)} ms`);
for (const [kind, goal] of [["HTML", 40], ["JS", 100], ["CSS", null]] as const) {
  console.log(`  ${kind.padEnd(4)} ${kb(m((l) => l.gzip[kind] ?? 0)).padStart(9)} gzipped, ${kb(m((l) => l.transfer[kind] ?? 0)).padStart(9)} transferred, ${m((l) => l.files[kind] ?? 0)} file(s)${goal ? ` (goal ≤ ${goal} KB gzipped)` : ""}`);
}
server.kill("SIGTERM");
process.exit(0);
