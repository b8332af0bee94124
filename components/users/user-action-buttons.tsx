"use client";

import { useInvitationLink } from "./invitation-link";
import type { UserDto } from "./types";
import { useUserActions } from "./user-actions";

/**
 * The guide's state table as buttons: Edit and Delete always; Deactivate for
 * active users, Activate for inactive ones, Resend Invitation for pending ones
 * (Retry when the email failed; Copy link when email is not configured).
 * Each button's accessible name carries the username, so a screen reader
 * hears "Delete alice", not twenty-five "Delete"s.
 */
export function UserActionButtons({ user }: { user: UserDto }) {
  const a = useUserActions();
  const link = useInvitationLink();
  const busy = a.busyId === user.id || link.busyId === user.id;
  const delivery = user.invitation?.delivery;
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
      {user.status === "pending" && delivery === "not_sent" && (
        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void link.copy(user)} disabled={busy} aria-label={name("Copy the invitation link of")}>
          Copy link
        </button>
      )}
      {user.status === "pending" && delivery === "failed" && (
        <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => void a.resend(user)} disabled={busy} aria-label={name("Retry the invitation email to")}>
          Retry
        </button>
      )}
      {user.status === "pending" && delivery !== "not_sent" && delivery !== "failed" && (
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
