import "server-only";
import { roleOf } from "@/lib/roles";
import type { Ctx } from "../auth/actor";
import { issueToken, TOKEN_TTL_MS } from "../auth/single-use";
import type { Tx } from "../db";
import { queueInvitationEmail } from "../email/queue";
import { env } from "../env";

export const INVITATION_TTL_MS = TOKEN_TTL_MS.invitation;

/**
 * Creates a fresh invitation for a pending user inside the caller's
 * transaction: every older open invitation of the user is superseded (its
 * link dies, its unsent email is cancelled), the new token is stored only as a
 * hash, and the email is queued in the outbox unless `email: false`
 * (the first-admin setup link, printed to the console instead, and a link
 * an admin copies). With no email provider (EMAIL_PROVIDER=log) the email
 * is still queued, for the log line, but its delivery state says from the
 * start that nothing will be sent.
 */
export async function issueInvitation(
  tx: Tx,
  ctx: Ctx,
  user: { id: string; username: string; email: string; role: string },
  opts: { email?: boolean } = {},
) {
  const now = new Date();
  const { token, tokenHash, expiresAt, link } = await issueToken(tx, "invitation", user.id, now);
  const sendEmail = opts.email !== false;
  const invitation = await tx.invitation.create({
    data: {
      userId: user.id,
      tokenHash,
      expiresAt,
      invitedById: ctx.actor?.id ?? null,
      deliveryStatus: sendEmail && env().emailProvider !== "log" ? "queued" : "not_sent",
    },
  });
  if (sendEmail) {
    await queueInvitationEmail(tx, {
      to: user.email,
      invitationId: invitation.id,
      payload: { username: user.username, role: roleOf(user.role), link, expiresAt: expiresAt.toISOString() },
    });
  }
  return { token, link, invitation };
}
