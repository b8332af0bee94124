import "server-only";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import { emailConfigured, NOT_CONFIGURED } from "../email/mode";
import { kickOutbox } from "../email/queue";
import { issueInvitation } from "../invitations/issue";
import { run, type Result } from "../result";
import { lockLiveUser, parseUserId } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

export const RESENT_MESSAGE = "Invitation resent";

/** New token and 7-day expiry for a pending user; the old link dies at once. */
export function resendInvitation(ctx: Ctx, id: unknown): Promise<Result<{ message: string; user: UserDto }>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    const user = await db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (u.status === "active") throw new AppError("validation", "User is already active");
      if (u.status === "inactive") throw new AppError("validation", "User is deactivated; activate them instead of resending an invitation");
      const { invitation } = await issueInvitation(tx, ctx, u);
      await recordActivity(tx, ctx, {
        eventType: "user.invitation_resent",
        resourceId: userId,
        details: { username: u.username, email: u.email, expires_at: invitation.expiresAt.toISOString() },
      });
      return tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect });
    });
    kickOutbox();
    const message = emailConfigured() ? `${RESENT_MESSAGE} to ${user.email}` : `New invitation link for ${user.email}. ${NOT_CONFIGURED}: copy the invitation link`;
    return { message, user: toUserDto(user) };
  });
}
