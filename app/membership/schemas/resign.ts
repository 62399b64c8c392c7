import { z } from "zod";

// /settings/resign: the member confirms twice — a checkbox saying what happens, and their current password.
export const resignSchema = z.object({
  understood: z.literal("on", { error: "Tick the box to confirm that you understand what resigning does." }),
  currentPassword: z.string().min(1, "Type your current password to confirm."),
  reason: z.string().trim().max(1000, "Keep the reason under 1,000 characters.").optional().default(""),
});
