import { z } from "zod";

/** The rules a revocation may cite (the brief's rules). Stored as the key; shown as the label. */
export const REVOCATION_RULE_LABELS = {
  eligibility_policy: "Eligibility policy (rule 1)",
  no_sales_pitches: "No sales pitches (rule 4)",
  no_cold_contact: "No cold contact (rule 5)",
  conduct: "Conduct toward other members",
  misrepresentation: "Misrepresented role or company",
} as const;
export type RevocationRule = keyof typeof REVOCATION_RULE_LABELS;
export const REVOCATION_RULES = Object.keys(REVOCATION_RULE_LABELS) as [RevocationRule, ...RevocationRule[]];

/** The rule and reason of a revocation, shared by the staff form and `npm run revoke`. */
export const revocationRule = z.enum(REVOCATION_RULES, { error: "Choose the rule this revocation is based on." });
export const revocationReason = z.string().trim().min(10, "Give the reason in a sentence (at least 10 characters); the person will read it.").max(2000, "Keep it under 2,000 characters.");

export const revokeSchema = z.object({
  rule: revocationRule,
  reason: revocationReason,
  intent: z.enum(["review", "confirm"]).default("review"),
});

export const appealSchema = z.object({
  statement: z.string().trim().min(20, "Tell the founders why the decision should change (at least 20 characters).").max(5000, "Keep it under 5,000 characters."),
});

export const appealDecisionSchema = z.object({
  appealId: z.coerce.number().int().positive(),
  decision: z.enum(["uphold", "deny"], { error: "Choose uphold or deny." }),
  reason: z.string().trim().min(10, "Give the reason for your decision in a sentence (at least 10 characters).").max(2000),
});

/** A stored rule key in words (older or CLI revocations may carry free text; shown as written). */
export const ruleLabel = (rule: string) => (REVOCATION_RULE_LABELS as Record<string, string>)[rule] ?? rule;
