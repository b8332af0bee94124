import { z } from "./zod";
import { RULE_MESSAGES } from "./password";
import { emailSchema } from "./user";

// Self-service password reset: the "Forgot password?" request and the
// new-password confirmation. Shared by the forms, the actions and the REST routes.

export const RESET_REQUESTED_MESSAGE = "If an account with that email exists, we have sent a link to reset its password.";
export const RESET_DONE_MESSAGE = "Password changed. Please log in.";
export const RESET_INVALID_MESSAGE = "This password reset link is invalid or has expired. Request a new one.";

export const requestPasswordResetSchema = z.object({ email: emailSchema });
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetSchema>;

export const confirmPasswordResetSchema = z
  .object({
    token: z.string({ error: "Reset token is required" }).min(1, "Reset token is required").max(512),
    password: z.string({ error: "Password is required" }).min(1, "Password is required").max(1024),
    password_confirm: z.string().max(1024).optional(),
  })
  .refine((v) => v.password_confirm === undefined || v.password_confirm === v.password, {
    path: ["password_confirm"],
    message: RULE_MESSAGES.match,
  });
export type ConfirmPasswordResetInput = z.input<typeof confirmPasswordResetSchema>;
