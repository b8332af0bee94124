import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A fresh secret token: 32 random bytes, URL-safe base64 (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What is stored instead of a token: SHA-256 hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
