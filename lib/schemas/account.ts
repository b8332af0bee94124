import { z } from "./zod";
import { failedClientRules, RULE_MESSAGES } from "./password";

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

/**
 * The change-password form in the browser: every problem at once (the
 * current password missing, each failed rule on its own line, the current
 * password again, the confirmation). The server re-checks all of it and the
 * strength too (changePasswordSchema, then the policy).
 */
export function changePasswordFormSchema(username?: string) {
  return z
    .object({ current_password: z.string(), password: z.string(), password_confirm: z.string() })
    .superRefine((v, ctx) => {
      if (!v.current_password) ctx.addIssue({ code: "custom", path: ["current_password"], message: "Enter your current password" });
      const failed = failedClientRules(v.password, username).map((id) => RULE_MESSAGES[id]);
      if (v.password && v.password === v.current_password) failed.push(RULE_MESSAGES.reused);
      if (failed.length) ctx.addIssue({ code: "custom", path: ["password"], message: failed.join("\n") });
      if (v.password !== v.password_confirm) ctx.addIssue({ code: "custom", path: ["password_confirm"], message: RULE_MESSAGES.match });
    });
}
export type ChangePasswordFormValues = z.input<ReturnType<typeof changePasswordFormSchema>>;

export const sessionIdSchema = z.ulid("Not a valid session id");
