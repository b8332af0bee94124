// What each role may do, in the guide's words ("User Roles"). Isomorphic:
// the invitation email and the admin UI (role pickers, user details) read
// the same lists, so they cannot drift apart.
import type { Role } from "@/lib/schemas/user";

export const ROLE_PERMISSIONS: Record<Role, readonly string[]> = {
  admin: [
    "Full system access",
    "Create, edit, and delete users",
    "Manage all events, places, and organizations",
    "View audit logs",
    "Configure system settings",
  ],
  editor: [
    "Create and edit events, places, and organizations",
    "View own created content",
    "Cannot manage users or system settings",
  ],
  viewer: [
    "Read-only access to the system",
    "Can view events, places, and organizations",
    "Cannot create, edit, or delete any content",
  ],
};

/** One-line summaries for role pickers (the guide's Create User form). */
export const ROLE_SUMMARIES: Record<Role, string> = {
  admin: "Full access",
  editor: "Create and edit events",
  viewer: "Read-only access",
};

/** Caveats the guide states next to a role's permissions. */
export const ROLE_NOTES: Record<Role, string | null> = {
  admin: null,
  editor:
    "Note: editor permissions for event, place and organization management are planned but not yet implemented. Currently editors have read-only access like viewers.",
  viewer: null,
};
