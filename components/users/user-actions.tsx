"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { createContext, useContext, useMemo, useState } from "react";
import { toast } from "sonner";
import {
  activateUserAction,
  deactivateUserAction,
  deleteUserAction,
  resendInvitationAction,
  revokeInvitationAction,
  sendPasswordResetAction,
  unlockUserAction,
  resetTwoFactorAction,
} from "@/app/admin/(console)/users/actions";
import { ConfirmDialogs, useConfirmations, type Confirmations } from "@/components/ui/confirm-modal";
import { callAction } from "@/lib/client/call-action";
import { formatDateTime } from "@/lib/format-date";
import type { Result } from "@/lib/result-types";
import { isLastActiveAdmin } from "@/lib/schemas/user";
import type { UserDto } from "./types";
import { UserFormModal } from "./user-form-modal";

type Api = {
  edit: (u: UserDto) => void;
  deactivate: (u: UserDto) => void;
  activate: (u: UserDto) => Promise<void>;
  remove: (u: UserDto) => void;
  resend: (u: UserDto) => Promise<void>;
  unlock: (u: UserDto) => void;
  resetTwoFactor: (u: UserDto) => void;
  sendReset: (u: UserDto) => void;
  revoke: (u: UserDto) => void;
  /** Whether the user is the only active admin: what would remove them is not offered. */
  lastAdmin: (u: UserDto) => boolean;
  /** The user an immediate action (activate, resend) is running for. */
  busyId: string | null;
  selfId: string;
};

const Ctx = createContext<Api | null>(null);

export function useUserActions(): Api {
  const api = useContext(Ctx);
  if (!api) throw new Error("useUserActions needs a <UserActionsProvider>");
  return api;
}

type ConfirmKind = "deactivate" | "delete" | "unlock" | "reset2fa" | "reset" | "revoke";
type Confirm = { kind: ConfirmKind; user: UserDto };

/** What a confirmed action came to: the toast's message (and whether we deleted ourselves), or the failure. */
type Outcome = { ok: true; message: string; self?: boolean } | { ok: false; message: string };

const outcome = (r: Result<unknown>, message: string): Outcome => (r.ok ? { ok: true, message } : r);
const serverMessage = (r: Result<{ message: string }>): Outcome => (r.ok ? { ok: true, message: r.data.message } : r);

// Each confirmation: its dialog, and the action it confirms.
const RUN: Record<ConfirmKind, (u: UserDto) => Promise<Outcome>> = {
  deactivate: async (u) => outcome(await callAction(deactivateUserAction, u.id), `${u.username} was deactivated`),
  delete: async (u) => {
    const r = await callAction(deleteUserAction, u.id);
    return r.ok ? { ok: true, message: `${u.username} was deleted`, self: "self" in r.data && r.data.self } : r;
  },
  unlock: async (u) => outcome(await callAction(unlockUserAction, u.id), `${u.username} is unlocked and can log in again`),
  reset2fa: async (u) => outcome(await callAction(resetTwoFactorAction, u.id), `Two-factor authentication of ${u.username} was reset`),
  reset: async (u) => serverMessage(await callAction(sendPasswordResetAction, u.id)),
  revoke: async (u) => serverMessage(await callAction(revokeInvitationAction, u.id)),
};

const confirmations = (selfId: string): Confirmations<Confirm> => ({
  deactivate: {
    tone: "warning",
    title: "Deactivate User?",
    confirmLabel: "Deactivate",
    testId: "deactivate-modal",
    body: ({ user }) => (
      <>
        <strong>{user.username}</strong> will no longer be able to log in. You can reactivate them later.
      </>
    ),
  },
  delete: {
    tone: "danger",
    title: "Delete User?",
    confirmLabel: "Delete User",
    testId: "delete-modal",
    body: ({ user }) => (
      <>
        This will permanently remove <strong>{user.username}</strong> from the system. This action cannot be undone, but activity logs will be preserved.
        {user.id === selfId && <div className="text-danger fw-bold mt-2">Deleting yourself will log you out immediately.</div>}
      </>
    ),
  },
  unlock: {
    tone: "warning",
    title: "Unlock User?",
    confirmLabel: "Unlock",
    testId: "unlock-modal",
    body: ({ user }) => (
      <>
        <strong>{user.username}</strong> is locked
        {user.locked_until ? ` until ${formatDateTime(user.locked_until)}` : ""} after too many failed logins. Unlocking lets anyone with the password log in now and resets the failure count; if someone is guessing the password, consider sending a password reset instead.
      </>
    ),
  },
  reset2fa: {
    tone: "danger",
    title: "Reset Two-Factor Authentication?",
    confirmLabel: "Reset Two-Factor",
    testId: "reset-2fa-modal",
    body: ({ user }) => (
      <>
        <strong>{user.username}</strong>&apos;s authenticator app and recovery codes stop working: they sign in with their password alone and must set up two-factor authentication again. Do this only when you are sure it is them asking (a lost phone and lost recovery codes).
      </>
    ),
  },
  reset: {
    tone: "warning",
    title: "Send Password Reset?",
    confirmLabel: "Send Reset Link",
    testId: "send-reset-modal",
    body: ({ user }) => (
      <>
        <strong>{user.username}</strong> gets an email at <strong>{user.email}</strong> with a link to choose a new password (valid for one hour). Their current password keeps working until the link is used; any older reset link stops working.
      </>
    ),
  },
  revoke: {
    tone: "danger",
    title: "Revoke Invitation?",
    confirmLabel: "Revoke Invitation",
    testId: "revoke-invitation-modal",
    body: ({ user }) => (
      <>
        The invitation link sent to <strong>{user.email}</strong> stops working at once. <strong>{user.username}</strong> stays pending without a link until you resend the invitation or delete the user.
      </>
    ),
  },
});

