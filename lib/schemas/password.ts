import { z } from "zod";
import { noControlChars } from "./common";

// The password policy's rules that a browser can check as the person types.
// The server adds the common-password list (lib/server/auth/passwords.ts).

export type PasswordRule = { id: string; label: string; test: (pw: string, username?: string) => boolean };

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const PASSWORD_RULES: PasswordRule[] = [
  { id: "length", label: `At least ${PASSWORD_MIN} characters`, test: (p) => p.length >= PASSWORD_MIN },
  { id: "uppercase", label: "An uppercase letter (A-Z)", test: (p) => /[A-Z]/.test(p) },
  { id: "lowercase", label: "A lowercase letter (a-z)", test: (p) => /[a-z]/.test(p) },
  { id: "number", label: "A number (0-9)", test: (p) => /[0-9]/.test(p) },
  { id: "special", label: "A special character (!@#$%^&*)", test: (p) => /[^A-Za-z0-9\s]/.test(p) },
  {
    id: "username",
    label: "Does not contain your username",
    test: (p, u) => !u || !p.toLowerCase().includes(u.toLowerCase()),
  },
];

export const RULE_MESSAGES: Record<string, string> = {
  length: `Password must be at least ${PASSWORD_MIN} characters`,
  max: `Password must be at most ${PASSWORD_MAX} characters`,
  uppercase: "Password must include an uppercase letter",
  lowercase: "Password must include a lowercase letter",
  number: "Password must include a number",
  special: "Password must include a special character",
  username: "Password must not contain the username",
  common: "Password is too common; choose one that is harder to guess",
  match: "Passwords do not match",
};

/** Rules the browser can check: returns the ids of the rules that fail. */
export function failedClientRules(pw: string, username?: string): string[] {
  const failed = PASSWORD_RULES.filter((r) => !r.test(pw, username)).map((r) => r.id);
  if (pw.length > PASSWORD_MAX) failed.push("max");
  return failed;
}

export const acceptInvitationSchema = z
  .object({
    token: z.string({ error: "Invitation token is required" }).min(1, "Invitation token is required").max(512),
    password: z.string({ error: "Password is required" }).min(1, "Password is required").max(1024),
    password_confirm: z.string().max(1024).optional(),
  });
// A mismatched confirmation is checked by the service after the token, so a
// dead link is reported as such first.
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

export const loginSchema = z.object({
  username: noControlChars("Username")(z.string({ error: "Username is required" }).trim().min(1, "Username is required").max(254)),
  password: z.string({ error: "Password is required" }).min(1, "Password is required").max(1024),
});
