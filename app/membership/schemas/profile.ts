import { z } from "zod";
import { jobFactFields, optional, requireResponsibilityNote } from "./apply";

// /settings/profile: name, bio and profile link are the member's own; the job facts are the policy's
// (the same fields and messages as /apply). "preview" shows the verdict; "confirm" saves the change.
export const profileSchema = z
  .object({
    intent: z.enum(["preview", "confirm"]).default("preview"),
    name: z.string().trim().min(2, "Enter your full name.").max(120, "Keep your name under 120 characters."),
    bio: z.string().trim().max(1000, "Keep your bio under 1,000 characters.").default(""),
    profileUrl: optional(z.string().trim().url("Enter a full web address starting with https://, or leave it empty.").max(300)),
    ...jobFactFields,
  })
  .superRefine(requireResponsibilityNote);
export type ProfileInput = z.output<typeof profileSchema>;
