import { z } from "./schemas/zod";

// Every event type of the activity log, in one place: the filter's label, the
// badge colour (the guide's map), the kind of resource it is about and a
// one-line summary for the table, the dashboard and the CSV's Details column.
// Isomorphic. The activity filter, those views, the zod enum and the type of
// recordActivity()'s eventType all derive from this list, so adding an event
// type is one entry here.

type Details = Record<string, unknown>;

type EventDef = {
  /** What the event-type filter calls it. */
  label: string;
  /** Tabler colour of the badge. */
  color: "success" | "info" | "warning" | "danger" | "secondary";
  /** The resource_type its rows carry. */
  resource: "user" | "event" | "apikey";
  /** Written without an actor by someone not signed in (else, without an actor, by the node itself). */
  anonymous?: true;
  /** "Created user "jane" (editor)". Without one, the Details column falls back to the changed fields or the JSON. */
  summary?: (details: Details) => string;
  /**
   * Listed by the guide for features this node does not have yet. No service
   * writes it, so the filter offers it only once rows of it exist.
   */
  planned?: true;
};

const target = (d: Details) => (typeof d.username === "string" ? d.username : "");
const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

export const EVENT_TYPES = {
  "user.login": { label: "Logins", color: "success", resource: "user", summary: () => "Logged in" },
  "user.login_failed": {
    label: "Failed Logins",
    color: "danger",
    resource: "user",
    anonymous: true,
    summary: (d) => `Failed login${target(d) ? ` as "${target(d)}"` : ""}${d.reason === "otp" ? " (wrong two-factor code)" : ""}`,
  },
  "user.logout": { label: "Logouts", color: "info", resource: "user", summary: () => "Logged out" },
  "user.created": {
    label: "User Created",
    color: "success",
    resource: "user",
    summary: (d) => `Created user "${target(d)}"${d.role ? ` (${str(d.role)})` : ""}`,
  },
  "user.updated": {
    label: "User Updated",
    color: "info",
    resource: "user",
    summary: (d) => {
      const fields = Array.isArray(d.changed_fields) ? d.changed_fields.map(str).join(", ") : "";
      const role = ((d.new_values ?? {}) as Details).role;
      return `Updated user "${target(d)}"${role ? ` role to ${str(role)}` : fields ? `: ${fields}` : ""}`;
    },
  },
  "user.deactivated": { label: "User Deactivated", color: "warning", resource: "user", summary: (d) => `Deactivated user "${target(d)}"` },
  "user.activated": { label: "User Activated", color: "success", resource: "user", summary: (d) => `Activated user "${target(d)}"` },
  "user.deleted": { label: "User Deleted", color: "danger", resource: "user", summary: (d) => `Deleted user "${target(d)}"` },
  "user.invitation_resent": { label: "Invitation Resent", color: "info", resource: "user", summary: (d) => `Resent invitation to "${target(d)}"` },
  "user.invitation_revoked": { label: "Invitation Revoked", color: "warning", resource: "user", summary: (d) => `Revoked the invitation of "${target(d)}"` },
  "user.invitation_link_copied": {
    label: "Invitation Link Copied",
    color: "warning",
    resource: "user",
    summary: (d) => `Copied the invitation link of "${target(d)}" (email is not configured)`,
  },
  "user.invitation_accepted": { label: "Invitation Accepted", color: "success", resource: "user", summary: () => "Accepted invitation and set a password" },
  "user.password_reset_requested": {
    label: "Password Reset Requested",
    color: "warning",
    resource: "user",
    anonymous: true,
    summary: (d) => `Password reset ${d.via === "admin" ? "link sent to" : "requested for"} "${target(d)}"`,
  },
  "user.password_changed": {
    label: "Password Changed",
    color: "info",
    resource: "user",
    summary: (d) => `Changed password${d.via ? ` (${str(d.via)})` : ""}`,
  },
  "user.sessions_ended": {
    label: "Sessions Ended",
    color: "info",
    resource: "user",
    summary: (d) => `Signed out ${str(d.count) || "other"} session${d.count === 1 ? "" : "s"}${d.scope === "others" ? " on other devices" : ""}`,
  },
  "user.locked": {
    label: "Account Locked",
    color: "danger",
    resource: "user",
    anonymous: true,
    summary: (d) => `Locked "${target(d)}" after ${str(d.failed_logins) || "too many"} failed logins`,
  },
  "user.unlocked": { label: "Account Unlocked", color: "success", resource: "user", summary: (d) => `Unlocked "${target(d)}"` },
  "user.2fa_enabled": { label: "Two-Factor Enabled", color: "success", resource: "user", summary: () => "Turned on two-factor authentication" },
  "user.2fa_disabled": { label: "Two-Factor Disabled", color: "warning", resource: "user", summary: () => "Turned off two-factor authentication" },
  "user.2fa_reset": {
    label: "Two-Factor Reset",
    color: "warning",
    resource: "user",
    summary: (d) => `Reset the two-factor authentication of "${target(d)}"`,
  },
  "user.recovery_code_used": {
    label: "Recovery Code Used",
    color: "warning",
    resource: "user",
    summary: (d) => `Signed in with a recovery code${typeof d.remaining === "number" ? ` (${d.remaining} left)` : ""}`,
  },
  "event.created": { label: "Event Created", color: "success", resource: "event", planned: true },
  "event.updated": { label: "Event Updated", color: "info", resource: "event", planned: true },
  "event.deleted": { label: "Event Deleted", color: "danger", resource: "event", planned: true },
  "event.merged": { label: "Events Merged", color: "warning", resource: "event", planned: true },
  "apikey.created": { label: "API Key Created", color: "success", resource: "apikey", planned: true },
  "apikey.revoked": { label: "API Key Revoked", color: "danger", resource: "apikey", planned: true },
} as const satisfies Record<string, EventDef>;

