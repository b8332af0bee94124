import "server-only";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { listUsersQuerySchema, type ListUsersQuery } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { keysetPage } from "../keyset";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { iContains, likeLiteral } from "../sql";
import { countUsers } from "./count-users";
import { toUserDto, userSelect, type UserDto } from "./dto";

export type UserPage = { items: UserDto[]; next_cursor: string | null; prev_cursor: string | null; total: number };

// "Newest first" is "id descending" (lib/server/keyset.ts), served by the
// partial indexes on (role, status, id DESC) WHERE deleted_at IS NULL.

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
    const where = filtersWhere(q);
    const [page, total] = await Promise.all([
      keysetPage("u", q, ({ id, order, take }) =>
        db().user.findMany({ where: id ? { ...where, id } : where, orderBy: { id: order }, take, select: userSelect }),
      ),
      countUsers(q, where),
    ]);
    return { items: page.rows.map(toUserDto), next_cursor: page.next_cursor, prev_cursor: page.prev_cursor, total };
  });
}
