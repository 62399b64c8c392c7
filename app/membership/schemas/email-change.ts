import { z } from "zod";

// /settings/account: a new email address, confirmed with the current password; /review: a reviewer's decision on
// a change to a free-webmail address.
export const changeEmailSchema = z.object({
  intent: z.literal("email"),
  newEmail: z.string().trim().min(1, "Enter your new email address.").max(254, "That address is too long.")
    .email("Enter a valid email address, like name@company.com."),
  currentPassword: z.string().min(1, "Type your current password to confirm."),
});

export const emailChangeDecisionSchema = z.object({
  intent: z.literal("email-change"),
  emailChangeId: z.coerce.number().int().positive(),
  decision: z.enum(["approve", "decline"], { error: "Choose approve or decline." }),
  note: z.string().trim().max(1000, "Keep the note under 1,000 characters.").default(""),
});
