import "server-only";
import { acceptInvitationSchema, RULE_MESSAGES } from "@/lib/schemas/password";
import type { Role } from "@/lib/schemas/user";
import { recordActivity } from "../activity/record";
import type { Ctx } from "../auth/actor";
import { assertStrongPassword, hashPassword } from "../auth/passwords";
import { hashToken } from "../auth/tokens";
import { db } from "../db";
import { AppError } from "../errors";
import { hit } from "../rate-limit";
import { run, type Result } from "../result";
import { parseInput } from "../validate";

export const ACCEPTED_MESSAGE = "Password set successfully. Please log in.";
export const EXPIRED_MESSAGE = "This invitation link has expired. Please contact your administrator to resend the invitation.";
export const INVALID_MESSAGE =
  "This invitation link is invalid or has already been used. Please contact your administrator to resend the invitation.";

export type InvitationCheck =
  | { state: "valid"; username: string; email: string; role: Role; expiresAt: string }
  | { state: "expired" | "invalid" };

async function lookup(token: string) {
  if (!token || token.length > 512) return null;
  return db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      usedAt: true,
      supersededAt: true,
      user: { select: { id: true, username: true, email: true, role: true, status: true, deletedAt: true } },
    },
  });
}

function stateOf(inv: Awaited<ReturnType<typeof lookup>>, now = Date.now()): "valid" | "expired" | "invalid" {
  if (!inv || inv.usedAt || inv.supersededAt || inv.user.deletedAt || inv.user.status !== "pending") return "invalid";
  return inv.expiresAt.getTime() <= now ? "expired" : "valid";
}

/** For the accept page: is this token usable, and for whom? Reveals nothing for bad tokens. */
export async function checkInvitation(token: string): Promise<InvitationCheck> {
  const inv = await lookup(token);
  const state = stateOf(inv);
  if (state !== "valid" || !inv) return { state: state === "valid" ? "invalid" : state };
  const { username, email, role } = inv.user;
  return { state, username, email, role, expiresAt: inv.expiresAt.toISOString() };
}

/**
 * Sets the invitee's password and activates them. Single use is enforced by
 * a conditional update inside the transaction: of two concurrent accepts of
 * one token exactly one succeeds. A rejected password leaves the token usable.
 */
export function acceptInvitation(
  ctx: Ctx,
  input: unknown,
): Promise<Result<{ message: string; user: { id: string; username: string; email: string; role: Role } }>> {
  return run(async () => {
    await hit("public-ip", `accept:${ctx.meta.ip ?? "unknown"}`);
    const data = parseInput(acceptInvitationSchema, input);
    const inv = await lookup(data.token);
    const state = stateOf(inv);
    if (state !== "valid" || !inv) {
      throw new AppError("invalid_invitation", state === "expired" ? EXPIRED_MESSAGE : INVALID_MESSAGE);
    }
    assertStrongPassword(data.password, inv.user.username);
    if (data.password_confirm !== undefined && data.password_confirm !== data.password) {
      throw new AppError("validation", RULE_MESSAGES.match, { password_confirm: RULE_MESSAGES.match });
    }
    const passwordHash = await hashPassword(data.password);
    const now = new Date();
    await db().$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { id: inv.id, usedAt: null, supersededAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      const activated = await tx.user.updateMany({
        where: { id: inv.user.id, status: "pending", deletedAt: null },
        data: { status: "active", passwordHash, sessionVersion: { increment: 1 } },
      });
      if (claimed.count !== 1 || activated.count !== 1) throw new AppError("invalid_invitation", INVALID_MESSAGE);
      await recordActivity(tx, ctx, {
        eventType: "user.invitation_accepted",
        resourceType: "user",
        resourceId: inv.user.id,
        actor: { id: inv.user.id, username: inv.user.username },
      });
      // A burst of accepts of one token queues on its row lock; the client's
      // transaction options (lib/server/db.ts) let it wait instead of failing.
    });
    const { id, username, email, role } = inv.user;
    return { message: ACCEPTED_MESSAGE, user: { id, username, email, role } };
  });
}
