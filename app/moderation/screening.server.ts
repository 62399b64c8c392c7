// The one hook where a post is screened before it reaches the room. createThread, replyToThread and
// editPost all call screenPost with the threshold the founders set; a post it holds is stored with
// status "held" (visible to its author, with these reasons, and to moderators in the review queue)
// and kept out of threads, search, grid counts, notifications and unread marks until a moderator
// publishes it.
import type { Db } from "../platform/db.server";
import { getModerationSettings } from "./moderation-settings.server";
import { detectPitch } from "./pitch";

export type ScreeningReason = { signal: string; label: string; excerpt: string };
export type Screening = { held: boolean; score: number; reasons: ScreeningReason[] };

/** The pitch threshold the founders set (/moderation/settings, audited); the detector's default until then. */
export async function pitchThreshold(db: Db): Promise<number> {
  return (await getModerationSettings(db)).pitchThreshold;
}

/**
 * Decides whether a post is published at once or held for a moderator. The reasons are the pitch
 * signals that fired (what tipped it over), in the detector's words; the discussion signals that
 * softened the score are not reasons to hold a post, so they are left out.
 */
export function screenPost(text: string, threshold: number): Screening {
  const verdict = detectPitch(text, threshold);
  if (!verdict.held) return { held: false, score: verdict.score, reasons: [] };
  const reasons = verdict.reasons
    .filter((r) => r.weight > 0)
    .map((r) => ({ signal: r.signal, label: r.label, excerpt: r.excerpt }));
  return { held: true, score: verdict.score, reasons };
}
