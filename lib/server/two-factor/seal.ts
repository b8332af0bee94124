import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

// The TOTP secret at rest: AES-256-GCM under a key derived (HKDF-SHA-256)
// from the app's secret (NEXTAUTH_SECRET), bound to the user's id as
// associated data so a sealed value copied to another row does not open.
// Stored as "v1.<base64url(iv | tag | ciphertext)>". A changed app secret
// makes existing secrets unreadable: those users sign in with a recovery
// code or an admin resets their two-factor.

const VERSION = "v1";
const INFO = "sel-admin totp-secret v1";

let cached: { secret: string; key: Buffer } | undefined;
function key(): Buffer {
  const secret = env().secret;
  if (cached?.secret !== secret) cached = { secret, key: Buffer.from(hkdfSync("sha256", secret, "sel-admin", INFO, 32)) };
  return cached.key;
}

export function seal(plain: string, userId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

/** The plain value, or null when it does not open (another key, another user, tampered). */
export function unseal(sealed: string, userId: string): string | null {
  const [version, body] = sealed.split(".", 2);
  if (version !== VERSION || !body) return null;
  const raw = Buffer.from(body, "base64url");
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
