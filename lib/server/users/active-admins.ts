import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { run, type Result } from "../result";

/**
 * How many live admins are active, from user_counts (kept exact by triggers):
 * one indexed row, so every users page can tell which buttons the last
 * active admin must not be offered. The services still refuse under the
 * admin-set lock (common.ts); this only keeps the console from offering it.
 */
export function countActiveAdmins(ctx: Ctx): Promise<Result<number>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT n FROM user_counts WHERE role = 'admin' AND status = 'active'`;
    return Number(rows[0]?.n ?? 0);
  });
}
