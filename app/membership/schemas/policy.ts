import { z } from "zod";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../../db/schema";
import type { PolicyRules } from "../eligibility";

// The policy draft form. Checkboxes have one name each (admit_vp, responsibility_vp, type_consultant,
// webmailReview) so every typed value comes back intact after a failed submission.
export type PolicyFormValues = Record<string, string>;

/** Form values → the rules object the domain validates with policyRulesSchema. */
export function policyFormToDraft(values: PolicyFormValues): { summary: string; rules: unknown } {
  const on = (name: string) => values[name] === "on";
  const days = Number(values.reviewWindowDays);
  return {
    summary: values.summary ?? "",
    rules: {
      admittedRoleLevels: ROLE_LEVELS.filter((l) => on(`admit_${l}`)),
      socialResponsibilityRequired: Object.fromEntries(ROLE_LEVELS.map((l) => [l, on(`responsibility_${l}`)])),
      admittedMemberTypes: MEMBER_TYPES.filter((t) => on(`type_${t}`)),
      freeWebmail: {
        needsReview: on("webmailReview"),
        domains: (values.webmailDomains ?? "").split(/[\s,]+/).map((d) => d.trim().toLowerCase()).filter(Boolean),
      },
      reviewWindowDays: values.reviewWindowDays?.trim() && Number.isFinite(days) ? days : undefined,
    },
  };
}

/** A version's rules → form values, to start a draft from the current policy. */
export function policyToFormValues(summary: string, rules: PolicyRules): PolicyFormValues {
  const values: PolicyFormValues = { summary, reviewWindowDays: String(rules.reviewWindowDays), webmailDomains: rules.freeWebmail.domains.join("\n") };
  for (const l of rules.admittedRoleLevels) values[`admit_${l}`] = "on";
  for (const l of ROLE_LEVELS) if (rules.socialResponsibilityRequired[l]) values[`responsibility_${l}`] = "on";
  for (const t of rules.admittedMemberTypes) values[`type_${t}`] = "on";
  if (rules.freeWebmail.needsReview) values.webmailReview = "on";
  return values;
}

// A missing field (the form leaves out the notice fields when no member is affected) counts as blank.
const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);

export const adoptSchema = z.object({
  noticeDays: z.preprocess(blankToNull, z.coerce.number({ error: "Give the notice period as a whole number of days." }).int("Whole days, please.").nullable()),
  message: z.string().trim().max(4000, "Keep the message under 4,000 characters.").default(""),
});

const OUTCOME_WORDS = { eligible: "eligible", ineligible: "not eligible", needs_review: "needs review" } as const;
/** An eligibility outcome in words, for the impact table and its CSV. */
export const outcomeWords = (outcome: keyof typeof OUTCOME_WORDS) => OUTCOME_WORDS[outcome];
