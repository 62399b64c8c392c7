// New passwords (reset, change): 12+ characters, typed twice, and strong enough by zxcvbn's estimate
// (score 3 or 4 of 4), with its own feedback shown beside the field when it is not.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { createRequire } from "node:module";

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

// The dictionaries (~11 MB of heap once unpacked) are loaded at the first password check, not when the server
// starts: most server processes (each WORKERS=N worker) never check a new password.
const load = createRequire(import.meta.url);
let zxcvbn: ZxcvbnFactory | undefined;
const estimator = () => {
  if (zxcvbn) return zxcvbn;
  const common = load("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
  const en = load("@zxcvbn-ts/language-en") as typeof import("@zxcvbn-ts/language-en");
  return (zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));
};

/** zxcvbn's score (0–4) and its advice, in plain sentences. `userInputs`: the person's name, email, company (weak when reused). */
export function passwordStrength(password: string, userInputs: string[] = []) {
  // Each word of a name, email or company counts on its own ("Priya Raman" → priya, raman).
  const words = userInputs.flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  const result = estimator().check(password, words);
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s && s.trim() !== "");
  return { score: result.score, advice };
}

/** Field errors for a new password typed twice; empty when it is acceptable. Never echoes the password. */
export function newPasswordErrors(password: string, confirm: string, userInputs: string[] = []): Record<string, string> {
  if (password.length < MIN_PASSWORD_LENGTH) return { password: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  if (password.length > 200) return { password: "Use at most 200 characters." };
  const { score, advice } = passwordStrength(password, userInputs);
  if (score < MIN_PASSWORD_SCORE) {
    return { password: ["This password is too easy to guess.", ...advice].join(" ") };
  }
  if (password !== confirm) return { passwordConfirm: "The two passwords do not match. Type the same password twice." };
  return {};
}
