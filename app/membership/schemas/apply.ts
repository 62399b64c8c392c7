import { z } from "zod";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../../db/schema";
import { webUrl } from "../../platform/web-url";

// The application form (/apply): one schema for the form and its action.
export const optional = (schema: z.ZodType<string>) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** The facts the eligibility policy reads, as /apply asks for them; /settings/profile asks for the same. */
export const jobFactFields = {
  title: z.string().trim().min(2, "Enter your job title, as it appears on your business card.").max(160, "Keep the title under 160 characters."),
  company: z.string().trim().min(2, "Enter the company you work for.").max(160, "Keep the company name under 160 characters."),
  roleLevel: z.enum(ROLE_LEVELS, { error: "Choose your role level." }),
  socialResponsibility: z.enum(["yes", "no"], { error: "Say whether you carry social strategy or social media responsibility." }),
  socialResponsibilityNote: z.string().trim().max(500, "Keep this to a sentence or two (500 characters).").default(""),
  memberType: z.enum(MEMBER_TYPES, { error: "Choose executive or consultant / vendor." }),
};

/** Someone who carries responsibility says what it is. */
export function requireResponsibilityNote(v: { socialResponsibility: "yes" | "no"; socialResponsibilityNote: string }, ctx: z.RefinementCtx) {
  if (v.socialResponsibility === "yes" && v.socialResponsibilityNote.length < 10) {
    ctx.addIssue({ code: "custom", path: ["socialResponsibilityNote"], message: "In a sentence, describe the social strategy or social media responsibility you carry." });
  }
}

export const applySchema = z
  .object({
    name: z.string().trim().min(2, "Enter your full name.").max(120, "Keep your name under 120 characters."),
    email: z.string().trim().min(1, "Enter your work email address.").email("Enter a valid email address, like name@company.com.").max(200),
    ...jobFactFields,
    profileUrl: optional(webUrl("Enter a full web address starting with https://, or leave it empty.", 300)),
    referredBy: optional(z.string().trim().max(200, "Keep this under 200 characters.")),
  })
  .superRefine(requireResponsibilityNote);
export type ApplyInput = z.output<typeof applySchema>;
