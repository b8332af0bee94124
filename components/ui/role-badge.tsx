import { ROLES, type Role } from "@/lib/roles";
import { STATUS_LABELS, type UserStatus } from "@/lib/schemas/user";

// The guide's badge colours: roles from the role registry; Pending yellow,
// Active green, Inactive grey.
const STATUS_CLASS: Record<UserStatus, string> = { pending: "bg-warning", active: "bg-success", inactive: "bg-secondary" };

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge ${ROLES[role].badge} text-white`}>{ROLES[role].label}</span>;
}

// White on Tabler's green or yellow is below WCAG AA (2.7:1, 2.1:1); dark text passes.
export function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`badge ${STATUS_CLASS[status]} ${status === "inactive" ? "text-white" : "text-dark"}`}>{STATUS_LABELS[status]}</span>;
}
