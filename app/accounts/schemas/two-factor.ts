import { z } from "zod";

// The code typed at sign-in or enrolment: 6 digits from the app, or a recovery code (abcde-fghij).
export const secondFactorSchema = z.object({
  code: z.string().trim().min(1, "Type the 6-digit code from your authenticator app, or a recovery code.").max(40, "That is not a code."),
  redirectTo: z.string().optional(),
});

export const securityActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("confirm"), code: z.string().trim().min(1, "Type the 6-digit code your app shows.") }),
  z.object({ intent: z.literal("disable"), code: z.string().trim().min(1, "Type a current code to turn two-factor off.") }),
  z.object({ intent: z.literal("end_session"), sessionId: z.string().regex(/^[0-9a-f]{64}$/, "Unknown session.") }),
  z.object({ intent: z.literal("end_others") }),
], { error: "Unknown action." });

export const resetTwoFactorSchema = z.object({
  intent: z.literal("reset_two_factor"),
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
});
