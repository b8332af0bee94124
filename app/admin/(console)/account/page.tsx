import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionList } from "@/components/account/session-list";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { ActivityTable } from "@/components/activity/activity-table";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/shell/page-header";
import { DatagridItem } from "@/components/ui/datagrid-item";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleBadge } from "@/components/ui/role-badge";
import { formatDateTime } from "@/lib/format-date";
import { can, ROLES } from "@/lib/roles";
import { page } from "@/lib/server/adapters/page";
import { getAccount } from "@/lib/server/account/get-account";

export const metadata: Metadata = { title: "My account" };

/** My account, for every signed-in role: who I am, my password, where I am signed in, what I did lately. */
export default async function AccountPage() {
  const p = await page("account:manage", getAccount);
  if (!p.ok) return <Forbidden />;
  if (!p.data.ok) throw new Error(p.data.message);
  const { user, sessions, activity, passwordInputs, twoFactor } = p.data.data;
  const admin = can(user.role, "users:read");
  return (
    <>
      <PageHeader pretitle="Signed in as" title="My account" />
      <div className="page-body">
        <div className="container-xl">
          <div className="row row-cards">
            <div className="col-lg-5">
              <div className="card" data-testid="account-profile">
                <div className="card-header">
                  <h2 className="card-title">Profile</h2>
                </div>
                <div className="card-body">
                  <div className="datagrid">
                    <DatagridItem label="Username">{user.username}</DatagridItem>
                    <DatagridItem label="Email">{user.email}</DatagridItem>
                    <DatagridItem label="Role">
                      <RoleBadge role={user.role} />
                      <div className="small text-secondary mt-1">{ROLES[user.role].hint}</div>
                    </DatagridItem>
                    <DatagridItem label="Member since">{formatDateTime(user.created_at)}</DatagridItem>
                    <DatagridItem label="Last login">
                      <RelativeTime iso={user.last_login_at} />
                    </DatagridItem>
                  </div>
                  <p className="text-secondary small mt-3 mb-0">
                    {admin ? (
                      <>
                        Your username, email and role are changed on <Link href={`/admin/users/${user.id}`} className="text-decoration-underline">your user page</Link>.
                      </>
                    ) : (
                      "Only an admin can change your username, email or role."
                    )}
                  </p>
                </div>
              </div>
            </div>
            <div className="col-lg-7">
              <ChangePasswordForm username={user.username} inputs={passwordInputs} />
            </div>
            <div className="col-12">
              <TwoFactorCard status={twoFactor} username={user.username} />
            </div>
            <div className="col-12">
              <SessionList sessions={sessions} />
            </div>
            <div className="col-12">
              <div className="card" data-testid="account-activity">
                <div className="card-header">
                  <h2 className="card-title">Recent activity</h2>
                  {admin && (
                    <div className="card-actions">
                      <Link href={`/admin/activity?user_id=${encodeURIComponent(user.id)}`}>All my activity</Link>
                    </div>
                  )}
                </div>
                {activity.length === 0 ? (
                  <div className="card-body text-secondary">Nothing yet: sign-ins and changes to your account will appear here.</div>
                ) : (
                  <ActivityTable items={activity} caption="Your newest activity, by you or about your account" testId="account-activity-table" links={admin} />
                )}
              </div>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
