// Throughput of the pitch check: npm run bench:pitch [-- --posts N]
// Runs the checks over the corpus bodies, repeated to at least N posts (50,000), 5 runs each, and
// prints posts per second for each run and the median: by the wall clock, and per second of this
// process's CPU time (which a machine busy with other work disturbs less). Figures only, no assertions.
//   screening: what the server does for every post (rules + model score; reasons only for held posts)
//   full verdict: the score and every reason for every post (what pitch-check writes)
//   rules alone: the phrase table (pitch.ts)
import { detectPitch } from "../../app/moderation/pitch";
import { bundledPitchModel } from "../../app/moderation/bundled-pitch-model.server";
import { judgePost, scorePost } from "../../app/moderation/pitch-verdict";
import { screenPost } from "../../app/moderation/screening.server";
import { readCorpus } from "../../app/moderation/pitch-corpus.server";
import { DEFAULT_PITCH_THRESHOLD } from "../../app/moderation/pitch";
import { median, opt } from "./lib";

const MIN_POSTS = Number(opt("posts", "50000"));
const REPEATS = 5;

const bodies = readCorpus().map((r) => r.body);
const posts: string[] = [];
while (posts.length < MIN_POSTS) posts.push(...bodies);
const model = bundledPitchModel();

const checks: [string, (text: string) => boolean][] = [
  ["screening (rules + model)", (t) => screenPost(t, DEFAULT_PITCH_THRESHOLD, model).held],
  ["score only (rules + model)", (t) => scorePost(t, model).held],
  ["full verdict with reasons", (t) => judgePost(t, model).held],
  ["rules alone", (t) => detectPitch(t).held],
];

console.log(`pitch check: ${posts.length} posts per run (${bodies.length} distinct corpus bodies), ${REPEATS} runs, model v${model.version}`);
for (const [name, check] of checks) {
  for (let i = 0; i < 2_000; i++) check(posts[i % posts.length]); // warm up the JIT
  const rates: number[] = [];
  const cpuRates: number[] = [];
  let held = 0;
  for (let run = 1; run <= REPEATS; run++) {
    held = 0;
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const post of posts) if (check(post)) held++;
    const used = process.cpuUsage(cpu);
    rates.push(posts.length / (Number(process.hrtime.bigint() - start) / 1e9));
    cpuRates.push(posts.length / ((used.user + used.system) / 1e6));
  }
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(`  ${name.padEnd(27)} median ${fmt(median(rates))} posts/s wall, ${fmt(median(cpuRates))} posts per CPU-second (wall runs: ${rates.map(fmt).join(", ")}; held ${held} of ${posts.length})`);
}
