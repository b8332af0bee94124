// Pure role -> permission map (no server imports, unit-tested).
// Editors are read-only for now, as the guide says; content permissions
// arrive with the events features.

import type { Role } from "@/lib/schemas/user";

export const PERMISSIONS = {
  "dashboard:read": ["admin", "editor", "viewer"],
  "users:read": ["admin"],
  "users:write": ["admin"],
  "activity:read": ["admin"],
  "activity:read_own": ["admin", "editor", "viewer"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}
