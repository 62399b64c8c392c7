// The labelled posts the pitch model learns from and is measured on (tests/fixtures/*.jsonl), read
// from the repository. The tune rows train; the holdout rows and the fresh set are only ever scored.
// The first fresh set (ids f001–f225) was scored at three checkpoints (v5–v7), the second (ids
// g001–g280) once against v8 and the third (ids h001–h300) once against v9: all three are spent, and
// their rows are now tune rows of the corpus (batches 6, 11 and 14), each one writer the rest of the
// corpus shares nothing with. The fresh set is a fourth one, written by someone who never saw the
// corpus and added only after the model was frozen (tests/fixtures/pitch-fresh-4.jsonl).
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { TrainingRow } from "./pitch-model";

const ROOT = process.cwd();
export const CORPUS_PATH = path.join(ROOT, "tests/fixtures/pitch-corpus.jsonl");
export const FRESH_PATH = path.join(ROOT, "tests/fixtures/pitch-fresh-4.jsonl");
export const BUNDLED_MODEL_PATH = path.join(ROOT, "app/moderation/models/pitch-model.json");

export const CorpusRow = z.object({
  id: z.string(),
  label: z.enum(["pitch", "ok"]),
  set: z.enum(["tune", "holdout", "fresh"]),
  authorType: z.enum(["executive", "consultant"]),
  body: z.string().min(1),
  /** Rows added after the phrase table was written carry a batch number (2, …); the rules were tuned on the rest. */
  batch: z.number().int().min(2).optional(),
});
export type CorpusRow = z.infer<typeof CorpusRow>;

/** The rows of a JSONL corpus file, validated; a bad line throws with its number. */
export function readCorpus(file: string = CORPUS_PATH): CorpusRow[] {
  const rows: CorpusRow[] = [];
  readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = CorpusRow.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file} line ${i + 1}: ${z.prettifyError(parsed.error)}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** The rows training may use: the corpus's tune rows only, never holdout or fresh. */
export function trainingRowsFromCorpus(): TrainingRow[] {
  return readCorpus().filter((r) => r.set === "tune").map((r) => ({ text: r.body, label: r.label, rulesSeen: r.batch === undefined }));
}
