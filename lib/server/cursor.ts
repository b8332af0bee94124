import "server-only";
import { AppError } from "./errors";

/**
 * Opaque keyset cursors: base64url of "<prefix>:<ULID>". The prefix keeps a
 * users cursor from being replayed against the activity log and vice versa.
 */
export function cursorCodec(prefix: string) {
  const pattern = new RegExp(`^${prefix}:([0-9A-HJKMNP-TV-Z]{26})$`);
  return {
    encode: (id: string) => Buffer.from(`${prefix}:${id}`).toString("base64url"),
    decode(cursor: string, name: string): string {
      const m = pattern.exec(Buffer.from(cursor, "base64url").toString("utf8"));
      if (!m) throw new AppError("validation", `${name} is not a valid cursor`, { [name]: "Not a valid cursor" });
      return m[1];
    },
  };
}
