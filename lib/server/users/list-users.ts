import "server-only";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { listUsersQuerySchema, type ListUsersQuery } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { cursorCodec } from "../cursor";
import { iContains, likeLiteral } from "../sql";
import { countUsers } from "./count-users";
import { toUserDto, userSelect, type UserDto } from "./dto";

export type UserPage = { items: UserDto[]; next_cursor: string | null; prev_cursor: string | null; total: number };

// Cursors are opaque to clients: base64url of the boundary row's id. ULIDs
// sort by creation time, so "newest first" is "id descending", served by the
// partial indexes on (role, status, id DESC) WHERE deleted_at IS NULL.
const { encode, decode } = cursorCodec("u");

export function filtersWhere(q: Pick<ListUsersQuery, "status" | "role" | "search">): P.UserWhereInput {
  const search = q.search;
  return {
    deletedAt: null,
    ...(q.status && { status: q.status }),
    ...(q.role && { role: q.role }),
    ...(search && {
      OR: [
        { username: iContains(search) },
        { email: { contains: likeLiteral(search.toLowerCase()) } },
      ],
    }),
  };
}

/** One page of live users, newest first, with the total count of matches. */
export function listUsers(ctx: Ctx, input: unknown): Promise<Result<UserPage>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const q = parseInput(listUsersQuerySchema, input);
    if (q.after && q.before) throw new AppError("validation", "Use either after or before, not both");
    const where = filtersWhere(q);
    const backwards = Boolean(q.before);
    const boundary = q.after ? decode(q.after, "after") : q.before ? decode(q.before, "before") : undefined;
    const [rows, total] = await Promise.all([
      db().user.findMany({
        where: boundary ? { ...where, id: backwards ? { gt: boundary } : { lt: boundary } } : where,
        orderBy: { id: backwards ? "asc" : "desc" },
        take: q.limit + 1,
        select: userSelect,
      }),
      countUsers(q, where),
    ]);
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    if (backwards) page.reverse();
    const first = page[0]?.id;
    const last = page[page.length - 1]?.id;
    // Forwards: a next page exists if we over-fetched; a previous one if we came from a cursor.
    const hasNext = backwards ? Boolean(boundary) : more;
    const hasPrev = backwards ? more : Boolean(boundary);
    return {
      items: page.map(toUserDto),
      next_cursor: hasNext && last ? encode(last) : null,
      prev_cursor: hasPrev && first ? encode(first) : null,
      total,
    };
  });
}
