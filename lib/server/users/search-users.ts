import "server-only";
import { roleOf, type Role } from "@/lib/roles";
import { userSearchSchema } from "@/lib/schemas/search";
import type { UserStatus } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { keysetPage } from "../keyset";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { filtersWhere } from "./list-users";

/** What the command palette shows for a user: enough to recognise and open them. */
export type UserHit = { id: string; username: string; email: string; role: Role; status: UserStatus };
export type UserSearchPage = { items: UserHit[]; next_cursor: string | null };

const hitSelect = { id: true, username: true, email: true, role: true, status: true } as const;
const toHit = (u: { id: string; username: string; email: string; role: string; status: UserStatus }): UserHit => ({ ...u, role: roleOf(u.role) });

/**
 * The palette's user search: the Users page's search (a case-insensitive
 * substring of username or email, wildcards literal, live users only), one
 * short keyset page at a time and no total, so a keystroke costs a bounded
 * read on any node size. A user whose username or email is exactly the
 * query heads the first page; the rest follow newest first, as on the
 * Users page, and later pages never repeat the exact match.
 */
export function searchUsers(ctx: Ctx, input: unknown): Promise<Result<UserSearchPage>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const { q, limit, after } = parseInput(userSearchSchema, input);
    const where = filtersWhere({ search: q });
    // The unique indexes on lower(username) and lower(email): one probe each.
    const [match] = await db().$queryRaw<{ id: string }[]>`
      SELECT id FROM users
       WHERE deleted_at IS NULL AND (lower(username) = lower(${q}) OR lower(email) = lower(${q}))
       LIMIT 1`;
    const exact = match ? await db().user.findUnique({ where: { id: match.id }, select: hitSelect }) : null;
    const head = exact && !after ? [exact] : [];
    const page = await keysetPage("u", { limit: limit - head.length, after }, ({ id, order, take }) =>
      db().user.findMany({
        where: { ...where, ...(id && { id }), ...(exact && { NOT: { id: exact.id } }) },
        orderBy: { id: order },
        take,
        select: hitSelect,
      }),
    );
    return { items: [...head, ...page.rows].map(toHit), next_cursor: page.next_cursor };
  });
}
