import "server-only";
import { roleOf, type Role } from "@/lib/roles";
import { acceptInvitationSchema, RULE_MESSAGES } from "@/lib/schemas/password";
import { recordActivity } from "../activity/record";
import type { Ctx } from "../auth/actor";
import { assertStrongPassword, hashPassword, ownerInputs } from "../auth/passwords";
import { claimToken, findToken, tokenState } from "../auth/single-use";
import { db } from "../db";
import { AppError } from "../errors";
import { hit } from "../rate-limit";
import { run, type Result } from "../result";
import { parseInput } from "../validate";

export const ACCEPTED_MESSAGE = "Password set successfully. Please log in.";
export const EXPIRED_MESSAGE = "This invitation link has expired. Please contact your administrator to resend the invitation.";
export const REVOKED_MESSAGE = "This invitation was withdrawn by an administrator. Please contact them if you still need access.";
export const INVALID_MESSAGE =
  "This invitation link is invalid or has already been used. Please contact your administrator to resend the invitation.";

export type InvitationCheck =
  | { state: "valid"; username: string; email: string; role: Role; expiresAt: string; inputs: string[] }
  | { state: "expired" | "revoked" | "invalid" };

/** For the accept page: is this token usable, and for whom? Reveals nothing for bad tokens. */
export async function checkInvitation(token: string): Promise<InvitationCheck> {
  const inv = await findToken("invitation", token);
  const state = tokenState(inv, "pending");
  if (state !== "valid" || !inv) return { state: state === "valid" ? "invalid" : state };
  const { username, email, role } = inv.user;
  return { state, username, email, role: roleOf(role), expiresAt: inv.expiresAt.toISOString(), inputs: ownerInputs({ username, email }) };
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
    await hit("accept-ip", ctx);
    const data = parseInput(acceptInvitationSchema, input);
    const inv = await findToken("invitation", data.token);
    const state = tokenState(inv, "pending");
    if (state !== "valid" || !inv) {
      throw new AppError("invalid_invitation", state === "expired" ? EXPIRED_MESSAGE : state === "revoked" ? REVOKED_MESSAGE : INVALID_MESSAGE);
    }
    assertStrongPassword(data.password, inv.user);
    if (data.password_confirm !== undefined && data.password_confirm !== data.password) {
      throw new AppError("validation", RULE_MESSAGES.match, { password_confirm: RULE_MESSAGES.match });
    }
    const passwordHash = await hashPassword(data.password);
    const now = new Date();
    await db().$transaction(async (tx) => {
      // A burst of accepts of one token queues on its row lock; the client's
      // transaction options (lib/server/db.ts) let it wait instead of failing.
      const claimed = await claimToken(tx, "invitation", inv.id, now);
      const activated = await tx.user.updateMany({
        where: { id: inv.user.id, status: "pending", deletedAt: null },
        data: { status: "active", passwordHash },
      });
      if (!claimed || activated.count !== 1) throw new AppError("invalid_invitation", INVALID_MESSAGE);
      await recordActivity(tx, ctx, {
        eventType: "user.invitation_accepted",
        resourceId: inv.user.id,
        actor: { id: inv.user.id, username: inv.user.username },
      });
    });
    const { id, username, email, role } = inv.user;
    return { message: ACCEPTED_MESSAGE, user: { id, username, email, role: roleOf(role) } };
  });
}
