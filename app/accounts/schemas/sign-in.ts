import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").email("Enter a valid email address, like name@company.com."),
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});
