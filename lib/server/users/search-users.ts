import "server-only";
import { roleOf, type Role } from "@/lib/roles";
import { userSearchSchema } from "@/lib/schemas/search";
import type { UserStatus } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { pool } from "../db";
import { keysetPage } from "../keyset";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { param, prepared } from "../sql";
import { pageSql, usersWhere } from "./user-sql";

/** What the command palette shows for a user: enough to recognise and open them. */
export type UserHit = { id: string; username: string; email: string; role: Role; status: UserStatus };
export type UserSearchPage = { items: UserHit[]; next_cursor: string | null };

const HIT = "u.id, u.username, u.email, u.role, u.status::text AS status";
type HitRow = { id: string; username: string; email: string; role: string; status: UserStatus };
const toHit = (u: HitRow): UserHit => ({ ...u, role: roleOf(u.role) });

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
    // The unique indexes on lower(username) and lower(email): one probe each.
    const { rows: exactRows } = await pool().query<HitRow>(prepared(`SELECT ${HIT} FROM users u
       WHERE u.deleted_at IS NULL AND (lower(u.username) = lower($1) OR lower(u.email) = lower($1)) LIMIT 1`, [q]));
    const exact = exactRows[0];
    const head = exact && !after ? [exact] : [];
    const page = await keysetPage("u", { limit: limit - head.length, after }, async (read) => {
      const values: unknown[] = [];
      const where = usersWhere({ search: q }, values);
      const others = exact ? ` AND u.id <> ${param(values, exact.id)}` : "";
      const { bound, tail } = pageSql(read, values);
      return (await pool().query<HitRow>(prepared(`SELECT ${HIT} FROM users u WHERE ${where}${others}${bound} ${tail}`, values))).rows;
    });
    return { items: [...head, ...page.rows].map(toHit), next_cursor: page.next_cursor };
  });
}
