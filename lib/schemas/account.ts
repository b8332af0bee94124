import { z } from "./zod";
import { RULE_MESSAGES } from "./password";

// My account: changing one's own password and ending one's own sessions.
// Shared by the account page's forms, its server actions and the services.

export const PASSWORD_CHANGED_MESSAGE = "Password changed. Your other sessions and API tokens were signed out.";
export const WRONG_CURRENT_PASSWORD = "Current password is incorrect";

export const changePasswordSchema = z
  .object({
    current_password: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024),
    password: z.string({ error: "Password is required" }).min(1, "Password is required").max(1024),
    password_confirm: z.string().max(1024).optional(),
  })
  .refine((v) => v.password_confirm === undefined || v.password_confirm === v.password, {
    path: ["password_confirm"],
    message: RULE_MESSAGES.match,
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

export const sessionIdSchema = z.ulid("Not a valid session id");
