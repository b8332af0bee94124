import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { eventColor, summarizeEvent } from "@/lib/activity-events";
import { requirePageCtx } from "@/lib/server/auth/guard";
import { dashboardStats } from "@/lib/server/dashboard/stats";

export const metadata: Metadata = { title: "Dashboard" };

function Stat({ label, value, href, tone }: { label: string; value: number; href?: string; tone: string }) {
  const inner = (
    <div className="card-body">
      <div className="row align-items-center">
        <div className="col-auto">
          <span className={`bg-${tone} text-white avatar`} aria-hidden>
            {value > 999 ? "1k+" : value}
          </span>
        </div>
        <div className="col">
          <div className="font-weight-medium" data-testid={`stat-${label.toLowerCase().replace(/\s+/g, "-")}`}>
            {value.toLocaleString("en")}
          </div>
          <div className="text-secondary">{label}</div>
        </div>
      </div>
    </div>
  );
  return (
    <div className="col-sm-6 col-lg-3">
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
  const ctx = await requirePageCtx();
  const r = await dashboardStats(ctx);
  if (!r.ok) throw new Error(r.message);
  const s = r.data;
  const admin = ctx.actor.role === "admin";
  const link = (q: string) => (admin ? `/admin/users?${q}` : undefined);
  return (
    <>
      <PageHeader pretitle="Overview" title="Dashboard" />
      <div className="page-body">
        <div className="container-xl">
          <div className="row row-deck row-cards">
            <Stat label="Active users" value={s.byStatus.active} tone="success" href={link("status=active")} />
            <Stat label="Pending invitations" value={s.byStatus.pending} tone="warning" href={link("status=pending")} />
            <Stat label="Inactive users" value={s.byStatus.inactive} tone="secondary" href={link("status=inactive")} />
            <Stat label="All users" value={s.total} tone="primary" href={link("")} />
            <div className="col-lg-4">
              <div className="card">
                <div className="card-header">
                  <h2 className="card-title">Users by role</h2>
                </div>
                <div className="list-group list-group-flush">
                  {(["admin", "editor", "viewer"] as const).map((role) => (
                    <div key={role} className="list-group-item d-flex justify-content-between">
                      <span className="text-capitalize">{role}s</span>
                      <strong data-testid={`role-${role}`}>{s.byRole[role]}</strong>
                    </div>
                  ))}
                </div>
              </div>
            </div>
            <div className="col-lg-8">
              <div className="card">
                <div className="card-header">
                  <h2 className="card-title">{s.recentScope === "all" ? "Recent activity" : "Your recent activity"}</h2>
                  {admin && (
                    <div className="card-actions">
                      <Link href="/admin/activity">View all</Link>
                    </div>
                  )}
                </div>
                {s.recent.length === 0 ? (
                  <div className="card-body text-secondary">No activity yet.</div>
                ) : (
                  <div className="table-responsive">
                    <table className="table table-vcenter card-table">
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
                            <td className="text-secondary text-nowrap">
                              <RelativeTime iso={a.timestamp} />
                            </td>
                            <td>{a.username ?? <span className="text-secondary">{a.event_type === "user.login_failed" ? "anonymous" : "system"}</span>}</td>
                            <td>
                              <span className={`badge bg-${eventColor(a.event_type)}-lt me-2`}>{a.event_type}</span>
                              {summarizeEvent(a)}
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
