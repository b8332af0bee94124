import type { Permission } from "@/lib/roles";

// The console's sections and the permission each needs: the app shell's
// navigation shows a role the sections it may open, and proxy.ts answers the
// others with a 403. Isomorphic (proxy.ts runs it on the edge).
export const SECTIONS = [
  { href: "/admin", label: "Dashboard", permission: "dashboard:read", exact: true },
  { href: "/admin/users", label: "Users", permission: "users:read" },
  { href: "/admin/activity", label: "Activity", permission: "activity:read" },
] as const satisfies readonly { href: string; label: string; permission: Permission; exact?: true }[];

/** The section a console path belongs to, if any. */
export function sectionOf(pathname: string): (typeof SECTIONS)[number] | undefined {
  return SECTIONS.find((s) => ("exact" in s ? pathname === s.href : pathname === s.href || pathname.startsWith(`${s.href}/`)));
}
