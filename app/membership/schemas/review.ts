import { z } from "zod";

// The reviewer's two forms on /review/:id: the verified facts, then the decision the policy allows.
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());

export const verificationSchema = z.object({
  intent: z.literal("verify"),
  titleVerified: checkbox,
  domainVerified: checkbox,
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").default(""),
});

export const decisionSchema = z.object({
  intent: z.literal("decide"),
  decision: z.enum(["approve", "reject"], { error: "Choose a decision." }),
});

export const reviewActionSchema = z.discriminatedUnion("intent", [verificationSchema, decisionSchema], { error: "Unknown action." });

/** A reviewer verifies a member's job change on /review, like an applicant's facts. */
export const jobChangeVerificationSchema = z.object({
  jobChangeId: z.coerce.number().int().positive(),
  titleVerified: checkbox,
  companyVerified: checkbox,
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").default(""),
});
