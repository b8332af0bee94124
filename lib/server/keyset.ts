import "server-only";
import { AppError } from "./errors";

// Keyset paging over ULID primary keys, shared by the users list and the
// activity log. ULIDs sort by creation time, so "newest first" is "id
// descending" and a page is "the next `limit` ids past the cursor": the same
// cost at any depth, with no OFFSET.

/**
 * Opaque cursors: base64url of "<prefix>:<ULID>". The prefix keeps a users
 * cursor from being replayed against the activity log and vice versa.
 */
function codec(prefix: string) {
  const pattern = new RegExp(`^${prefix}:([0-9A-HJKMNP-TV-Z]{26})$`);
  return {
    encode: (id: string) => Buffer.from(`${prefix}:${id}`).toString("base64url"),
    decode(cursor: string, name: "after" | "before"): string {
      const m = pattern.exec(Buffer.from(cursor, "base64url").toString("utf8"));
      if (!m) throw new AppError("validation", `${name} is not a valid cursor`, { [name]: "Not a valid cursor" });
      return m[1];
    },
  };
}

export type PageQuery = { limit: number; after?: string; before?: string };

/** How to read one page: the id bound past the cursor (if any), the order, and one row more than the page. */
export type PageRead = { id?: { lt: string } | { gt: string }; order: "asc" | "desc"; take: number };

export type KeysetPage<R> = { rows: R[]; next_cursor: string | null; prev_cursor: string | null };

/**
 * One page, newest first. `after` walks on towards older rows, `before`
 * back towards newer ones (the console's Previous link). `read` runs the
 * query with the caller's own filters; one extra row tells whether the
 * page has a neighbour.
 */
export async function keysetPage<R extends { id: string }>(prefix: string, q: PageQuery, read: (page: PageRead) => Promise<R[]>): Promise<KeysetPage<R>> {
  if (q.after && q.before) throw new AppError("validation", "Use either after or before, not both", { before: "Use either after or before, not both" });
  const { encode, decode } = codec(prefix);
  const backwards = Boolean(q.before);
  const boundary = q.after ? decode(q.after, "after") : q.before ? decode(q.before, "before") : undefined;
  const rows = await read({
    ...(boundary && { id: backwards ? { gt: boundary } : { lt: boundary } }),
    order: backwards ? "asc" : "desc",
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (backwards) page.reverse();
  const first = page[0]?.id;
  const last = page[page.length - 1]?.id;
  // Forwards: a next page exists if we over-fetched; a previous one if we came from a cursor.
  const hasNext = backwards ? Boolean(boundary) : more;
  const hasPrev = backwards ? more : Boolean(boundary);
  return {
    rows: page,
    next_cursor: hasNext && last ? encode(last) : null,
    prev_cursor: hasPrev && first ? encode(first) : null,
  };
}
