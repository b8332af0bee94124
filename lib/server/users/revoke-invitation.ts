import "server-only";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { supersedeTokens } from "../auth/single-use";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { lockLiveUser, parseUserId } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

/**
 * Withdraws a pending user's invitation: the link dies at once (its page
 * then says it was withdrawn), an unsent email is cancelled, and the user
 * stays pending without a live link until an admin resends or deletes them
 * (docs/decisions.md, "Invitations").
 */
export function revokeInvitation(ctx: Ctx, id: unknown): Promise<Result<{ message: string; user: UserDto }>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    const user = await db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (u.status === "active") throw new AppError("validation", "User is already active");
      if (u.status === "inactive") throw new AppError("validation", "User is deactivated and has no invitation");
      const revoked = await supersedeTokens(tx, "invitation", userId, new Date(), { revoke: true });
      if (revoked === 0) throw new AppError("validation", "User has no open invitation to revoke");
      await recordActivity(tx, ctx, { eventType: "user.invitation_revoked", resourceId: userId, details: { username: u.username, email: u.email } });
      return tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
    });
    return { message: `Invitation of ${user.username} revoked`, user: toUserDto(user) };
  });
}
