import { z } from "./zod";
import { noControlChars } from "./common";

// The password policy's rules that a browser can check as the person types.
// "Hard to guess" is the zxcvbn strength estimator (lib/password-strength.ts,
// heavy: the server loads it once, the set-password forms load it lazily).

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

/**
 * The estimator's score (0-4) a password must reach: 4 means it would take
 * about 10^10 guesses or more. Score 3 (10^8) still lets "Summer2024!!" and
 * "Letmein12345!" through, which people pick precisely because they satisfy
 * the character rules.
 */
export const STRENGTH_MIN_SCORE = 4;
export const STRENGTH_RULE_LABEL = `Hard to guess (strength ${STRENGTH_MIN_SCORE} of 4: not a common password or pattern)`;

// Words a password of this node must not lean on: the product's names. The
// node's own host name, the person's username and email are added per check.
const PRODUCT_WORDS = ["sel", "admin", "seladmin", "sel-admin", "sel admin", "togather", "shared events library", "sharedeventslibrary", "sharedevents", "shared events", "events", "library"];

/** The words the estimator treats as easy to guess for this person on this node. */
export function strengthInputs(p: { username?: string; email?: string; site?: string }): string[] {
  const words = new Set(PRODUCT_WORDS);
  if (p.username) words.add(p.username.toLowerCase());
  if (p.email) {
    const email = p.email.toLowerCase();
    words.add(email);
    words.add(email.split("@")[0]);
  }
  if (p.username) for (const part of p.username.toLowerCase().split(/[._-]/)) if (part.length >= 3) words.add(part);
  // The host's distinctive labels ("admin.quillmoor-events.org" gives "quillmoor-events" and "quillmoor").
  for (const label of (p.site ?? "").toLowerCase().split(/[.:]/)) {
    if (label.length < 4 || /^\d+$/.test(label) || label === "localhost") continue;
    words.add(label);
    for (const part of label.split(/[-_]/)) if (part.length >= 4) words.add(part);
  }
  return [...words];
}

export const RULE_MESSAGES: Record<string, string> = {
  length: `Password must be at least ${PASSWORD_MIN} characters`,
  max: `Password must be at most ${PASSWORD_MAX} characters`,
  uppercase: "Password must include an uppercase letter",
  lowercase: "Password must include a lowercase letter",
  number: "Password must include a number",
  special: "Password must include a special character",
  username: "Password must not contain the username",
  common: `Password is too easy to guess (it needs strength ${STRENGTH_MIN_SCORE} of 4)`,
  reused: "Choose a password different from your current one",
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
  /** The second factor, for accounts that have one: a 6-digit code from the app or a recovery code. */
  otp: z.string({ error: "The code must be a string" }).max(64, "That is not a code from your app or a recovery code").optional(),
});

/**
 * The set-password forms (invitation, reset, My account) in the browser: the
 * rules above for this username (one message per failed rule, one per line)
 * and the confirmation. The server re-checks everything, strength included.
 */
export function setPasswordFormSchema(username?: string) {
  return z
    .object({ password: z.string(), password_confirm: z.string() })
    .superRefine((v, ctx) => {
      const failed = failedClientRules(v.password, username).map((id) => RULE_MESSAGES[id]);
      if (failed.length) ctx.addIssue({ code: "custom", path: ["password"], message: failed.join("\n") });
      if (v.password !== v.password_confirm) ctx.addIssue({ code: "custom", path: ["password_confirm"], message: RULE_MESSAGES.match });
    });
}
export type SetPasswordFormValues = z.input<ReturnType<typeof setPasswordFormSchema>>;
