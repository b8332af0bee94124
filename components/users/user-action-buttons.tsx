"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { IconDots, IconLockOpen } from "@tabler/icons-react";
import { useId, useRef } from "react";
import { LAST_ADMIN_HINT } from "@/lib/schemas/user";
import { useInvitationLink } from "./invitation-link";
import type { UserDto } from "./types";
import { useUserActions } from "./user-actions";

/**
 * What a button the last active admin is not offered carries: aria-disabled
 * rather than disabled, so it still takes hover and focus and shows why (as
 * its tooltip and its accessible description); clicks do nothing.
 */
function guard(blocked: boolean, reasonId: string, onClick: () => void) {
  if (!blocked) return { onClick };
  return { onClick: () => undefined, "aria-disabled": true, title: LAST_ADMIN_HINT, "aria-describedby": reasonId, "data-last-admin": true };
}

type Extra = { label: string; name: string; run: () => void };

/**
 * The guide's state table as buttons: Edit and Delete always; Deactivate and
 * Send Password Reset for active users (Unlock while locked), Activate for
 * inactive ones, Resend Invitation for pending ones (Retry when the email
 * failed; Copy link when email is not configured; Revoke Invitation while
 * their link is open). Each control's accessible name carries the username,
 * so a screen reader hears "Delete alice", not twenty-five "Delete"s.
 *
 * In the users table ("row") the less frequent actions (Send Password Reset,
 * Revoke Invitation) sit in a "More" menu so a row fits the table; the user
 * page ("page") shows every action as a button.
 */
export function UserActionButtons({ user, now, layout = "row" }: { user: UserDto; now?: number; layout?: "row" | "page" }) {
  const a = useUserActions();
  const link = useInvitationLink();
  const busy = a.busyId === user.id || link.busyId === user.id;
  const delivery = user.invitation?.delivery;
  const last = a.lastAdmin(user);
  const reasonId = useId();
  const name = (label: string) => `${label} ${user.username}`;
  const linkOpen = Boolean(user.invitation && (now === undefined || new Date(user.invitation.expires_at).getTime() > now));
  const extras: Extra[] = [
    ...(user.status === "active" ? [{ label: "Send Password Reset", name: name("Send Password Reset to"), run: () => a.sendReset(user) }] : []),
    ...(user.two_factor && user.id !== a.selfId ? [{ label: "Reset Two-Factor", name: name("Reset Two-Factor of"), run: () => a.resetTwoFactor(user) }] : []),
    ...(user.status === "pending" && linkOpen ? [{ label: "Revoke Invitation", name: name("Revoke Invitation of"), run: () => a.revoke(user) }] : []),
  ];
  return (
    <div className={`btn-list${layout === "row" ? " flex-nowrap" : ""}`}>
      <button type="button" className="btn btn-sm" onClick={() => a.edit(user)} aria-label={name("Edit")}>
        Edit
      </button>
      {user.locked_until && (
        <button type="button" className="btn btn-sm" onClick={() => a.unlock(user)} aria-label={name("Unlock")}>
          <IconLockOpen size={16} className="me-1" aria-hidden />
          Unlock
        </button>
      )}
      {user.status === "active" && (
        <button type="button" className="btn btn-sm" aria-label={name("Deactivate")} {...guard(last, reasonId, () => a.deactivate(user))}>
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
      {layout === "page" &&
        extras.map((x) => (
          <button key={x.label} type="button" className="btn btn-sm btn-ghost-secondary" onClick={x.run} aria-label={x.name}>
            {x.label}
          </button>
        ))}
      <button type="button" className="btn btn-sm btn-ghost-danger" aria-label={name("Delete")} {...guard(last, reasonId, () => a.remove(user))}>
        Delete
      </button>
      {layout === "row" && extras.length > 0 && <MoreMenu username={user.username} extras={extras} />}
      {last && (
        <span id={reasonId} className="visually-hidden">
          {LAST_ADMIN_HINT}
        </span>
      )}
    </div>
  );
}

/** The row's "More" menu (Radix: arrow keys, Escape, focus back on its button). */
function MoreMenu({ username, extras }: { username: string; extras: Extra[] }) {
  // The chosen action's dialog opens once the menu has closed and focus is
  // back on the button, so the dialog returns focus there when it closes.
  const chosen = useRef<(() => void) | null>(null);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn btn-sm btn-icon btn-ghost-secondary" aria-label={`More actions for ${username}`} title="More actions">
        <IconDots size={16} aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="dropdown-menu dropdown-menu-end radix-menu"
          side="bottom"
          align="end"
          sideOffset={4}
          collisionPadding={8}
          onCloseAutoFocus={() => {
            const run = chosen.current;
            chosen.current = null;
            if (run) setTimeout(run, 0);
          }}
        >
          {extras.map((x) => (
            <DropdownMenu.Item key={x.label} className="dropdown-item" aria-label={x.name} onSelect={() => (chosen.current = x.run)}>
              {x.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
