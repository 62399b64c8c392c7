// The one hook where a post is screened before it reaches the room: createThread, replyToThread and
// editPost all call screenPost, and a post it holds is stored with status "held" (visible to its
// author only) and its reasons. The threshold is the founders' setting (moderation-settings.server.ts).
import { detectPitch, DEFAULT_PITCH_THRESHOLD } from "./pitch";

export type ScreeningReason = { signal: string; label: string; excerpt: string };
export type Screening = { held: boolean; reasons: ScreeningReason[] };

/** Decides whether a post is published at once or held for a moderator. The same check for every author. */
export function screenPost(text: string, threshold: number = DEFAULT_PITCH_THRESHOLD): Screening {
  const verdict = detectPitch(text, threshold);
  return { held: verdict.held, reasons: verdict.reasons.filter((r) => r.weight > 0).map(({ signal, label, excerpt }) => ({ signal, label, excerpt })) };
}
