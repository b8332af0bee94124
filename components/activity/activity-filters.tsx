"use client";

import { useUrlQuery } from "@/lib/client/use-url-query";
import { UserFilter } from "./user-filter";

type Props = {
  /** The user the URL filters by, as the server resolved it. */
  selectedUser: { id: string; label: string } | null;
  /** The event types worth offering (the registry's, as the page loaded them). */
  eventTypes: { value: string; label: string }[];
  /** The filters as the URL has them (possibly invalid: the page reports that). */
  values: { start_date?: string; end_date?: string; event_type?: string; user_id?: string };
};

type DateProps = { id: string; value?: string; min?: string; max?: string; onCommit: (v: string) => void };

/**
 * Uncontrolled, re-keyed when the URL changes: typing a year digit by digit
 * passes through dates like 0002-06-15, which must not each reload the page,
 * so a change only counts once the year is plausible (or the field is
 * cleared), and leaving the field commits whatever it holds.
 */
function DateInput({ id, value, min, max, onCommit }: DateProps) {
  const commit = (v: string) => {
    if (v === (value ?? "")) return;
    if (v === "" || Number(v.slice(0, 4)) >= 1900) onCommit(v);
  };
  return (
    <input
      key={value ?? ""}
      type="date"
      className="form-control"
      id={id}
      defaultValue={value ?? ""}
      min={min || undefined}
      max={max || undefined}
      onChange={(e) => commit(e.target.value)}
      onBlur={(e) => commit(e.target.value)}
    />
  );
}

// The guide's filters: date range, event type, user. Each change goes to the
// URL (a bookmarkable view; Back restores it) and resets paging.
export function ActivityFilters({ selectedUser, eventTypes, values }: Props) {
  const { update, pending } = useUrlQuery();
  const known = eventTypes.some((o) => o.value === values.event_type);
  const active = Boolean(values.start_date || values.end_date || values.event_type || values.user_id);
  return (
    <div className="card-body border-bottom py-3" aria-busy={pending}>
      <div className="row g-2 align-items-end">
        <div className="col-6 col-md-auto">
          <label className="form-label" htmlFor="start-date">
            Start date
          </label>
          <DateInput id="start-date" value={values.start_date} max={values.end_date} onCommit={(v) => update({ start_date: v })} />
        </div>
        <div className="col-6 col-md-auto">
          <label className="form-label" htmlFor="end-date">
            End date
          </label>
          <DateInput id="end-date" value={values.end_date} min={values.start_date} onCommit={(v) => update({ end_date: v })} />
        </div>
        <div className="col-12 col-md">
          <label className="form-label" htmlFor="event-type-filter">
            Event type
          </label>
          <select className="form-select" id="event-type-filter" value={values.event_type ?? ""} onChange={(e) => update({ event_type: e.target.value })}>
            <option value="">All Event Types</option>
            {eventTypes.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
            {values.event_type && !known && <option value={values.event_type}>{values.event_type}</option>}
          </select>
        </div>
        <div className="col-12 col-md">
          <label className="form-label" htmlFor="user-filter">
            User
          </label>
          <UserFilter key={selectedUser?.id ?? ""} selected={selectedUser} onSelect={(id) => update({ user_id: id })} />
        </div>
        {active && (
          <div className="col-auto">
            <button type="button" className="btn btn-link" onClick={() => update({ start_date: null, end_date: null, event_type: null, user_id: null })}>
              Clear filters
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
