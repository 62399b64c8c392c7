// The one hook where a post is screened before it reaches the room. createThread, replyToThread and
// editPost all call screenPost with the threshold the founders set and the pitch model in force; a
// post it holds is stored with status "held" (visible to its author, with these reasons, and to
// moderators in the review queue) and kept out of threads, search, grid counts, notifications and
// unread marks until a moderator publishes it. Each automatic hold is logged with the model version
// behind it (recordHold).
import type { Db } from "../platform/db.server";
import { recordAudit } from "../platform/audit.server";
import { getModerationSettings } from "./moderation-settings.server";
import { bundledPitchModel } from "./bundled-pitch-model.server";
import type { PitchModel } from "./pitch-model";
import { judgePost } from "./pitch-verdict";
import { DEFAULT_PITCH_THRESHOLD } from "./pitch";
import { currentPitchModel } from "./pitch-learning.server";

/** What a held post stores and shows: the model's labels carry their weight ("reads like a pitch (+0.82)"). */
export type ScreeningReason = { signal: string; label: string; excerpt: string };
export type Screening = { held: boolean; score: number; reasons: ScreeningReason[]; signals: string[]; modelVersion: number; probability: number };
export type ScreeningContext = { threshold: number; model: PitchModel };

/** The pitch threshold the founders set (/moderation/settings, audited); the detector's default until then. */
export async function pitchThreshold(db: Db): Promise<number> {
  return (await getModerationSettings(db)).pitchThreshold;
}

/** What screening needs: the founders' threshold and the model version in force (adopted, or the one shipped). */
export async function screeningContext(db: Db): Promise<ScreeningContext> {
  const [threshold, model] = await Promise.all([pitchThreshold(db), currentPitchModel(db)]);
  return { threshold, model };
}

/**
 * Decides whether a post is published at once or held for a moderator: the rule signals and the
 * model's probability combined into one score (pitch-verdict.ts). A held post's reasons quote it:
 * the rule signals that fired and the model's strongest phrases (positive weights), then what pulled
 * the other way (negative weights). A published post needs no reasons.
 */
export function screenPost(text: string, threshold: number, model: PitchModel = bundledPitchModel()): Screening {
  const verdict = judgePost(text, model, threshold, "held");
  if (!verdict.held) return { held: false, score: verdict.score, reasons: [], signals: [], modelVersion: model.version, probability: verdict.probability };
  const reasons = verdict.reasons.map((r) => ({ signal: r.signal, label: r.label, excerpt: r.excerpt }));
  const signals = verdict.reasons.filter((r) => r.weight > 0).map((r) => r.signal);
  return { held: true, score: verdict.score, reasons, signals, modelVersion: model.version, probability: verdict.probability };
}

/** The public log's line for an automatic hold, naming the model version (inside the write's transaction). */
export async function recordHold(trx: Db, postId: number, screening: Screening, threshold: number) {
  await recordAudit(trx, {
    actorId: null, action: "post.held", subjectType: "post", subjectId: postId, rule: "pitch_check",
    reason: `Held for review by the pitch check, model v${screening.modelVersion}: score ${screening.score} at threshold ${threshold}.`,
    details: { modelVersion: screening.modelVersion, score: screening.score, probability: screening.probability, threshold, signals: [...new Set(screening.signals)] },
  });
}

/**
 * Posts that exercise every part of the check: each rule regex (the discussion ones run only after
 * a pitch signal; the tie regex only after its recommendation fires), the model, the explanations
 * and the path for characters such as İ.
 */
const WARM_UP_POSTS = [
  "We tried three vendors last year. What did others pay for social listening? Lessons learned: read the contract.",
  "Our platform cuts response times in half. Book a 20-minute demo at calendly.com/acme or email me at sales@acme.io — 20% off for council members!",
  "I'm an advisor to Brightline and I strongly recommend them; tell them I sent you. Has anyone used them? İstanbul office too.",
];

/**
 * Readies the pitch check before the first post arrives: loads the shipped model and runs the
 * check enough times for the engine to compile every regex and the scoring code (the first call
 * otherwise takes most of a second). Called once at server start-up (scripts/serve.ts); the
 * verdicts it computes are thrown away.
 */
export function warmUpPitchCheck(): void {
  const model = bundledPitchModel();
  for (let i = 0; i < 20; i++) for (const post of WARM_UP_POSTS) judgePost(post, model, DEFAULT_PITCH_THRESHOLD, "always");
}
