import "server-only";
import type { Role } from "@/lib/roles";
import { recordActivity } from "../activity/record";
import type { Ctx } from "../auth/actor";
import type { Tx } from "../db";
import { issueInvitation } from "../invitations/issue";
import { assertAvailable } from "./common";

/**
 * A new pending user, their invitation and its `user.created` row, inside
 * the caller's transaction: createUser (an admin inviting someone),
 * `npm run admin:create` and the first-admin setup link all make users this
 * way. `email: false` skips the invitation email (the setup link is printed
 * instead); `via` says which door created the user. Callers map a lost
 * uniqueness race with uniqueViolation().
 */
export async function createPendingUser(
  tx: Tx,
  ctx: Ctx,
  data: { username: string; email: string; role: Role },
  opts: { email?: boolean; via?: string } = {},
): Promise<{ id: string; link: string }> {
  await assertAvailable(tx, data);
  const user = await tx.user.create({ data: { ...data, status: "pending" }, select: { id: true } });
  const { link } = await issueInvitation(tx, ctx, { id: user.id, ...data }, { email: opts.email });
  await recordActivity(tx, ctx, {
    eventType: "user.created",
    resourceId: user.id,
    details: { username: data.username, email: data.email, role: data.role, ...(opts.via && { via: opts.via }) },
  });
  return { id: user.id, link };
}
