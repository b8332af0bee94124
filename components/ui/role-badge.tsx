import { ROLE_LABELS, STATUS_LABELS, type Role, type UserStatus } from "@/lib/schemas/user";

// The guide's badge colours: Admin red, Editor blue, Viewer grey;
// Pending yellow, Active green, Inactive grey.
const ROLE_CLASS: Record<Role, string> = { admin: "bg-danger", editor: "bg-primary", viewer: "bg-secondary" };
const STATUS_CLASS: Record<UserStatus, string> = { pending: "bg-warning", active: "bg-success", inactive: "bg-secondary" };

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge ${ROLE_CLASS[role]} text-white`}>{ROLE_LABELS[role]}</span>;
}

export function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`badge ${STATUS_CLASS[status]} ${status === "pending" ? "text-dark" : "text-white"}`}>{STATUS_LABELS[status]}</span>;
}
