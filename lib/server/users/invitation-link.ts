import "server-only";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { issueInvitation } from "../invitations/issue";
import { run, type Result } from "../result";
import { lockLiveUser, parseUserId } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

export const LINK_NEEDS_LOG_MODE = "Invitations are emailed on this node: resend the invitation instead of copying its link";

export type InvitationLink = { link: string; expires_at: string; user: UserDto };

/**
 * With no email provider (EMAIL_PROVIDER=log) nothing reaches the invitee,
 * so an admin hands them the link. Links are stored only as hashes, so this
 * issues a fresh 7-day link (the older one, printed to the server log, dies,
 * as on a resend), queues no email, and records who took it. Refused when a
 * real provider is configured: there the link goes only to the invitee.
 */
export function copyInvitationLink(ctx: Ctx, id: unknown): Promise<Result<InvitationLink>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    if (env().emailProvider !== "log") throw new AppError("conflict", LINK_NEEDS_LOG_MODE);
    const { link, expiresAt, user } = await db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (u.status === "active") throw new AppError("validation", "User is already active");
      if (u.status === "inactive") throw new AppError("validation", "User is deactivated; activate them instead of inviting them");
      const { link, invitation } = await issueInvitation(tx, ctx, u, { email: false });
      await recordActivity(tx, ctx, {
        eventType: "user.invitation_link_copied",
        resourceId: userId,
        details: { username: u.username, email: u.email, expires_at: invitation.expiresAt.toISOString() },
      });
      return { link, expiresAt: invitation.expiresAt, user: await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect }) };
    });
    return { link, expires_at: expiresAt.toISOString(), user: toUserDto(user) };
  });
}
