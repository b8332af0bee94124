import "server-only";
import { can, isRole, ROLE_NAMES, type Role } from "@/lib/roles";
import { STATUSES, type UserStatus } from "@/lib/schemas/user";
import { deletedActorIds, toItem, type ActivityItem } from "../activity/query";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { run, type Result } from "../result";
import { liveUserCounts } from "../users/count-users";

export type DashboardStats = {
  byStatus: Record<UserStatus, number>;
  byRole: Record<Role, number>;
  total: number;
  recent: ActivityItem[];
  recentScope: "all" | "own";
};

/** Real counts of live users and the newest activity (all of it for admins, one's own otherwise). */
export function dashboardStats(ctx: Ctx): Promise<Result<DashboardStats>> {
  return run(async () => {
    const actor = authorize(ctx, "dashboard:read");
    const all = can(actor.role, "activity:read");
    const [counts, recent] = await Promise.all([
      liveUserCounts(),
      db().activityLog.findMany({
        where: all ? {} : { OR: [{ actorId: actor.id }, { resourceType: "user", resourceId: actor.id }] },
        orderBy: { id: "desc" },
        take: 10,
      }),
    ]);
    const byStatus = Object.fromEntries(STATUSES.map((st) => [st, 0])) as Record<UserStatus, number>;
    const byRole = Object.fromEntries(ROLE_NAMES.map((r) => [r, 0])) as Record<Role, number>;
    for (const c of counts) {
      byStatus[c.status as UserStatus] += c.n;
      if (isRole(c.role)) byRole[c.role] += c.n;
    }
    const deleted = await deletedActorIds(recent);
    return {
      byStatus,
      byRole,
      total: byStatus.pending + byStatus.active + byStatus.inactive,
      recentScope: all ? "all" : "own",
      recent: recent.map((r) => toItem(r, deleted)),
    };
  });
}
