// The pitch check's one verdict: the rule signals (pitch.ts) and the learned model's probability
// (pitch-model.ts) combined into one score, held at the founders' threshold, with reasons that quote
// the post. Pure: no I/O, no clock. No author parameter and no author feature: the same text gets the
// same verdict from anyone.
//
//   score = max(0, ruleScore + gain × (probability − centre))
//
// gain and centre belong to the model version (fitted by its training on out-of-fold probabilities
// of the training rows), so the score never decreases when a rule signal fires or when the model's
// probability rises. A post with no rule signal is held when the model alone is sure enough
// (probability ≥ centre + threshold / gain); a rule signal is let through when the model is sure
// the post is discussion.
import { DEFAULT_PITCH_THRESHOLD, detectPitch, type PitchReason } from "./pitch";
import { analyseWithModel, combineScores, modelProbability, type ModelAnalysis, type PitchModel } from "./pitch-model";

export const MODEL_PHRASE_SIGNAL = "model_phrase";
export const MODEL_DISCUSSION_SIGNAL = "model_discussion";

/** How many of the model's phrases a verdict quotes, each way. */
export const MAX_MODEL_PHRASES = 3;
export const MAX_DISCUSSION_PHRASES = 2;
/** Phrases weighing less than this (log-odds) are not worth showing. */
export const MIN_PHRASE_WEIGHT = 0.1;

export type PitchJudgement = {
  score: number;
  held: boolean;
  ruleScore: number;
  probability: number;
  modelVersion: number;
  /** Rule pitch signals and the model's pitch phrases (positive weights), then what pulled the other way (negative). */
  reasons: PitchReason[];
};

const signed = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toFixed(2)}`;

/**
 * The model's strongest phrases each way, as reasons quoting the post; a phrase that a rule reason
 * already quotes is not repeated.
 */
function modelReasons(model: PitchModel, analysis: ModelAnalysis, ruleReasons: PitchReason[]): PitchReason[] {
  const quoted = ruleReasons.map((r) => r.excerpt.toLowerCase());
  const fresh = (p: { phrase: string }) => !quoted.some((q) => q.includes(p.phrase.toLowerCase()));
  const toward = analysis.toward.filter((p) => p.weight >= MIN_PHRASE_WEIGHT && fresh(p)).slice(0, MAX_MODEL_PHRASES);
  const away = analysis.away.filter((p) => p.weight <= -MIN_PHRASE_WEIGHT && fresh(p)).slice(0, MAX_DISCUSSION_PHRASES);
  return [
    ...toward.map((p) => ({ signal: MODEL_PHRASE_SIGNAL, label: `Model v${model.version}: reads like a pitch (${signed(p.weight)})`, excerpt: p.phrase, weight: p.weight })),
    ...away.map((p) => ({ signal: MODEL_DISCUSSION_SIGNAL, label: `Model v${model.version}: reads like discussion (${signed(p.weight)})`, excerpt: p.phrase, weight: p.weight })),
  ];
}

/**
 * Scores one post with the rules and the model. With explain "held", the model's phrases are worked
 * out only for a post that is held (the score and decision are the same either way); the rule
 * signals are always listed.
 */
export function judgePost(text: string, model: PitchModel, threshold: number = DEFAULT_PITCH_THRESHOLD, explain: "always" | "held" = "always"): PitchJudgement {
  const rules = detectPitch(text, threshold);
  const heldAt = (p: number) => combineScores(rules.score, p, model.combination) >= threshold;
  const analysis = analyseWithModel(model, text, PHRASES, explain === "always" ? undefined : heldAt);
  const score = combineScores(rules.score, analysis.probability, model.combination);
  const reasons = [...rules.reasons, ...modelReasons(model, analysis, rules.reasons)].sort((a, b) => b.weight - a.weight);
  return { score, held: score >= threshold, ruleScore: rules.score, probability: Math.round(analysis.probability * 1000) / 1000, modelVersion: model.version, reasons };
}

/** Phrases asked of the model each way: more than shown, as those the rules already quote are left out. */
const PHRASES = 2 * Math.max(MAX_MODEL_PHRASES, MAX_DISCUSSION_PHRASES);

export type PitchScore = Omit<PitchJudgement, "reasons">;

/** The same score and decision as judgePost, without the reasons (for when only the decision is needed). */
export function scorePost(text: string, model: PitchModel, threshold: number = DEFAULT_PITCH_THRESHOLD): PitchScore {
  const ruleScore = detectPitch(text, threshold).score;
  const probability = modelProbability(model, text).probability;
  const score = combineScores(ruleScore, probability, model.combination);
  return { score, held: score >= threshold, ruleScore, probability: Math.round(probability * 1000) / 1000, modelVersion: model.version };
}