export type EventType = keyof typeof EVENT_TYPES;
type Entry = [EventType, EventDef];

const entries = Object.entries(EVENT_TYPES) as Entry[];
export const EVENT_TYPE_NAMES = entries.map(([t]) => t) as [EventType, ...EventType[]];
/** The types this node writes today. */
export const WRITTEN_EVENT_TYPES = entries.filter(([, d]) => !d.planned).map(([t]) => t);
/** The guide's types for features to come: offered as filters only where rows exist. */
export const PLANNED_EVENT_TYPES = entries.filter(([, d]) => d.planned).map(([t]) => t);

export const eventTypeSchema = z.enum(EVENT_TYPE_NAMES);

export function isEventType(t: string): t is EventType {
  return Object.hasOwn(EVENT_TYPES, t);
}

const def = (t: string): EventDef | undefined => (isEventType(t) ? EVENT_TYPES[t] : undefined);

/** The badge colour; an unknown type (a row from a newer version, say) is grey, as in the guide. */
export const eventColor = (t: string) => def(t)?.color ?? "secondary";

export const eventLabel = (t: string) => def(t)?.label ?? t;

/** Who an actor-less row was written by: a visitor ("anonymous") or the node ("system": first-start setup, the CLI). */
export const noActorLabel = (t: string) => (def(t)?.anonymous ? "anonymous" : "system");

export const resourceTypeOf = (t: EventType) => EVENT_TYPES[t].resource;

/** One line a person can read, or null when the type has no summary. */
export function eventSummary(t: string, details: unknown): string | null {
  const summary = def(t)?.summary;
  const d = details && typeof details === "object" && !Array.isArray(details) ? (details as Details) : {};
  return summary ? summary(d) : null;
}

/** The event-type filter's options: every written type, then planned ones that have rows. */
export function eventFilterOptions(plannedWithRows: readonly string[] = []): { value: EventType; label: string }[] {
  return [...WRITTEN_EVENT_TYPES, ...PLANNED_EVENT_TYPES.filter((t) => plannedWithRows.includes(t))].map((t) => ({ value: t, label: EVENT_TYPES[t].label }));
}
