import "server-only";
import type { Role } from "@/lib/schemas/user";
import type { Ctx } from "../auth/actor";
import { hashToken, newToken } from "../auth/tokens";
import type { Tx } from "../db";
import { queueInvitationEmail } from "../email/queue";
import { env } from "../env";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Kills every open invitation link of the user: the old link must not work,
 * its unsent email must not go out, and the link must not stay in the outbox.
 */
export async function supersedeOpenInvitations(tx: Tx, userId: string, now: Date): Promise<void> {
  const open = await tx.invitation.findMany({ where: { userId, usedAt: null, supersededAt: null }, select: { id: true } });
  if (!open.length) return;
  const ids = open.map((i) => i.id);
  await tx.invitation.updateMany({ where: { id: { in: ids } }, data: { supersededAt: now } });
  await tx.emailOutbox.updateMany({ where: { invitationId: { in: ids }, status: "pending" }, data: { status: "cancelled", payload: {} } });
}

export function acceptInvitationUrl(token: string): string {
  return `${env().appUrl}/admin/accept-invitation?token=${encodeURIComponent(token)}`;
}

/**
 * Creates a fresh invitation for a pending user inside the caller's
 * transaction: every older open invitation of the user is superseded (its
 * link dies, its unsent email is cancelled), the new token is stored only as a
 * hash, and the email is queued in the outbox unless `email: false`
 * (the first-admin setup link, printed to the console instead).
 */
export async function issueInvitation(
  tx: Tx,
  ctx: Ctx,
  user: { id: string; username: string; email: string; role: Role },
  opts: { email?: boolean } = {},
) {
  const now = new Date();
  await supersedeOpenInvitations(tx, user.id, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const sendEmail = opts.email !== false;
  const invitation = await tx.invitation.create({
    data: {
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt,
      invitedById: ctx.actor?.id ?? null,
      deliveryStatus: sendEmail ? "queued" : "sent",
      sentAt: sendEmail ? null : now,
    },
  });
  const link = acceptInvitationUrl(token);
  if (sendEmail) {
    await queueInvitationEmail(tx, {
      to: user.email,
      invitationId: invitation.id,
      payload: { username: user.username, role: user.role, link, expiresAt: expiresAt.toISOString() },
    });
  }
  return { token, link, invitation };
}
