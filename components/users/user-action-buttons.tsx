"use client";

import type { UserDto } from "./types";
import { useUserActions } from "./user-actions";

/**
 * The guide's state table as buttons: Edit and Delete always; Deactivate for
 * active users, Activate for inactive ones, Resend Invitation for pending ones.
 * Each button's accessible name carries the username, so a screen reader
 * hears "Delete alice", not twenty-five "Delete"s.
 */
export function UserActionButtons({ user }: { user: UserDto }) {
  const a = useUserActions();
  const busy = a.busyId === user.id;
  const name = (label: string) => `${label} ${user.username}`;
  return (
    <div className="btn-list flex-nowrap">
      <button type="button" className="btn btn-sm" onClick={() => a.edit(user)} aria-label={name("Edit")}>
        Edit
      </button>
      {user.status === "active" && (
        <button type="button" className="btn btn-sm" onClick={() => a.deactivate(user)} aria-label={name("Deactivate")}>
          Deactivate
        </button>
      )}
      {user.status === "inactive" && (
        <button type="button" className="btn btn-sm" onClick={() => void a.activate(user)} disabled={busy} aria-label={name("Activate")}>
          Activate
        </button>
      )}
      {user.status === "pending" && (
        <button type="button" className="btn btn-sm btn-ghost-secondary" onClick={() => void a.resend(user)} disabled={busy} aria-label={name("Resend Invitation to")}>
          Resend Invitation
        </button>
      )}
      <button type="button" className="btn btn-sm btn-ghost-danger" onClick={() => a.remove(user)} aria-label={name("Delete")}>
        Delete
      </button>
    </div>
  );
}
