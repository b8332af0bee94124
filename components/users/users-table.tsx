"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { RelativeTime } from "@/components/ui/relative-time";
import { RoleBadge, StatusBadge } from "@/components/ui/role-badge";
import { formatDate, formatDateTime } from "@/lib/format-date";
import { InvitationStatus } from "./invitation-status";
import { LockStatus } from "./lock-status";
import type { UserDto } from "./types";
import { UserActionButtons } from "./user-action-buttons";

type Props = {
  users: UserDto[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number;
  pending: boolean;
};

/** A click on a control inside the row is that control's, not the row's. */
const INTERACTIVE = "a, button, input, select, textarea, label, [role=menu], [role=menuitem], [data-radix-popper-content-wrapper]";

/**
 * The guide's user list table. A click anywhere on a row opens the user
 * (except on its buttons and menus); rows are focusable, a focused row is
 * the one row shortcuts (Shift+R) act on, and Enter on it opens the user.
 * On phones each row is a card (.table-stack in globals.css): name and
 * email, then badges, then the actions, nothing cut off.
 */
export function UsersTable({ users, selectedId, onSelect, now, pending }: Props) {
  const router = useRouter();
  return (
    <div className="table-responsive">
      <table className="table table-vcenter card-table table-stack" aria-busy={pending} style={pending ? { opacity: 0.6, transition: "opacity .15s" } : undefined}>
        <thead>
          <tr>
            <th>Username</th>
            <th className="d-none d-lg-table-cell">Email</th>
            <th>Role</th>
            <th>Status</th>
            <th className="d-none d-xxl-table-cell">Created</th>
            <th className="d-none d-sm-table-cell">Last Active</th>
            <th className="w-1">Actions</th>
          </tr>
        </thead>
        <tbody id="users-table">
          {users.map((u) => (
            <tr
              key={u.id}
              tabIndex={0}
              data-user-id={u.id}
              data-testid="user-row"
              data-selected={u.id === selectedId || undefined}
              className="cursor-pointer"
              onClick={(e) => {
                onSelect(u.id);
                const target = e.target as Element;
                // Only a click that lands on the row itself, not on a control or a portal's content.
                if (!e.currentTarget.contains(target) || target.closest(INTERACTIVE)) return;
                if (window.getSelection()?.toString()) return; // selecting text to copy is not opening
                router.push(`/admin/users/${u.id}`);
              }}
              onFocus={(e) => e.target === e.currentTarget && onSelect(u.id)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && e.target === e.currentTarget) router.push(`/admin/users/${u.id}`);
              }}
            >
              {/* A stripe, not a tinted background: tinted rows drop the text below AA contrast. */}
              <td className="text-nowrap users-name" style={u.id === selectedId ? { boxShadow: "inset 3px 0 0 var(--tblr-primary)" } : undefined}>
                <Link href={`/admin/users/${u.id}`} className="fw-medium">
                  {u.username}
                </Link>
                {/* Narrow screens drop the Email column; the address moves under the name. */}
                <div className="text-secondary small d-lg-none text-break">{u.email}</div>
              </td>
              <td className="text-secondary d-none d-lg-table-cell">{u.email}</td>
              <td className="stack-inline">
                <RoleBadge role={u.role} />
                {u.two_factor && (
                  <span className="badge bg-success-lt ms-1" title="Signs in with two-factor authentication" data-testid="two-factor-badge">
                    2FA
                  </span>
                )}
              </td>
              <td className="stack-inline">
                <StatusBadge status={u.status} />
                <LockStatus user={u} />
                <InvitationStatus user={u} now={now} />
              </td>
              <td className="text-secondary text-nowrap d-none d-xxl-table-cell">
                <time dateTime={u.created_at} title={formatDateTime(u.created_at)}>
                  {formatDate(u.created_at)}
                </time>
              </td>
              <td className="text-secondary text-nowrap d-none d-sm-table-cell">
                <RelativeTime iso={u.last_active_at} />
              </td>
              <td className="users-actions">
                <UserActionButtons user={u} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
