import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { run, type Result } from "../result";

/** Whether the signed-in user still has to see the first-login welcome. */
export async function needsWelcome(ctx: Ctx): Promise<boolean> {
  if (!ctx.actor) return false;
  const u = await db().user.findUnique({ where: { id: ctx.actor.id }, select: { welcomedAt: true } });
  return Boolean(u && !u.welcomedAt);
}

/** The welcome was seen: never show it again (conditional, so once per user). */
export function markWelcomed(ctx: Ctx): Promise<Result<void>> {
  return run(async () => {
    const actor = authorize(ctx, "dashboard:read");
    // Raw SQL: seeing the welcome is not an edit of the account (updated_at stays).
    await db().$executeRaw`UPDATE users SET welcomed_at = now() WHERE id = ${actor.id} AND welcomed_at IS NULL`;
  });
}
