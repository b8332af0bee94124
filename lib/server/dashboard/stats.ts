import "server-only";
import { deletedActorIds, toItem, type ActivityItem } from "../activity/query";
import { authorize, type Ctx } from "../auth/actor";
import { can } from "../auth/permissions";
import { db } from "../db";
import { run, type Result } from "../result";
import { liveUserCounts } from "../users/count-users";

export type DashboardStats = {
  byStatus: { pending: number; active: number; inactive: number };
  byRole: { admin: number; editor: number; viewer: number };
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
    const byStatus = { pending: 0, active: 0, inactive: 0 };
    const byRole = { admin: 0, editor: 0, viewer: 0 };
    for (const c of counts) {
      byStatus[c.status as keyof typeof byStatus] += c.n;
      byRole[c.role as keyof typeof byRole] += c.n;
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
