import Link from "next/link";
import { ActivityTable } from "@/components/activity/activity-table";
import type { Result } from "@/lib/result-types";
import type { ActivityPage } from "@/lib/server/activity/list-activity";

type Props = {
  /** The newest entries, as the page loaded them (userActivity). */
  result: Result<ActivityPage>;
  userId: string;
};

/**
 * Server component for the user detail page: the newest entries where the
 * user acted or was acted upon (created, updated, deactivated...).
 */
export function UserActivity({ result: r, userId }: Props) {
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
