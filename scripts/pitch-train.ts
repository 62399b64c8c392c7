// Trains the pitch model from the TUNE rows of the labelled corpus and writes it to
// app/moderation/models/pitch-model.json (the model the server loads when founders have not
// adopted a retrained one).
//
//   npm run pitch-train              # train, write the file, print the figures
//   npm run pitch-train -- --check   # train and say whether the file is up to date; write nothing
//
// Never reads the holdout rows nor the fresh set. Deterministic: the same corpus gives the same
// file byte for byte; the version goes up by one only when the weights change.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { BUNDLED_MODEL_PATH, trainingRowsFromCorpus } from "../app/moderation/pitch-corpus.server";
import { DEFAULT_PITCH_THRESHOLD, detectPitch } from "../app/moderation/pitch";
import { trainPitchModel, type PitchModelFile } from "../app/moderation/pitch-model";

const { values } = parseArgs({ options: { check: { type: "boolean" }, help: { type: "boolean" } }, strict: true });
if (values.help) {
  process.stdout.write("Usage: npm run pitch-train -- [--check]\n\nTrains the pitch model from the tune rows of tests/fixtures/pitch-corpus.jsonl\nand writes app/moderation/models/pitch-model.json. --check writes nothing and exits 1\nif the file is out of date.\n");
  process.exit(0);
}

const current: PitchModelFile | null = existsSync(BUNDLED_MODEL_PATH) ? JSON.parse(readFileSync(BUNDLED_MODEL_PATH, "utf8")) : null;
const rows = trainingRowsFromCorpus();
const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
const { file } = trainPitchModel(rows, {
  version: current?.version ?? 1,
  note: "Trained by npm run pitch-train from the tune rows of tests/fixtures/pitch-corpus.jsonl.",
  threshold: DEFAULT_PITCH_THRESHOLD,
  ruleScore: (text) => detectPitch(text).score,
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
const same = (a: PitchModelFile, b: PitchModelFile) => JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });
if (current && !same(current, file)) file.version = current.version + 1;
const text = `${JSON.stringify(file)}\n`;

console.log(`Trained on ${rows.length} tune rows (${file.training.pitches} pitches, ${file.training.ok} honest) in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU time)`);
console.log(`${file.indices.length.toLocaleString("en-US")} weights, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB; combination gain ${file.combination.gain}, centre ${file.combination.centre}`);
if (values.check) {
  const upToDate = current != null && same(current, file);
  console.log(upToDate ? `${BUNDLED_MODEL_PATH} is up to date (version ${current!.version}).` : `${BUNDLED_MODEL_PATH} is OUT OF DATE: run npm run pitch-train.`);
  process.exit(upToDate ? 0 : 1);
}
writeFileSync(BUNDLED_MODEL_PATH, text);
console.log(current && current.version === file.version ? `Unchanged: version ${file.version}.` : `Wrote version ${file.version} to ${BUNDLED_MODEL_PATH}.`);
