import "server-only";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import type { ListUsersQuery } from "@/lib/schemas/user";
import { db } from "../db";

/**
 * The number of live users matching the list's filters. Without a search it
 * is a sum over user_counts (kept exact by triggers, see the user_counts
 * migration): one indexed read instead of counting up to every user on every
 * page. A search has to count its matches.
 */
export async function countUsers(q: Pick<ListUsersQuery, "status" | "role" | "search">, where: P.UserWhereInput): Promise<number> {
  if (q.search) return db().user.count({ where });
  const rows = await db().$queryRaw<{ n: bigint | null }[]>`
    SELECT sum(n)::bigint AS n FROM user_counts
    WHERE (${q.role ?? null}::text IS NULL OR role::text = ${q.role ?? null})
      AND (${q.status ?? null}::text IS NULL OR status::text = ${q.status ?? null})`;
  return Number(rows[0]?.n ?? 0);
}

/** Live users per (role, status), for the dashboard. */
export async function liveUserCounts(): Promise<{ role: string; status: string; n: number }[]> {
  const rows = await db().$queryRaw<{ role: string; status: string; n: bigint }[]>`SELECT role::text, status::text, n FROM user_counts`;
  return rows.map((r) => ({ role: r.role, status: r.status, n: Number(r.n) }));
}
