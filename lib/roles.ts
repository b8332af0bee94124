// Every role, in one place: how the console names and colours it, the
// one-line hint of the role pickers, what it may do in the guide's words
// ("User Roles"), and the permissions the services check. Isomorphic and
// pure: the role pickers, badges, welcome modal, app shell, proxy.ts, the
// invitation email, the zod schemas and authorize() all read this list, and
// the migrator copies the names into the database's `roles` table (which
// users.role references). Adding a role is one entry here.

type RoleDef = {
  label: string;
  /** Tabler badge class (the guide: Admin red, Editor blue, Viewer grey). */
  badge: string;
  /** One line for role pickers (the guide's Create User form). */
  hint: string;
  /** What the role may do, as the invitation email and the guide list it. */
  permissions: readonly string[];
  /** A caveat the guide states next to the role's permissions. */
  note: string | null;
  /** What authorize() lets the role do. */
  grants: readonly string[];
  /** Held to REQUIRE_2FA_FOR_ADMINS: without a second factor, only My account works. */
  twoFactorPolicy?: true;
};

// Most privileged first (pickers that default to the least privilege reverse it).
export const ROLES = {
  admin: {
    label: "Admin",
    badge: "bg-danger",
    hint: "Full access",
    permissions: [
      "Full system access",
      "Create, edit, and delete users",
      "Manage all events, places, and organizations",
      "View audit logs",
      "Configure system settings",
    ],
    note: null,
    grants: ["dashboard:read", "account:manage", "users:read", "users:write", "activity:read", "activity:read_own", "activity:verify", "api:docs"],
    twoFactorPolicy: true,
  },
  editor: {
    label: "Editor",
    badge: "bg-primary",
    hint: "Create and edit events",
    permissions: ["Create and edit events, places, and organizations", "View own created content", "Cannot manage users or system settings"],
    note: "Note: editor permissions for event, place and organization management are planned but not yet implemented. Currently editors have read-only access like viewers.",
    // Read-only like viewers for now, as the guide says; content permissions arrive with the events features.
    grants: ["dashboard:read", "account:manage", "activity:read_own"],
  },
  viewer: {
    label: "Viewer",
    badge: "bg-secondary",
    hint: "Read-only access",
    permissions: ["Read-only access to the system", "Can view events, places, and organizations", "Cannot create, edit, or delete any content"],
    note: null,
    grants: ["dashboard:read", "account:manage", "activity:read_own"],
  },
} as const satisfies Record<string, RoleDef>;

export type Role = keyof typeof ROLES;
export type Permission = (typeof ROLES)[Role]["grants"][number];

export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/** What a new user gets when nobody picks a role: the least privilege (also the database column's default). */
export const DEFAULT_ROLE = "viewer" satisfies Role;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && Object.hasOwn(ROLES, value);
}

/** A role read from the database; one the registry no longer has is a bug, not a user error. */
export function roleOf(value: string): Role {
  if (!isRole(value)) throw new Error(`role "${value}" is not in the role registry (lib/roles.ts)`);
  return value;
}

/** Whether a role may do something. An unknown role (a stale cookie claim) may do nothing. */
export function can(role: string, permission: Permission): boolean {
  return isRole(role) && (ROLES[role].grants as readonly string[]).includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLES[role].grants];
}

/** "admin, editor or viewer", for messages that name every role. */
export function roleList(): string {
  return ROLE_NAMES.length < 2 ? ROLE_NAMES.join("") : `${ROLE_NAMES.slice(0, -1).join(", ")} or ${ROLE_NAMES[ROLE_NAMES.length - 1]}`;
}

/** Whether the node's two-factor policy (REQUIRE_2FA_FOR_ADMINS) covers the role. */
export function twoFactorPolicyCovers(role: string): boolean {
  return isRole(role) && (ROLES[role] as RoleDef).twoFactorPolicy === true;
}
