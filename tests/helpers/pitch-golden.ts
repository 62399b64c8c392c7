// The pitch check's verdicts pinned before its speed work (issue 18): every corpus post (the first
// fresh set, ids f001–f225, is now part of the corpus),
// as written, UPPER-CASED, Title-Cased and with the two characters whose lower case is ASCII-like
// (İ and the Kelvin sign) inserted, through the rules alone, the full verdict and the score-only
// path, with model v5 (kept as tests/fixtures/pitch-model-v5.json). Each verdict is stored as a
// short digest of its JSON, so any change to a score, a reason, an excerpt or a weight shows.
//
//   npx tsx tests/helpers/pitch-golden.ts --write   # regenerate (only when verdicts change on purpose)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { detectPitch } from "../../app/moderation/pitch";
import { readCorpus } from "../../app/moderation/pitch-corpus.server";
import { loadPitchModel, type PitchModelFile } from "../../app/moderation/pitch-model";
import { judgePost, scorePost } from "../../app/moderation/pitch-verdict";

export const GOLDEN_PATH = path.join(process.cwd(), "tests/fixtures/pitch-golden.json");
export const V5_MODEL_PATH = path.join(process.cwd(), "tests/fixtures/pitch-model-v5.json");

const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

const VARIANTS: [string, (text: string) => string][] = [
  ["as written", (t) => t],
  ["upper case", (t) => t.toUpperCase()],
  ["title case", (t) => t.replace(/\b[a-z]/g, (c) => c.toUpperCase())],
  ["odd letters", (t) => t.replace(/ /, " İ ").replace(/\bk/i, "\u212a")],
];

export function goldenVerdicts(): Record<string, string> {
  const model = loadPitchModel(JSON.parse(readFileSync(V5_MODEL_PATH, "utf8")) as PitchModelFile);
  const out: Record<string, string> = {};
  for (const row of readCorpus()) {
    for (const [name, vary] of VARIANTS) {
      const text = vary(row.body);
      out[`${row.id} ${name}`] = digest([detectPitch(text), judgePost(text, model), judgePost(text, model, 1.4, "held"), scorePost(text, model)]);
    }
  }
  return out;
}

if (process.argv.includes("--write")) {
  writeFileSync(GOLDEN_PATH, `${JSON.stringify(goldenVerdicts(), null, 0)}\n`);
  console.log(`Wrote ${GOLDEN_PATH}`);
}
