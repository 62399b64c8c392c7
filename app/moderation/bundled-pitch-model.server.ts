// The pitch model that ships with the code (npm run pitch-train writes it), read and parsed once, on
// first use. Founders may adopt a retrained model (pitch-learning.server.ts); until then this one decides.
import { readFileSync } from "node:fs";
import { loadPitchModel, type PitchModel, type PitchModelFile } from "./pitch-model";
import { BUNDLED_MODEL_PATH } from "./pitch-corpus.server";

let file: PitchModelFile | undefined;
let bundled: PitchModel | undefined;

/** The shipped model's JSON (its version, training figures and weights). */
export function bundledModelFile(): PitchModelFile {
  file ??= JSON.parse(readFileSync(BUNDLED_MODEL_PATH, "utf8")) as PitchModelFile;
  return file;
}

export function bundledPitchModel(): PitchModel {
  bundled ??= loadPitchModel(bundledModelFile());
  return bundled;
}
