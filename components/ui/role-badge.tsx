import { ROLE_LABELS, STATUS_LABELS, type Role, type UserStatus } from "@/lib/schemas/user";

// The guide's badge colours: Admin red, Editor blue, Viewer grey;
// Pending yellow, Active green, Inactive grey.
const ROLE_CLASS: Record<Role, string> = { admin: "bg-danger", editor: "bg-primary", viewer: "bg-secondary" };
const STATUS_CLASS: Record<UserStatus, string> = { pending: "bg-warning", active: "bg-success", inactive: "bg-secondary" };

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge ${ROLE_CLASS[role]} text-white`}>{ROLE_LABELS[role]}</span>;
}

// White on Tabler's green or yellow is below WCAG AA (2.7:1, 2.1:1); dark text passes.
export function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`badge ${STATUS_CLASS[status]} ${status === "inactive" ? "text-white" : "text-dark"}`}>{STATUS_LABELS[status]}</span>;
}
