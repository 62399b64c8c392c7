// Cross-validates the pitch model on the corpus's TUNE rows only: k folds, each model trained (with
// its own combination fitted inside, exactly as npm run pitch-train does) on the other folds and
// scored on the held-back fold. The figures are how the choices of training options and of the
// combination are made — never on the holdout split or the fresh set, which this never reads.
//
//   npm run pitch-cv                          # 5 folds, the default training options
//   npm run pitch-cv -- --folds 10 --l2 3e-5  # try other options
//   npm run pitch-cv -- --hold-batch 11       # train on every other tune row, score batch 11 only: how the
//                                             # model does on one writer's posts when it has seen none of them
//   npm run pitch-cv -- --hold-batch 6,11,14  # leave one writer out: the same for each batch in turn, one
//                                             # model per batch, figures by batch (how v10's options were chosen)
import { z } from "zod";
import { DEFAULT_PITCH_THRESHOLD, detectPitch } from "../app/moderation/pitch";
import { readCorpus } from "../app/moderation/pitch-corpus.server";
import { DEFAULT_TRAINING, loadPitchModel, modelProbability, splitFold, trainPitchModel, type TrainingOptions } from "../app/moderation/pitch-model";
import { scorePost } from "../app/moderation/pitch-verdict";
import { CliError, parseOptions, runCli } from "./lib/cli";

const USAGE = `Usage: npm run pitch-cv -- [--folds K] [--epochs N] [--l2 X] [--learning-rate X] [--min-docs N] [--max-fpr X] [--hold-batch N[,N…]]

K-fold cross-validation of the pitch model on the tune rows of tests/fixtures/pitch-corpus.jsonl
(never the holdout split or the fresh set): the combined verdict (rules + model, at the default
threshold ${DEFAULT_PITCH_THRESHOLD}) and the model alone, recall and false-positive rate over all tune
rows and over the rows the phrase table was not written against. With --hold-batch N, one "fold"
instead: every tune row outside batch N trains, and batch N (written by one writer) is scored; with
several batches (6,11,14: the three fresh sets, each by a writer the rest of the corpus shares nothing
with), each in turn, leaving one writer out at a time, with the figures by batch.
`;

type Outcome = { label: "pitch" | "ok"; combined: boolean; model: boolean; rulesSeen: boolean; batch?: number };

function figures(rows: Outcome[], way: "combined" | "model") {
  const pitches = rows.filter((r) => r.label === "pitch");
  const ok = rows.filter((r) => r.label === "ok");
  const tp = pitches.filter((r) => r[way]).length;
  const fp = ok.filter((r) => r[way]).length;
  return `recall ${((100 * tp) / Math.max(1, pitches.length)).toFixed(1)}% (${tp}/${pitches.length}), false-positive rate ${((100 * fp) / Math.max(1, ok.length)).toFixed(1)}% (${fp}/${ok.length})`;
}

function main() {
  const num = z.coerce.number().positive();
  const args = parseOptions(
    {
      folds: { type: "string" }, epochs: { type: "string" }, l2: { type: "string" }, "learning-rate": { type: "string" },
      "min-docs": { type: "string" }, "max-fpr": { type: "string" }, "hold-batch": { type: "string" },
    },
    z.object({
      folds: z.coerce.number().int().min(2).max(20).default(5),
      epochs: z.coerce.number().int().min(1).max(100).optional(),
      l2: num.optional(),
      "learning-rate": num.optional(),
      "min-docs": z.coerce.number().int().min(1).max(20).optional(),
      "max-fpr": num.max(1).optional(),
      "hold-batch": z.string().regex(/^\d+(,\d+)*$/, "a batch number or a comma-separated list of them").optional(),
    }),
    USAGE,
  );
  const options: TrainingOptions = {
    ...DEFAULT_TRAINING,
    ...(args.epochs !== undefined && { epochs: args.epochs }),
    ...(args.l2 !== undefined && { l2: args.l2 }),
    ...(args["learning-rate"] !== undefined && { learningRate: args["learning-rate"] }),
    ...(args["min-docs"] !== undefined && { minDocs: args["min-docs"] }),
  };
  const tune = readCorpus().filter((r) => r.set === "tune");
  const rows = tune.map((r) => ({ text: r.body, label: r.label, rulesSeen: r.batch === undefined, batch: r.batch }));
  const outcomes: Outcome[] = [];
  const started = process.hrtime.bigint();
  const held = args["hold-batch"]?.split(",").map(Number);
  const splits = held !== undefined
    ? held.map((b) => ({ train: rows.filter((r) => r.batch !== b), test: rows.filter((r) => r.batch === b) }))
    : Array.from({ length: args.folds }, (_, k) => splitFold(rows, k, args.folds));
  const empty = held?.find((_, i) => splits[i].test.length === 0);
  if (empty !== undefined) throw new CliError(`No tune rows in batch ${empty}.`);
  for (const { train, test } of splits) {
    const { file } = trainPitchModel(train, {
      version: 0, note: "cross-validation", threshold: DEFAULT_PITCH_THRESHOLD, options, maxFpr: args["max-fpr"],
      ruleScore: (text) => detectPitch(text).score,
    });
    const model = loadPitchModel(file);
    for (const r of test) {
      outcomes.push({
        label: r.label, rulesSeen: r.rulesSeen, batch: r.batch,
        combined: scorePost(r.text, model).held,
        model: modelProbability(model, r.text).probability >= 0.5,
      });
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const heldOut = held === undefined ? "" : held.length === 1 ? `Batch ${held[0]} held out (trained on the other tune rows)` : `Batches ${held.join(", ")} held out one at a time (each scored by a model trained on every other tune row)`;
  console.log(`${heldOut || `${args.folds}-fold cross-validation`} on ${held?.length === 1 ? splits[0].train.length : rows.length} tune rows (${seconds.toFixed(0)} s); options ${JSON.stringify(options)}${args["max-fpr"] ? `, combination bound ${args["max-fpr"]}` : ""}`);
  const unseen = outcomes.filter((o) => !o.rulesSeen);
  for (const [name, set] of [[held ? "all held-out rows" : "all tune rows", outcomes], ["rows the rules were not written against", unseen]] as const) {
    console.log(`  ${name}:`);
    console.log(`    combined     ${figures(set, "combined")}`);
    console.log(`    model alone  ${figures(set, "model")}`);
  }
  const batches = [...new Set(outcomes.map((o) => o.batch).filter((b) => b !== undefined))].sort((a, b) => a - b);
  console.log("  combined, by batch:");
  for (const b of batches) console.log(`    batch ${String(b).padEnd(3)} ${figures(outcomes.filter((o) => o.batch === b), "combined")}`);
  if (held !== undefined && held.length > 1) {
    console.log("  model alone, by batch:");
    for (const b of batches) console.log(`    batch ${String(b).padEnd(3)} ${figures(outcomes.filter((o) => o.batch === b), "model")}`);
  }
}

await runCli(main);
