import "server-only";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { endSessions } from "../auth/sessions";
import { db } from "../db";
import { supersedeTokens } from "../auth/single-use";
import { run, type Result } from "../result";
import { assertNotLastActiveAdmin, lockAdminSet, lockLiveUser, parseUserId } from "./common";

/**
 * Soft delete: the row stays for the audit trail (and keeps its username and
 * email reserved), sessions end, open invitations die. A second delete is 404.
 */
export function deleteUser(ctx: Ctx, id: unknown): Promise<Result<{ id: string; self: boolean }>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    await db().$transaction(async (tx) => {
      await lockAdminSet(tx);
      const u = await lockLiveUser(tx, userId);
      if (u.role === "admin" && u.status === "active") await assertNotLastActiveAdmin(tx, userId);
      const now = new Date();
      await tx.user.update({ where: { id: userId }, data: { deletedAt: now } });
      await endSessions(tx, userId);
      await supersedeTokens(tx, "invitation", userId, now);
      await recordActivity(tx, ctx, {
        eventType: "user.deleted",
        resourceId: userId,
        details: { username: u.username, email: u.email, role: u.role },
      });
    });
    return { id: userId, self: ctx.actor?.id === userId };
  });
}
