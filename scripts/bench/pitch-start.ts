// The pitch check's first call after start: npm run bench:pitch-start [-- --runs N]
// Starts fresh Node processes (N each way, 5 by default) that screen one post 100 times and time the
// 1st and the 100th call: "cold" as a server did before issue 18 (model loaded and regexes compiled
// by the first post), and "warmed" after warmUpPitchCheck(), which the server now calls at start-up
// (its own time is shown too). Prints the median of each; figures only, no assertions.
import { spawnSync } from "node:child_process";
import { median, opt } from "./lib";

const POST = "Has anyone moved off Sprinklr? We paid list price and the renewal quote went up 30%. Our team wants a cheaper listening tool.";

async function child(mode: "cold" | "warmed") {
  const { screenPost, warmUpPitchCheck } = await import("../../app/moderation/screening.server");
  const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
  let warmUp = 0;
  if (mode === "warmed") {
    const start = process.hrtime.bigint();
    warmUpPitchCheck();
    warmUp = ms(start);
  }
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const start = process.hrtime.bigint();
    screenPost(POST, 1);
    times.push(ms(start));
  }
  console.log(JSON.stringify({ warmUp, first: times[0], hundredth: times[99] }));
}

function main() {
  const runs = Number(opt("runs", "5"));
  const fmt = (n: number) => `${n < 1 ? n.toFixed(3) : n.toFixed(1)} ms`;
  console.log(`pitch check after start: ${runs} fresh processes each way, one post screened 100 times`);
  for (const mode of ["cold", "warmed"] as const) {
    const results: { warmUp: number; first: number; hundredth: number }[] = [];
    for (let r = 0; r < runs; r++) {
      const out = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", mode], { encoding: "utf8" });
      if (out.status !== 0) throw new Error(out.stderr);
      results.push(JSON.parse(out.stdout.trim().split("\n").pop()!));
    }
    const warm = mode === "warmed" ? `, warm-up at start ${fmt(median(results.map((x) => x.warmUp)))}` : "";
    console.log(`  ${mode.padEnd(7)} 1st call ${fmt(median(results.map((x) => x.first)))}, 100th call ${fmt(median(results.map((x) => x.hundredth)))}${warm} (1st calls: ${results.map((x) => fmt(x.first)).join(", ")})`);
  }
}

if (process.argv.includes("--child")) await child(opt("child", "cold") as "cold" | "warmed");
else main();
