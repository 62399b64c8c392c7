import { z } from "zod";
import { FLAG_REASONS, type FlagReason } from "../../../db/schema";
import { REVOCATION_RULE_LABELS } from "../../membership/schemas/revoke";

export { FLAG_REASONS };

// Forms and queries of the moderation pages: flags, the review queue, settings and the public log.

export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
  sales_pitch: "Sales pitch",
  cold_contact: "Cold contact",
  off_topic: "Off-topic",
  disrespectful: "Disrespectful",
  other: "Other",
};
export const flagReasonLabel = (reason: string) => (FLAG_REASON_LABELS as Record<string, string>)[reason] ?? reason;

/** The rules moderation decisions cite, in words (flag reasons double as the rules a strike is under). */
const MODERATION_RULE_LABELS: Record<string, string> = {
  ...REVOCATION_RULE_LABELS,
  ...FLAG_REASON_LABELS,
  pitch_check: "Pitch check (no sales pitches)",
  flag_threshold: "Flags from members of different companies",
  flag_review: "Flag review",
  three_pitch_strikes: "Three sales-pitch strikes within a year",
  founder_review: "Founder review",
  pitch_threshold: "Pitch threshold",
  pitch_model: "Pitch model version",
  flag_company_threshold: "Flag company threshold",
};
export const moderationRuleLabel = (rule: string) => MODERATION_RULE_LABELS[rule] ?? rule;

export const flagSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("flag"),
    reason: z.enum(FLAG_REASONS, { error: "Choose why you are flagging this post." }),
    note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").optional().transform((v) => v || null),
  }).superRefine((v, ctx) => {
    if (v.reason === "other" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Say what is wrong (a note is required for “Other”)." });
  }),
  z.object({ intent: z.literal("withdraw") }),
], { error: "Choose flag or withdraw." });

const postId = z.coerce.number().int().positive();
const reason = z.string().trim().min(10, "Give the reason in a sentence (at least 10 characters); the author will read it.").max(2000, "Keep it under 2,000 characters.");

/** The review queue's decisions. Rejecting and upholding (a removal) ask for confirmation first. */
export const queueDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish"), postId }),
  z.object({ intent: z.literal("reject"), postId, reason, confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("uphold"), postId, rule: z.enum(FLAG_REASONS, { error: "Choose the rule the post broke." }), confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("dismiss"), postId }),
], { error: "Choose a decision." });

/** A founder lifts a suspension (on the member's staff page): "lift-review" shows a confirmation, "lift-confirm" decides. */
export const liftSuspensionSchema = z.object({
  intent: z.enum(["lift-review", "lift-confirm"]),
  reason: z.string().trim().min(10, "Give the reason in a sentence (at least 10 characters); the member will read it.").max(2000, "Keep it under 2,000 characters."),
});
export type QueueDecision = z.output<typeof queueDecisionSchema>;

/** The pitch threshold founders may set, shared by the settings form and `npm run pitch-check`/`pitch-eval`. */
export const PITCH_THRESHOLD_RANGE = { min: 0.1, max: 10 } as const;
export const pitchThresholdSchema = z.coerce
  .number({ error: "Enter a number." })
  .min(PITCH_THRESHOLD_RANGE.min, `At least ${PITCH_THRESHOLD_RANGE.min}.`)
  .max(PITCH_THRESHOLD_RANGE.max, `At most ${PITCH_THRESHOLD_RANGE.max}.`);

export const settingsSchema = z.object({
  pitchThreshold: pitchThresholdSchema,
  flagCompanyThreshold: z.coerce.number({ error: "Enter a whole number." }).int("Enter a whole number.").min(1, "At least 1 company.").max(20, "At most 20 companies."),
});
export type ModerationSettingsInput = z.output<typeof settingsSchema>;

/** The pitch model section of /moderation/settings: retrain a candidate, or adopt it. */
export const pitchModelSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retrain") }),
  z.object({ intent: z.literal("adopt"), version: z.coerce.number().int().positive() }),
], { error: "Choose retrain or adopt." });
export type PitchModelDecision = z.output<typeof pitchModelSchema>;

/** Every action the public moderation log shows, in words. Private details never reach the log. */
export const MODERATION_LOG_ACTIONS = {
  "post.published": "Held post published",
  "post.rejected": "Held post rejected",
  "post.hidden": "Post hidden by flags",
  "post.removed": "Post removed",
  "flag.upheld": "Flags upheld",
  "flag.dismissed": "Flags dismissed",
  "strike.recorded": "Strike recorded",
  "member.suspended": "Member suspended",
  "member.suspension_lifted": "Suspension lifted",
  "membership.revoked": "Membership revoked",
  "membership.reinstated": "Membership reinstated",
  "policy.adopted": "Eligibility policy adopted",
  "moderation.settings_changed": "Moderation settings changed",
  "post.held": "Post held by the pitch check",
  "pitch_model.adopted": "Pitch model adopted",
} as const;
export type ModerationLogAction = keyof typeof MODERATION_LOG_ACTIONS;
const LOG_ACTIONS = Object.keys(MODERATION_LOG_ACTIONS) as [ModerationLogAction, ...ModerationLogAction[]];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23.");
export const logQuerySchema = z.object({
  action: z.enum(LOG_ACTIONS, { error: "Choose one of the listed actions." }).optional().or(z.literal("").transform(() => undefined)),
  from: isoDate.optional().or(z.literal("").transform(() => undefined)),
  to: isoDate.optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "The end date is before the start date." });
export type LogQuery = z.output<typeof logQuerySchema>;
