// Throughput of the pitch check: npm run bench:pitch
// Runs the checks over the corpus bodies, repeated to at least 50,000 posts, 5 runs each, and prints
// posts per second for each run and the median. Figures only, no assertions.
//   screening: what the server does for every post (rules + model score; reasons only for held posts)
//   full verdict: the score and every reason for every post (what pitch-check writes)
//   rules alone: the phrase table (pitch.ts)
import { detectPitch } from "../../app/moderation/pitch";
import { bundledPitchModel } from "../../app/moderation/bundled-pitch-model";
import { judgePost } from "../../app/moderation/pitch-verdict";
import { screenPost } from "../../app/moderation/screening.server";
import { readCorpus } from "../../app/moderation/pitch-corpus.server";
import { DEFAULT_PITCH_THRESHOLD } from "../../app/moderation/pitch";

const MIN_POSTS = 50_000;
const REPEATS = 5;

const bodies = readCorpus().map((r) => r.body);
const posts: string[] = [];
while (posts.length < MIN_POSTS) posts.push(...bodies);
const model = bundledPitchModel();

const checks: [string, (text: string) => boolean][] = [
  ["screening (rules + model)", (t) => screenPost(t, DEFAULT_PITCH_THRESHOLD, model).held],
  ["full verdict with reasons", (t) => judgePost(t, model).held],
  ["rules alone", (t) => detectPitch(t).held],
];

console.log(`pitch check: ${posts.length} posts per run (${bodies.length} distinct corpus bodies), ${REPEATS} runs, model v${model.version}`);
for (const [name, check] of checks) {
  for (let i = 0; i < 2_000; i++) check(posts[i % posts.length]); // warm up the JIT
  const rates: number[] = [];
  let held = 0;
  for (let run = 1; run <= REPEATS; run++) {
    held = 0;
    const start = process.hrtime.bigint();
    for (const post of posts) if (check(post)) held++;
    rates.push(posts.length / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(`  ${name.padEnd(27)} median ${fmt(sorted[Math.floor(sorted.length / 2)])} posts/s (runs: ${rates.map(fmt).join(", ")}; held ${held} of ${posts.length})`);
}
