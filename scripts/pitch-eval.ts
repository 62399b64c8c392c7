// Measures the pitch detector against the labelled corpus in tests/fixtures/pitch-corpus.jsonl.
//
//   npm run pitch-eval                      # default threshold
//   npm run pitch-eval -- --threshold 1.2   # try another threshold
//
// "Precision": of the posts we held, how many really were pitches.
// "Recall": of the real pitches, how many we held.
// "False-positive rate": of the honest posts, how many we held by mistake.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_PITCH_THRESHOLD, detectPitch } from "../app/moderation/pitch";
import { PITCH_THRESHOLD_RANGE, pitchThresholdSchema } from "../app/moderation/schemas/moderation";
import { CliError, parseOptions, runCli } from "./lib/cli";

const CORPUS_PATH = path.resolve(import.meta.dirname, "../tests/fixtures/pitch-corpus.jsonl");

const USAGE = `Usage: npm run pitch-eval -- [--threshold N] [--show tune|holdout|all] [--summary]

Scores every post in tests/fixtures/pitch-corpus.jsonl and prints, for the tune set,
the holdout set and all posts: counts, precision, recall and false-positive rate.
Lists the misclassified posts (id, label, score) of the holdout set, or of the set
named by --show.

Options:
  --threshold N   hold posts scoring >= N, from ${PITCH_THRESHOLD_RANGE.min} to ${PITCH_THRESHOLD_RANGE.max} (default ${DEFAULT_PITCH_THRESHOLD})
  --show SET      which set's misclassified posts to list (default holdout)
  --summary       print the figures only, no list of misclassified posts
                  (use it while tuning, so the holdout posts stay unseen)
  -h, --help      show this help
`;

const CorpusRow = z.object({
  id: z.string(),
  label: z.enum(["pitch", "ok"]),
  set: z.enum(["tune", "holdout"]),
  authorType: z.enum(["executive", "consultant"]),
  body: z.string().min(1),
});
type CorpusRow = z.infer<typeof CorpusRow>;

function parseEvalOptions() {
  const args = parseOptions(
    { threshold: { type: "string" }, show: { type: "string" }, summary: { type: "boolean" } },
    z.object({
      threshold: pitchThresholdSchema.default(DEFAULT_PITCH_THRESHOLD),
      show: z.enum(["tune", "holdout", "all"], { error: "must be tune, holdout or all" }).default("holdout"),
      summary: z.boolean().default(false),
    }),
    USAGE,
  );
  return { threshold: args.threshold, show: args.show, summary: args.summary };
}

function loadCorpus(): CorpusRow[] {
  const lines = readFileSync(CORPUS_PATH, "utf8").split("\n");
  const rows: CorpusRow[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = CorpusRow.safeParse(JSON.parse(line));
    if (!parsed.success) throw new CliError(`${CORPUS_PATH} line ${i + 1}: ${z.prettifyError(parsed.error)}`);
    rows.push(parsed.data);
  });
  return rows;
}

type Scored = CorpusRow & { held: boolean; score: number };

function metrics(rows: Scored[]) {
  const tp = rows.filter((r) => r.label === "pitch" && r.held).length;
  const fp = rows.filter((r) => r.label === "ok" && r.held).length;
  const fn = rows.filter((r) => r.label === "pitch" && !r.held).length;
  const tn = rows.filter((r) => r.label === "ok" && !r.held).length;
  return {
    count: rows.length,
    pitches: tp + fn,
    ok: fp + tn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    fpr: fp + tn === 0 ? 0 : fp / (fp + tn),
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(6);

function main() {
  const { threshold, show, summary } = parseEvalOptions();
  const scored: Scored[] = loadCorpus().map((row) => {
    const verdict = detectPitch(row.body, threshold);
    return { ...row, held: verdict.held, score: verdict.score };
  });
  const sets: Record<string, Scored[]> = {
    tune: scored.filter((r) => r.set === "tune"),
    holdout: scored.filter((r) => r.set === "holdout"),
    all: scored,
  };

  console.log(`Pitch detector evaluation (threshold ${threshold})\n`);
  console.log("set       posts  pitch     ok  precision  recall  false-pos rate");
  for (const [name, rows] of Object.entries(sets)) {
    const m = metrics(rows);
    console.log(
      `${name.padEnd(8)} ${String(m.count).padStart(6)} ${String(m.pitches).padStart(6)} ${String(m.ok).padStart(6)}     ${pct(m.precision)}  ${pct(m.recall)}          ${pct(m.fpr)}`,
    );
  }

  if (!summary) {
    const wrong = sets[show].filter((r) => r.held !== (r.label === "pitch"));
    console.log(`\nMisclassified in ${show} (${wrong.length}):`);
    for (const r of wrong) {
      const kind = r.label === "pitch" ? "missed pitch  " : "false positive";
      console.log(`  ${r.id}  ${kind}  score ${r.score.toFixed(2).padStart(5)}  ${r.body.slice(0, 90)}`);
    }
    if (wrong.length === 0) console.log("  none");
  }

  const holdout = metrics(sets.holdout);
  const meets = holdout.recall >= 0.9 && holdout.fpr <= 0.05;
  console.log(`\nHoldout target (recall >= 90%, false-positive rate <= 5%): ${meets ? "met" : "NOT met"}`);
}

await runCli(main);
