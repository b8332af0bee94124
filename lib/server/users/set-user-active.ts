import "server-only";
import { recordActivity } from "../activity/record";
import { authorize, type Ctx } from "../auth/actor";
import { endSessions } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { assertNotLastActiveAdmin, lockAdminSet, lockLiveUser, parseUserId } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

/** active -> inactive. Ends the user's sessions; never the last active admin. */
export function deactivateUser(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    return db().$transaction(async (tx) => {
      await lockAdminSet(tx);
      const u = await lockLiveUser(tx, userId);
      if (u.status === "inactive") throw new AppError("validation", "User is already inactive");
      if (u.status === "pending") throw new AppError("validation", "User has not accepted the invitation");
      if (u.role === "admin") await assertNotLastActiveAdmin(tx, userId);
      await tx.user.update({ where: { id: userId }, data: { status: "inactive" } });
      await endSessions(tx, userId);
      await recordActivity(tx, ctx, {
        eventType: "user.deactivated",
        resourceId: userId,
        details: { username: u.username },
      });
      return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect }));
    });
  });
}

/** inactive -> active. */
export function activateUser(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:write");
    const userId = parseUserId(id);
    return db().$transaction(async (tx) => {
      const u = await lockLiveUser(tx, userId);
      if (u.status === "active") throw new AppError("validation", "User is already active");
      if (u.status === "pending") throw new AppError("validation", "User has not accepted the invitation");
      await tx.user.update({ where: { id: userId }, data: { status: "active" } });
      await recordActivity(tx, ctx, {
        eventType: "user.activated",
        resourceId: userId,
        details: { username: u.username },
      });
      return toUserDto(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: userSelect }));
    });
  });
}
