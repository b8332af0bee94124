import "server-only";
import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { hashToken } from "../auth/tokens";

// RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 s steps.
// A code is accepted for its step and one step either side (clock drift);
// the caller makes each step usable once (users.totp_last_step).

export const ISSUER = "SEL Admin";
export const PERIOD = 30;
export const DIGITS = 6;
const WINDOW = 1;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "user"): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** The otpauth:// URI an app reads from the QR code. */
export function otpauthUri(secretBase32: string, label: string): string {
  return totp(secretBase32, label).toString();
}

export const TOTP_CODE = /^\d{6}$/;

/** The time step the code belongs to (within the drift window), or null. */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): bigint | null {
  if (!TOTP_CODE.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now, window: WINDOW });
  if (delta === null) return null;
  return BigInt(Math.floor(now / 1000 / PERIOD) + delta);
}

// Recovery codes: ten of 10 characters from an alphabet without look-alikes
// (50 bits each), shown as "xxxxx-xxxxx". Stored as SHA-256 of the
// normalised code: with this much entropy a fast hash is enough.
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < n) {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
    codes.add(`${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`);
  }
  return [...codes];
}

/** What a person may type for a recovery code: any case, with or without the dash and spaces. */
export function normaliseRecoveryCode(input: string): string | null {
  const c = input.toLowerCase().replace(/[\s-]/g, "");
  return /^[a-z0-9]{10}$/.test(c) ? c : null;
}

export const hashRecoveryCode = (normalised: string) => hashToken(`recovery:${normalised}`);
