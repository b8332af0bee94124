import { z } from "./zod";

// Two-factor sign-in (TOTP authenticator apps and recovery codes): the
// account page's forms, its server actions and the services share these.

export const OTP_REQUIRED_MESSAGE = "Enter the 6-digit code from your authenticator app, or a recovery code";
export const INVALID_OTP = "That code is not valid (or was already used). Try the newest code from your app, or a recovery code.";
export const WRONG_PASSWORD = "Password is incorrect";
export const INVALID_CODE = "That code is not valid. Enter the current 6-digit code from your app.";

const password = z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024);
const code = z
  .string({ error: "Enter the code" })
  .trim()
  .min(1, "Enter the code")
  .max(64, "That is not a code from your app or a recovery code");

/** Turning two-factor on: the password (a borrowed session is not enough) and a current code from the app. */
export const confirmTwoFactorSchema = z.object({
  /** The setup's sealed secret, as the setup answered it. */
  setup_token: z.string({ error: "Start the setup first" }).min(1, "Start the setup first").max(512, "Start the setup again"),
  password,
  code: code.regex(/^\d{6}$/, "Enter the 6-digit code your app shows"),
});
export type ConfirmTwoFactorInput = z.input<typeof confirmTwoFactorSchema>;

/** Turning it off: the password and a code (from the app or a recovery code). */
export const disableTwoFactorSchema = z.object({ password, code });
export type DisableTwoFactorInput = z.input<typeof disableTwoFactorSchema>;

/** New recovery codes (the old ones stop working): the password. */
export const regenerateRecoveryCodesSchema = z.object({ password });
export type RegenerateRecoveryCodesInput = z.input<typeof regenerateRecoveryCodesSchema>;

/** The sign-in's second step: a 6-digit code or a recovery code. */
export const otpSchema = code;
