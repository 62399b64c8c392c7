// Throughput of the pitch detector: npm run bench:pitch
// Runs detectPitch over the corpus bodies, repeated to at least 50,000 posts, 5 times,
// and prints posts per second for each run and the median. Figures only, no assertions.
import { readFileSync } from "node:fs";
import path from "node:path";
import { detectPitch } from "../../app/moderation/pitch";

const CORPUS_PATH = path.resolve(import.meta.dirname, "../../tests/fixtures/pitch-corpus.jsonl");
const MIN_POSTS = 50_000;
const REPEATS = 5;

const bodies = readFileSync(CORPUS_PATH, "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => (JSON.parse(line) as { body: string }).body);

const posts: string[] = [];
while (posts.length < MIN_POSTS) posts.push(...bodies);

// Warm up so the JIT has compiled the hot paths before we time anything.
for (let i = 0; i < 2_000; i++) detectPitch(posts[i % posts.length]);

console.log(`detectPitch: ${posts.length} posts per run (${bodies.length} distinct corpus bodies), ${REPEATS} runs`);
const rates: number[] = [];
let held = 0;
for (let run = 1; run <= REPEATS; run++) {
  held = 0;
  const start = process.hrtime.bigint();
  for (const post of posts) if (detectPitch(post).held) held++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = posts.length / seconds;
  rates.push(rate);
  console.log(`  run ${run}: ${Math.round(rate).toLocaleString("en-US")} posts/s (${(seconds * 1000).toFixed(0)} ms)`);
}
const sorted = [...rates].sort((a, b) => a - b);
console.log(`median: ${Math.round(sorted[Math.floor(sorted.length / 2)]).toLocaleString("en-US")} posts/s (held ${held} of ${posts.length} per run)`);
