import "server-only";
import { activityQuerySchema, userActivityQuerySchema } from "@/lib/schemas/activity";
import { authorize, type Ctx } from "../auth/actor";
import { pool } from "../db";
import { prepared } from "../sql";
import { run, type Result } from "../result";
import { parseUserId } from "../users/common";
import { parseInput } from "../validate";
import { AppError } from "../errors";
import { filterConds, pageOf, type ActivityPage } from "./query";

export type { ActivityItem, ActivityPage } from "./query";

/** GET /api/v1/admin/activity and the /admin/activity page: the whole log, filtered, newest first. */
export function listActivity(ctx: Ctx, input: unknown): Promise<Result<ActivityPage>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const q = parseInput(activityQuerySchema, input);
    const values: unknown[] = [];
    return pageOf(filterConds(q, values), values, q);
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
    const { rowCount } = await pool().query(prepared("SELECT 1 FROM users WHERE id = $1", [id]));
    if (!rowCount) throw new AppError("not_found", "User not found");
    // What they did, and what was done to them.
    const values: unknown[] = [id];
    return pageOf([`(a.user_id = $1 OR (a.resource_type = 'user' AND a.resource_id = $1))`, ...filterConds(q, values)], values, q);
  });
}
