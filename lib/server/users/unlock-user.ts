import "server-only";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { isLocked } from "../auth/lockout";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { lockLiveUser, parseUserId } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

/** An admin lifts a lockout at once (and forgets the failures that led to it). */
export function unlockUser(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    return db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (!isLocked(u)) throw new AppError("validation", "User is not locked");
      await tx.$executeRaw`UPDATE users SET locked_until = NULL, failed_login_count = 0, failed_login_since = NULL WHERE id = ${userId}`;
      await recordActivity(tx, ctx, { eventType: "user.unlocked", resourceId: userId, details: { username: u.username } });
      return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect }));
    });
  });
}