type ProviderProps = {
  selfId: string;
  /** Active admins right now (user_counts): with one, that admin cannot be deactivated, deleted or demoted. */
  activeAdmins: number;
  onDeleted?: (u: UserDto) => void;
  children: React.ReactNode;
};

/**
 * The state-table actions on one user, shared by the list and the detail
 * page: owns the Edit, Deactivate, Delete, Unlock, Send password reset and
 * Revoke invitation dialogs, calls the server actions, reports with toasts
 * and re-renders the page from the server.
 */
export function UserActionsProvider({ selfId, activeAdmins, onDeleted, children }: ProviderProps) {
  const router = useRouter();
  const [editing, setEditing] = useState<UserDto | null>(null);
  const confirm = useConfirmations<Confirm>();
  const [busyId, setBusyId] = useState<string | null>(null);
  const ask = confirm.open;

  const api = useMemo<Api>(
    () => ({
      selfId,
      busyId,
      lastAdmin: (u) => isLastActiveAdmin(u, activeAdmins),
      edit: (u) => setEditing(u),
      deactivate: (u) => ask({ kind: "deactivate", user: u }),
      remove: (u) => ask({ kind: "delete", user: u }),
      unlock: (u) => ask({ kind: "unlock", user: u }),
      resetTwoFactor: (u) => ask({ kind: "reset2fa", user: u }),
      sendReset: (u) => ask({ kind: "reset", user: u }),
      revoke: (u) => ask({ kind: "revoke", user: u }),
      // Activating is harmless and undoable: no confirmation, just a toast.
      activate: async (u) => {
        if (busyId) return;
        setBusyId(u.id);
        const r = await callAction(activateUserAction, u.id);
        setBusyId(null);
        if (!r.ok) return void toast.error(r.message);
        toast.success(`${u.username} is active again`);
        router.refresh();
      },
      // A held-down Shift+R must not send a burst of invitations.
      resend: async (u) => {
        if (busyId) return;
        setBusyId(u.id);
        const r = await callAction(resendInvitationAction, u.id);
        setBusyId(null);
        if (!r.ok) return void toast.error(r.message);
        toast.success(r.data.message);
        router.refresh();
      },
    }),
    [selfId, busyId, router, activeAdmins, ask],
  );

  async function onConfirm() {
    if (!confirm.dialog) return;
    const { kind, user } = confirm.dialog;
    confirm.setBusy(true);
    confirm.setError(null);
    const r = await RUN[kind](user);
    if (!r.ok) {
      confirm.setBusy(false);
      confirm.setError(r.message);
      return;
    }
    if (r.self) {
      // Our own account is gone: the session is dead, leave at once.
      // The account is gone whether or not the sign-out request gets through.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: nothing of the dead session's client state may survive
      await signOut({ callbackUrl: "/admin/login" }).catch(() => window.location.assign("/admin/login"));
      return;
    }
    confirm.setBusy(false);
    confirm.close();
    toast.success(r.message);
    if (kind === "delete" && onDeleted) onDeleted(user);
    else router.refresh();
  }

  return (
    <Ctx.Provider value={api}>
      {children}
      <UserFormModal open={editing !== null} user={editing} lastAdmin={editing ? api.lastAdmin(editing) : false} onClose={() => setEditing(null)} />
      <ConfirmDialogs confirmations={confirmations(selfId)} state={confirm} onConfirm={onConfirm} />
    </Ctx.Provider>
  );
}
