import "server-only";
import { eventSummary } from "@/lib/activity-events";
import type { ActivityItem } from "./query";

const MAX = 300;

/**
 * The Details column of the table and the CSV: one short human line.
 * Events with a known summary use it; others with changed fields read as the
 * guide's "Changed: name, start_date"; anything else falls back to compact JSON.
 */
export function detailsText(item: Pick<ActivityItem, "event_type" | "details">): string {
  const summary = eventSummary(item.event_type, item.details);
  if (summary !== null) return summary;
  const d = item.details;
  if (d && typeof d === "object" && !Array.isArray(d)) {
    const changed = (d as Record<string, unknown>).changed_fields;
    if (Array.isArray(changed) && changed.length) return `Changed: ${changed.map(String).join(", ")}`;
    if (Object.keys(d).length === 0) return "";
  }
  if (d === null || d === undefined) return "";
  const json = JSON.stringify(d);
  return json.length > MAX ? `${json.slice(0, MAX - 1)}…` : json;
}

/** "user:01HQ..." as in the guide's CSV; just the type when there is no id. */
export function resourceText(item: Pick<ActivityItem, "resource_type" | "resource_id">): string {
  if (!item.resource_type) return item.resource_id ?? "";
  return item.resource_id ? `${item.resource_type}:${item.resource_id}` : item.resource_type;
}
