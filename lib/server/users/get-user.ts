import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import { parseUserId } from "./common";
import { toUserDto, userSelect, type UserDto } from "./dto";

export function getUser(ctx: Ctx, id: unknown): Promise<Result<UserDto>> {
  return run(async () => {
    authorize(ctx, "users:read");
    const userId = parseUserId(id);
    const u = await db().user.findFirst({ where: { id: userId, deletedAt: null }, select: userSelect });
    if (!u) throw new AppError("not_found", "User not found");
    return toUserDto(u);
  });
}
