import "server-only";
import { createUserSchema } from "@/lib/schemas/user";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { kickOutbox } from "../email/queue";
import { issueInvitation } from "../invitations/issue";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { assertAvailable, uniqueViolation } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

/**
 * Creates a pending user and their invitation, and queues the invitation
 * email, all in one transaction: either everything exists afterwards or
 * nothing does.
 */
export function createUser(ctx: Ctx, input: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const data = parseInput(createUserSchema, input);
    try {
      const user = await db().$transaction(async (tx) => {
        await assertAvailable(tx, data);
        const created = await tx.user.create({ data: { ...data, status: "pending" }, select: { id: true } });
        await issueInvitation(tx, ctx, { id: created.id, ...data });
        await recordActivity(tx, ctx, {
          eventType: "user.created",
          resourceType: "user",
          resourceId: created.id,
          details: { username: data.username, email: data.email, role: data.role },
        });
        return tx.user.findUniqueOrThrow({ where: { id: created.id }, select: userSelect });
      });
      kickOutbox();
      return toUserDto(user);
    } catch (e) {
      throw uniqueViolation(e) ?? e;
    }
  });
}
