import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh secret token: 32 random bytes, URL-safe base64 (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored instead of a token: SHA-256 hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
