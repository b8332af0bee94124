import "server-only";
import { createUserSchema } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { kickOutbox } from "../email/queue";
import { run, type Result } from "../result";
import { parseInput } from "../validate";
import { uniqueViolation } from "./common";
import { createPendingUser } from "./create-pending";
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
        const { id } = await createPendingUser(tx, ctx, data);
        return tx.user.findUniqueOrThrow({ where: { id }, select: userSelect });
      });
      kickOutbox();
      return toUserDto(user);
    } catch (e) {
      throw uniqueViolation(e) ?? e;
    }
  });
}
