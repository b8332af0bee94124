import { IconMailForward, IconUserCheck, IconUserOff, IconUsers } from "@tabler/icons-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/shell/page-header";
import { EventBadge } from "@/components/activity/activity-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { eventSummary, noActorLabel } from "@/lib/activity-events";
import { can, ROLE_NAMES, ROLES } from "@/lib/roles";
import { page } from "@/lib/server/adapters/page";
import { dashboardStats } from "@/lib/server/dashboard/stats";

export const metadata: Metadata = { title: "Dashboard" };

function Stat({ label, value, href, tone, icon: Icon }: { label: string; value: number; href?: string; tone: string; icon: typeof IconUsers }) {
  const inner = (
    <div className="card-body">
      <div className="row align-items-center">
        <div className="col-auto">
          {/* The number shows once, beside the icon that says what it counts. */}
          <span className={`bg-${tone}-lt avatar`} aria-hidden>
            <Icon size={24} stroke={1.75} />
          </span>
        </div>
        <div className="col">
          <div className="h2 mb-0 fw-bold" data-testid={`stat-${label.toLowerCase().replace(/\s+/g, "-")}`}>
            {value.toLocaleString("en")}
          </div>
          <div className="text-secondary">{label}</div>
        </div>
      </div>
    </div>
  );
  return (
    <div className="col-6 col-lg-3">
      {href ? (
        <Link href={href} className="card card-sm card-link text-reset text-decoration-none">
          {inner}
        </Link>
      ) : (
        <div className="card card-sm">{inner}</div>
      )}
    </div>
  );
}

export default async function DashboardPage() {
  const p = await page("dashboard:read", dashboardStats);
  if (!p.ok) return <Forbidden />;
  if (!p.data.ok) throw new Error(p.data.message);
  const s = p.data.data;
  const role = p.ctx.actor.role;
  const link = (q: string) => (can(role, "users:read") ? `/admin/users?${q}` : undefined);
  return (
    <>
      <PageHeader pretitle="Overview" title="Dashboard" />
      <div className="page-body">
        <div className="container-xl">
          <div className="row row-deck row-cards">
            <Stat label="Active users" value={s.byStatus.active} tone="success" icon={IconUserCheck} href={link("status=active")} />
            <Stat label="Pending invitations" value={s.byStatus.pending} tone="warning" icon={IconMailForward} href={link("status=pending")} />
            <Stat label="Inactive users" value={s.byStatus.inactive} tone="secondary" icon={IconUserOff} href={link("status=inactive")} />
            <Stat label="All users" value={s.total} tone="primary" icon={IconUsers} href={link("")} />
            <div className="col-lg-4">
              <div className="card">
                <div className="card-header">
                  <h2 className="card-title">Users by role</h2>
                </div>
                <div className="list-group list-group-flush">
                  {ROLE_NAMES.map((r) => (
                    <div key={r} className="list-group-item d-flex justify-content-between">
                      <span>{ROLES[r].label}s</span>
                      <strong data-testid={`role-${r}`}>{s.byRole[r]}</strong>
                    </div>
                  ))}
                </div>
              </div>
            </div>
            <div className="col-lg-8">
              <div className="card">
                <div className="card-header">
                  <h2 className="card-title">{s.recentScope === "all" ? "Recent activity" : "Your recent activity"}</h2>
                  {can(role, "activity:read") && (
                    <div className="card-actions">
                      <Link href="/admin/activity">View all</Link>
                    </div>
                  )}
                </div>
                {s.recent.length === 0 ? (
                  <div className="card-body text-secondary">No activity yet.</div>
                ) : (
                  <div className="table-responsive">
                    <table className="table table-vcenter card-table table-stack">
                      <thead>
                        <tr>
                          <th>When</th>
                          <th>User</th>
                          <th>Event</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.recent.map((a) => (
                          <tr key={a.id}>
                            <td className="text-secondary text-nowrap stack-inline">
                              <RelativeTime iso={a.timestamp} />
                            </td>
                            <td className="stack-inline">{a.username ?? <span className="text-secondary">{noActorLabel(a.event_type)}</span>}</td>
                            <td>
                              <EventBadge type={a.event_type} className="me-2" />
                              {eventSummary(a.event_type, a.details) ?? a.event_type}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </div>
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
