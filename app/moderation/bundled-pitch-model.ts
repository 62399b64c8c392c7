// The pitch model that ships with the code (npm run pitch-train writes it), parsed once on first use.
// Founders may adopt a retrained model (pitch-learning.server.ts); until then this one decides.
import file from "./models/pitch-model.json";
import { loadPitchModel, type PitchModel, type PitchModelFile } from "./pitch-model";

let bundled: PitchModel | undefined;

export const BUNDLED_MODEL_FILE = file as PitchModelFile;

export function bundledPitchModel(): PitchModel {
  bundled ??= loadPitchModel(BUNDLED_MODEL_FILE);
  return bundled;
}
