import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { Forbidden } from "@/components/shell/forbidden";
import { DatagridItem } from "@/components/ui/datagrid-item";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleBadge, StatusBadge } from "@/components/ui/role-badge";
import { InvitationStatus } from "@/components/users/invitation-status";
import { LockStatus } from "@/components/users/lock-status";
import { UserActivity } from "@/components/users/user-activity";
import { UserDetailActions } from "@/components/users/user-detail-actions";
import { formatDateTime } from "@/lib/format-date";
import { page } from "@/lib/server/adapters/page";
import { userActivity } from "@/lib/server/activity/list-activity";
import { countActiveAdmins } from "@/lib/server/users/active-admins";
import { getUser } from "@/lib/server/users/get-user";

export const metadata: Metadata = { title: "User" };

/** How many of the user's newest activity entries the page shows. */
const RECENT = 10;

const When = ({ iso }: { iso: string | null }) =>
  iso ? (
    <>
      {formatDateTime(iso)} <span className="text-secondary">(<RelativeTime iso={iso} />)</span>
    </>
  ) : (
    <span className="text-secondary">Never</span>
  );

export default async function UserDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const p = await page("users:read", (ctx) => Promise.all([getUser(ctx, id), userActivity(ctx, id, { limit: RECENT }), countActiveAdmins(ctx)]));
  if (!p.ok) return <Forbidden />;
  const [r, activity, admins] = p.data;
  // A malformed id is as absent as a deleted user.
  if (!r.ok && (r.code === "not_found" || r.code === "validation")) notFound();
  if (!r.ok) throw new Error(r.message);
  if (!admins.ok) throw new Error(admins.message);
  const u = r.data;
  return (
    <>
      <PageHeader pretitle="User" title={u.username} actions={<UserDetailActions user={u} selfId={p.ctx.actor.id} activeAdmins={admins.data} now={p.now} />} />
      <div className="page-body">
        <div className="container-xl">
          <div className="mb-3">
            <Link href="/admin/users">← All users</Link>
          </div>
          <div className="row row-cards">
            <div className="col-12">
              <div className="card">
                <div className="card-header">
                  <h2 className="card-title">Details</h2>
                </div>
                <div className="card-body">
                  <div className="datagrid">
                    <DatagridItem label="User ID">
                      <code>{u.id}</code>
                    </DatagridItem>
                    <DatagridItem label="Username">{u.username}</DatagridItem>
                    <DatagridItem label="Email">{u.email}</DatagridItem>
                    <DatagridItem label="Role">
                      <RoleBadge role={u.role} />
                    </DatagridItem>
                    <DatagridItem label="Two-factor">
                      {u.two_factor ? <span className="badge bg-success-lt" data-testid="two-factor-badge">2FA on</span> : <span className="text-secondary">Off</span>}
                    </DatagridItem>
                    <DatagridItem label="Status">
                      <StatusBadge status={u.status} />
                      <LockStatus user={u} />
                      <InvitationStatus user={u} now={p.now} />
                    </DatagridItem>
                    <DatagridItem label="Created">
                      <When iso={u.created_at} />
                    </DatagridItem>
                    <DatagridItem label="Last login">
                      <When iso={u.last_login_at} />
                    </DatagridItem>
                    <DatagridItem label="Last active">
                      <When iso={u.last_active_at} />
                    </DatagridItem>
                  </div>
                </div>
              </div>
            </div>
            <div className="col-12">
              <UserActivity result={activity} userId={u.id} />
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
