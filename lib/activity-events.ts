// Event types of the activity log, their badge colours (the guide's map)
// and a human summary. Isomorphic.

export const EVENT_COLORS: Record<string, string> = {
  "user.login": "success",
  "user.logout": "info",
  "user.login_failed": "danger",
  "event.created": "success",
  "event.updated": "info",
  "event.deleted": "danger",
  "event.merged": "warning",
  "apikey.created": "success",
  "apikey.revoked": "danger",
  "user.created": "success",
  "user.updated": "info",
  "user.deactivated": "warning",
  "user.activated": "success",
  "user.deleted": "danger",
  "user.invitation_resent": "info",
  "user.invitation_accepted": "success",
  "user.password_reset_requested": "warning",
  "user.password_changed": "info",
};

export const eventColor = (t: string) => EVENT_COLORS[t] ?? "secondary";

type Item = { event_type: string; username: string | null; details: unknown };

/** One line a person can read: "Created user jane (editor)". */
export function summarizeEvent(item: Item): string {
  const d = (item.details ?? {}) as Record<string, unknown>;
  const target = typeof d.username === "string" ? d.username : "";
  switch (item.event_type) {
    case "user.login":
      return "Logged in";
    case "user.logout":
      return "Logged out";
    case "user.login_failed":
      return `Failed login${target ? ` as "${target}"` : ""}`;
    case "user.created":
      return `Created user "${target}"${d.role ? ` (${d.role})` : ""}`;
    case "user.updated": {
      const fields = Array.isArray(d.changed_fields) ? d.changed_fields.join(", ") : "";
      const nv = (d.new_values ?? {}) as Record<string, unknown>;
      return `Updated user "${target}"${nv.role ? ` role to ${nv.role}` : fields ? `: ${fields}` : ""}`;
    }
    case "user.deactivated":
      return `Deactivated user "${target}"`;
    case "user.activated":
      return `Activated user "${target}"`;
    case "user.deleted":
      return `Deleted user "${target}"`;
    case "user.invitation_resent":
      return `Resent invitation to "${target}"`;
    case "user.invitation_accepted":
      return "Accepted invitation and set a password";
    default:
      return item.event_type;
  }
}
