import Link from "next/link";
import { ActivityTable } from "@/components/activity/activity-table";
import type { Ctx } from "@/lib/server/auth/actor";
import { userActivity } from "@/lib/server/activity/list-activity";

type Props = {
  /** The page's request context (requirePageCtx()); the service checks it is an admin's. */
  ctx: Ctx;
  userId: string;
  /** How many of the newest entries to show. */
  limit?: number;
};

/**
 * Server component for the user detail page: the newest entries where the
 * user acted or was acted upon (created, updated, deactivated...).
 */
export async function UserActivity({ ctx, userId, limit = 10 }: Props) {
  const r = await userActivity(ctx, userId, { limit });
  return (
    <div className="card" data-testid="user-activity">
      <div className="card-header">
        <h2 className="card-title">Recent Activity</h2>
        <div className="card-actions">
          <Link href={`/admin/activity?user_id=${encodeURIComponent(userId)}`}>All actions by this user</Link>
        </div>
      </div>
      {!r.ok ? (
        <div className="card-body">
          <div className="alert alert-danger m-0" role="alert">
            {r.message}
          </div>
        </div>
      ) : r.data.items.length === 0 ? (
        <div className="card-body text-secondary">No activity yet.</div>
      ) : (
        <>
          <ActivityTable items={r.data.items} caption="Recent activity by or about this user, newest first" testId="user-activity-table" />
          {r.data.next_cursor && (
            <div className="card-footer text-secondary small">
              Showing the newest {r.data.items.length} entries.
            </div>
          )}
        </>
      )}
    </div>
  );
}
