"use client";

import { IconPlus, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { toast } from "sonner";
import { useConsoleCommands } from "@/components/shell/console-commands";
import { PageHeader } from "@/components/shell/page-header";
import { useShortcut } from "@/lib/client/shortcuts";
import { useUrlQuery } from "@/lib/client/use-url-query";
import type { UserDto, UserPage } from "./types";
import { UserActionsProvider, useUserActions } from "./user-actions";
import { UsersFilters, type UserFilters } from "./users-filters";
import { UsersPager } from "./users-pager";
import { UsersTable } from "./users-table";

type Props = { page: UserPage | null; error: string | null; filters: UserFilters; selfId: string; activeAdmins: number; now: number };

/** The Users page: header with Create User, filters, table, pager and dialogs. */
export function UsersScreen(props: Props) {
  return (
    <UserActionsProvider selfId={props.selfId} activeAdmins={props.activeAdmins}>
      <UsersScreenBody {...props} />
    </UserActionsProvider>
  );
}

function UsersScreenBody({ page, error, filters, now }: Props) {
  // Create User is the shell's (Ctrl+N and the command palette open it on every page).
  const { createUser } = useConsoleCommands();
  const create = () => createUser?.();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const { update, pending } = useUrlQuery();
  const actions = useUserActions();
  const filtered = Boolean(filters.status || filters.role || filters.search);
  const clear = () => update({ status: null, role: null, search: null });

  useShortcut("shift+r", () => {
    // The focused row first, else the last one focused (a click on a row opens the user).
    const focusedId = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("tr[data-user-id]")?.dataset.userId;
    const user: UserDto | undefined = page?.items.find((u) => u.id === (focusedId ?? selectedId));
    if (!user) return void toast.info("Select a pending user first: focus their row with Tab");
    if (user.status !== "pending") return void toast.info(`${user.username} has no pending invitation to resend`);
    void actions.resend(user);
  });

  const createButton = (
    <button type="button" className="btn btn-primary" onClick={create} aria-keyshortcuts="Control+N">
      <IconPlus size={18} className="icon" aria-hidden />
      Create User
    </button>
  );

  return (
    <>
      <PageHeader pretitle="Administration" title="Users" actions={createButton} />
      <div className="page-body">
        <div className="container-xl">
          <div className="card">
            <div className="card-body border-bottom py-3">
              <UsersFilters filters={filters} onChange={update} />
            </div>
            {error ? (
              <div className="card-body">
                <div className="alert alert-danger mb-3" role="alert">
                  {error}
                </div>
                <button type="button" className="btn" onClick={clear}>
                  Clear filters
                </button>
              </div>
            ) : page && page.items.length > 0 ? (
              <>
                <UsersTable users={page.items} selectedId={selectedId} onSelect={setSelectedId} now={now} pending={pending} />
                <UsersPager page={page} pending={pending} onPage={(patch) => update(patch, { keepCursor: true })} />
              </>
            ) : (
              <EmptyState filtered={filtered} total={page?.total ?? 0} onClear={clear} onFirstPage={() => update({})} onCreate={create} />
            )}
          </div>
        </div>
      </div>
    </>
  );
}

type EmptyProps = { filtered: boolean; total: number; onClear: () => void; onFirstPage: () => void; onCreate: () => void };

function EmptyState({ filtered, total, onClear, onFirstPage, onCreate }: EmptyProps) {
  // Matches exist but this cursor ran past them (users were deleted meanwhile).
  const [title, subtitle, action] =
    total > 0
      ? ["No more users on this page", `${total} ${total === 1 ? "user matches" : "users match"}; go back to the first page.`, <button key="a" type="button" className="btn btn-primary" onClick={onFirstPage}>First page</button>]
      : filtered
        ? ["No users match these filters", "Try another status, role or search, or clear the filters to see everyone.", <button key="a" type="button" className="btn btn-primary" onClick={onClear}>Clear filters</button>]
        : ["No users yet", "Invite the first person to this node: they get an email to set their password.", <button key="a" type="button" className="btn btn-primary" onClick={onCreate}>Create User</button>];
  return (
    <div className="empty" data-testid="users-empty">
      <div className="empty-icon">
        <IconUsers size={48} stroke={1.5} aria-hidden />
      </div>
      <p className="empty-title">{title}</p>
      <p className="empty-subtitle text-secondary">{subtitle}</p>
      <div className="empty-action">{action}</div>
    </div>
  );
}
