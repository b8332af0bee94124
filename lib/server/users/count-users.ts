import "server-only";
import type { ListUsersQuery } from "@/lib/schemas/user";
import { db, pool } from "../db";
import { prepared } from "../sql";
import { usersWhere } from "./user-sql";

const TOTALS = `SELECT sum(n)::bigint AS n FROM user_counts
  WHERE ($1::text IS NULL OR role::text = $1) AND ($2::text IS NULL OR status::text = $2)`;

/**
 * The number of live users matching the list's filters. Without a search it
 * is a sum over user_counts (kept exact by triggers, see the user_counts
 * migration): one indexed read instead of counting up to every user on every
 * page. A search has to count its matches.
 */
export async function countUsers(q: Pick<ListUsersQuery, "status" | "role" | "search">): Promise<number> {
  const { rows } = await pool().query<{ n: string | number | null }>(countStatement(q));
  return Number(rows[0]?.n ?? 0);
}

/** countUsers()'s statement: the totals' sum, or a search's count. */
export function countStatement(q: { status?: string; role?: string; search?: string }) {
  if (!q.search) return prepared(TOTALS, [q.role ?? null, q.status ?? null]);
  const values: unknown[] = [];
  return prepared(`SELECT count(*)::int AS n FROM users u WHERE ${usersWhere(q, values)}`, values);
}

/** Live users per (role, status), for the dashboard. */
export async function liveUserCounts(): Promise<{ role: string; status: string; n: number }[]> {
  const rows = await db().$queryRaw<{ role: string; status: string; n: bigint }[]>`SELECT role::text, status::text, n FROM user_counts`;
  return rows.map((r) => ({ role: r.role, status: r.status, n: Number(r.n) }));
}
