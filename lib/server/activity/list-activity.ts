import "server-only";
import { activityQuerySchema, userActivityQuerySchema } from "@/lib/schemas/activity";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { run, type Result } from "../result";
import { parseUserId } from "../users/common";
import { parseInput } from "../validate";
import { AppError } from "../errors";
import { filterWhere, pageOf, type ActivityPage } from "./query";

export type { ActivityItem, ActivityPage } from "./query";

/** GET /api/v1/admin/activity and the /admin/activity page: the whole log, filtered, newest first. */
export function listActivity(ctx: Ctx, input: unknown): Promise<Result<ActivityPage>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const q = parseInput(activityQuerySchema, input);
    return pageOf(filterWhere(q), q);
  });
}

/**
 * GET /api/v1/admin/users/{id}/activity: what the user did (actor) and what
 * was done to them (resource user:{id}), newest first.
 *
 * A soft-deleted user's timeline stays readable: deletion keeps the audit
 * trail on purpose (the guide: "activity logs will be preserved"), and an
 * admin investigating a removed account needs exactly this view. Only an id
 * that never belonged to a user is 404; a malformed id is 400.
 */
export function userActivity(ctx: Ctx, userId: unknown, input: unknown): Promise<Result<ActivityPage>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const id = parseUserId(userId);
    const q = parseInput(userActivityQuerySchema, input);
    const user = await db().user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw new AppError("not_found", "User not found");
    const where = { AND: [{ OR: [{ actorId: id }, { resourceType: "user", resourceId: id }] }, filterWhere(q)] };
    return pageOf(where, q);
  });
}
