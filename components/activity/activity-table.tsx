import Link from "next/link";
import { eventColor, eventLabel, noActorLabel } from "@/lib/activity-events";
import { formatAuditTime } from "@/lib/format-date";
import { detailsText, resourceText } from "@/lib/server/activity/details-text";
import { DELETED_USER, type ActivityItem } from "@/lib/server/activity/query";

// Server component: the guide's activity table (Timestamp, User, Event Type,
// Resource, IP Address, Details), shared by /admin/activity and a user's page.

/** The raw type, as the log and the CSV spell it; its label on hover. */
export function EventBadge({ type, className }: { type: string; className?: string }) {
  return (
    <span className={`badge bg-${eventColor(type)}-lt text-nowrap${className ? ` ${className}` : ""}`} title={eventLabel(type)}>
      {type}
    </span>
  );
}

function Actor({ item, links }: { item: ActivityItem; links: boolean }) {
  // No actor: someone not signed in (a failed login) or the node itself (first-admin setup, CLI).
  if (!item.user_id) return <span className="text-secondary">{item.username ?? noActorLabel(item.event_type)}</span>;
  if (item.username === DELETED_USER) {
    return (
      <span className="text-secondary" title={`User id ${item.user_id}`}>
        {DELETED_USER}
      </span>
    );
  }
  return links ? <Link href={`/admin/users/${item.user_id}`}>{item.username}</Link> : <span>{item.username}</span>;
}

function Resource({ item, links }: { item: ActivityItem; links: boolean }) {
  const text = resourceText(item);
  if (!text) return <span className="text-secondary">—</span>;
  const body = <span className="font-monospace small">{text}</span>;
  return links && item.resource_type === "user" && item.resource_id ? <Link href={`/admin/users/${item.resource_id}`}>{body}</Link> : body;
}

type Props = {
  items: ActivityItem[];
  caption: string;
  testId?: string;
  /** Link users to their pages (only for a role that may open them). */
  links?: boolean;
};

export function ActivityTable({ items, caption, testId = "activity-table", links = true }: Props) {
  return (
    // Focusable, so keyboard users can scroll a table wider than the screen.
    <div className="table-responsive" tabIndex={0} role="region" aria-label={caption}>
      {/* On phones each entry is a card whose cells say what they are (.table-stack, data-label). */}
      <table className="table table-vcenter card-table table-stack" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Timestamp</th>
            <th scope="col">User</th>
            <th scope="col">Event Type</th>
            <th scope="col">Resource</th>
            <th scope="col">IP Address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody id="activity-table">
          {items.map((item) => (
            <tr key={item.id} data-event-type={item.event_type}>
              <td className="text-nowrap fw-medium">
                <time dateTime={item.timestamp} title={item.timestamp}>
                  {formatAuditTime(item.timestamp)}
                </time>
              </td>
              <td data-label="User">
                <Actor item={item} links={links} />
              </td>
              <td data-label="Event">
                <EventBadge type={item.event_type} />
              </td>
              <td data-label="Resource">
                <Resource item={item} links={links} />
              </td>
              <td className="text-secondary text-nowrap" data-label="IP address">
                {item.ip_address ?? "—"}
              </td>
              <td className="text-wrap text-break activity-details" data-label="Details" title={item.user_agent ?? undefined}>
                {detailsText(item)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
