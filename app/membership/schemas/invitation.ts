import { z } from "zod";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../../db/schema";

// A founder's direct invitation (/invitations/new) and accepting one (/invite/:token).
export const directInvitationSchema = z
  .object({
    name: z.string().trim().min(2, "Enter the person's full name.").max(120),
    email: z.string().trim().min(1, "Enter their work email address.").email("Enter a valid email address, like name@company.com.").max(200),
    title: z.string().trim().min(2, "Enter their job title.").max(160),
    company: z.string().trim().min(2, "Enter their company.").max(160),
    roleLevel: z.enum(ROLE_LEVELS, { error: "Choose their role level." }),
    socialResponsibility: z.enum(["yes", "no"], { error: "Say whether they carry social strategy or social media responsibility." }),
    socialResponsibilityNote: z.string().trim().max(500).default(""),
    memberType: z.enum(MEMBER_TYPES, { error: "Choose executive or consultant / vendor." }),
    roleVerified: z.preprocess((v) => v === "on", z.boolean()),
  });
export type DirectInvitationInput = z.output<typeof directInvitationSchema>;

export const MIN_PASSWORD_LENGTH = 12;
export const acceptInvitationSchema = z
  .object({
    password: z.string().min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`).max(200, "Keep the password under 200 characters."),
    passwordConfirm: z.string().min(1, "Type the password again."),
  })
  .superRefine((v, ctx) => {
    if (v.passwordConfirm && v.password !== v.passwordConfirm) {
      ctx.addIssue({ code: "custom", path: ["passwordConfirm"], message: "The two passwords do not match." });
    }
  });

export const invitationActionSchema = z.object({
  intent: z.enum(["revoke", "resend"], { error: "Unknown action." }),
  id: z.coerce.number().int().positive(),
});
