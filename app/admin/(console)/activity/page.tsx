import type { Metadata } from "next";
import { ActivityFilters } from "@/components/activity/activity-filters";
import { ActivityPager } from "@/components/activity/activity-pager";
import { ActivityTable } from "@/components/activity/activity-table";
import { ExportButton } from "@/components/activity/export-button";
import { IntegrityCard } from "@/components/activity/integrity-card";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/shell/page-header";
import { filterQueryString, FILTER_KEYS } from "@/lib/schemas/activity";
import { page } from "@/lib/server/adapters/page";
import { activityIntegrity } from "@/lib/server/activity/chain/integrity";
import { activityFilterOptions } from "@/lib/server/activity/filter-options";
import { listActivity } from "@/lib/server/activity/list-activity";

export const metadata: Metadata = { title: "Activity Log" };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, first(v)]));
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, raw[k]?.trim() || undefined])) as Partial<Record<(typeof FILTER_KEYS)[number], string>>;
  const p = await page("activity:read", (ctx) =>
    Promise.all([listActivity(ctx, { ...filters, limit: raw.limit, after: raw.after, before: raw.before }), activityFilterOptions(ctx, filters.user_id), activityIntegrity(ctx)]),
  );
  if (!p.ok) return <Forbidden />;
  const [list, options, integrity] = p.data;
  if (!options.ok) throw new Error(options.message);
  if (!integrity.ok) throw new Error(integrity.message);
  const filtered = Object.values(filters).some(Boolean);
  const link = (extra: Record<string, string | undefined>) => `/admin/activity${filterQueryString(filters, { limit: raw.limit, ...extra })}`;
  return (
    <>
      <PageHeader pretitle="Audit trail" title="Activity" />
      <div className="page-body">
        <div className="container-xl">
          <IntegrityCard initial={integrity.data} />
          <div className="card">
            <div className="card-header">
              <h2 className="card-title">Activity Log</h2>
              <div className="card-actions">
                <ExportButton href={list.ok ? `/admin/activity/export${filterQueryString(filters)}` : null} />
              </div>
            </div>
            <ActivityFilters selectedUser={options.data.selectedUser} eventTypes={options.data.eventTypes} values={filters} />
            {!list.ok ? (
              <div className="card-body">
                <div className="alert alert-danger m-0" role="alert">
                  {list.message}
                </div>
              </div>
            ) : list.data.items.length === 0 ? (
              <div className="empty" data-testid="activity-empty">
                <p className="empty-title">{filtered ? "No activity matches these filters" : "No activity yet"}</p>
                <p className="empty-subtitle text-secondary">
                  {filtered ? "Try a wider date range or another event type or user." : "Logins, invitations and changes to users will appear here."}
                </p>
              </div>
            ) : (
              <>
                <ActivityTable items={list.data.items} caption={filtered ? "Filtered activity, newest first" : "All activity, newest first"} />
                <ActivityPager
                  count={list.data.items.length}
                  prevHref={list.data.prev_cursor ? link({ before: list.data.prev_cursor }) : null}
                  nextHref={list.data.next_cursor ? link({ after: list.data.next_cursor }) : null}
                />
              </>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
