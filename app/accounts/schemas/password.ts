import { z } from "zod";

// Forgot password, reset, and (settings) change password. Strength (zxcvbn) is checked on the server,
// where the feedback is written beside the field.
export const forgotPasswordSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").email("Enter a valid email address, like name@company.com."),
});

export const newPasswordSchema = z.object({
  password: z.string().min(1, "Choose a new password of at least 12 characters."),
  passwordConfirm: z.string().min(1, "Type the new password again."),
});

export const changePasswordSchema = newPasswordSchema.extend({
  currentPassword: z.string().min(1, "Type your current password."),
});
