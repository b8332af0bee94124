import { can, ROLE_NAMES, ROLES, type Permission } from "@/lib/roles";

// The console's sections and the permission each needs: the app shell shows
// a role the sections it may open (the main navigation, or the user menu for
// the person's own pages), and proxy.ts answers the others with a 403.
// Isomorphic (proxy.ts runs it on the edge).
export const SECTIONS = [
  { href: "/admin", label: "Dashboard", permission: "dashboard:read", exact: true, place: "nav", summary: "View system statistics and recent activity" },
  { href: "/admin/users", label: "Users", permission: "users:read", place: "nav", summary: "Manage admin accounts: invite, edit, deactivate, delete" },
  { href: "/admin/activity", label: "Activity", permission: "activity:read", place: "nav", summary: "Read and export the audit log of everything that happened" },
  { href: "/admin/api-docs", label: "API", permission: "api:docs", place: "nav", summary: "Read the REST API's reference, generated from its OpenAPI description" },
  { href: "/admin/account", label: "My account", permission: "account:manage", place: "user-menu", summary: "Change your password and end your other sessions" },
] as const satisfies readonly { href: string; label: string; permission: Permission; exact?: true; place: "nav" | "user-menu"; summary: string }[];

export type Section = (typeof SECTIONS)[number];

/** The section a console path belongs to, if any. */
export function sectionOf(pathname: string): Section | undefined {
  return SECTIONS.find((s) => ("exact" in s ? pathname === s.href : pathname === s.href || pathname.startsWith(`${s.href}/`)));
}

/** The sections a role may open in one place of the shell. */
export function sectionsFor(role: string, place: Section["place"]): Section[] {
  return SECTIONS.filter((s) => s.place === place && can(role, s.permission));
}

/** The sections a role may open, wherever the shell shows them (the welcome modal lists them all). */
export function openSections(role: string): Section[] {
  return SECTIONS.filter((s) => can(role, s.permission));
}

/** "[Admin only]" for a permission only admins hold (the guide's mark), null when every role holds it. */
export function onlyMark(permission: Permission): string | null {
  const holders = ROLE_NAMES.filter((r) => can(r, permission));
  return holders.length === ROLE_NAMES.length ? null : `[${holders.map((r) => ROLES[r].label).join(", ")} only]`;
}
