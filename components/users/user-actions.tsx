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
} from "@/app/admin/(console)/users/actions";
import { ConfirmModal } from "@/components/ui/confirm-modal";
import { callAction } from "@/lib/client/call-action";
import { formatDateTime } from "@/lib/format-date";
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

type Kind = "edit" | "deactivate" | "delete" | "unlock" | "reset" | "revoke";
type Dialog = { kind: Kind; user: UserDto } | null;

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
  const [dialog, setDialog] = useState<Dialog>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const open = (kind: NonNullable<Dialog>["kind"], user: UserDto) => {
    setError(null);
    setDialog({ kind, user });
  };
  const close = () => setDialog(null);

  const api = useMemo<Api>(
    () => ({
      selfId,
      busyId,
      lastAdmin: (u) => isLastActiveAdmin(u, activeAdmins),
      edit: (u) => open("edit", u),
      deactivate: (u) => open("deactivate", u),
      remove: (u) => open("delete", u),
      unlock: (u) => open("unlock", u),
      sendReset: (u) => open("reset", u),
      revoke: (u) => open("revoke", u),
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
    [selfId, busyId, router, activeAdmins],
  );

  // The confirmed actions besides Delete and Deactivate, as what the toast says.
  async function securityAction(kind: "unlock" | "reset" | "revoke", u: UserDto): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
    if (kind === "unlock") {
      const r = await callAction(unlockUserAction, u.id);
      return r.ok ? { ok: true, message: `${u.username} is unlocked and can log in again` } : r;
    }
    const r = kind === "reset" ? await callAction(sendPasswordResetAction, u.id) : await callAction(revokeInvitationAction, u.id);
    return r.ok ? { ok: true, message: r.data.message } : r;
  }

  async function confirm() {
    if (!dialog) return;
    const { kind, user } = dialog;
    setConfirming(true);
    setError(null);
    if (kind === "unlock" || kind === "reset" || kind === "revoke") {
      const done = await securityAction(kind, user);
      setConfirming(false);
      if (!done.ok) return setError(done.message);
      setDialog(null);
      toast.success(done.message);
      router.refresh();
      return;
    }
    const r = kind === "delete" ? await callAction(deleteUserAction, user.id) : await callAction(deactivateUserAction, user.id);
    if (!r.ok) {
      setConfirming(false);
      setError(r.message);
      return;
    }
    if (kind === "delete" && "self" in r.data && r.data.self) {
      // Our own account is gone: the session is dead, leave at once.
      // The account is gone whether or not the sign-out request gets through.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load on purpose: nothing of the dead session's client state may survive
      await signOut({ callbackUrl: "/admin/login" }).catch(() => window.location.assign("/admin/login"));
      return;
    }
    setConfirming(false);
    setDialog(null);
    toast.success(kind === "delete" ? `${user.username} was deleted` : `${user.username} was deactivated`);
    if (kind === "delete" && onDeleted) onDeleted(user);
    else router.refresh();
  }

  const target = dialog?.user;
  return (
    <Ctx.Provider value={api}>
      {children}
      <UserFormModal open={dialog?.kind === "edit"} user={dialog?.kind === "edit" ? target : null} lastAdmin={dialog?.kind === "edit" && target ? api.lastAdmin(target) : false} onClose={close} />
      <ConfirmModal
        open={dialog?.kind === "deactivate"}
        onClose={close}
        onConfirm={confirm}
        tone="warning"
        title="Deactivate User?"
        confirmLabel="Deactivate"
        busy={confirming}
        error={error}
        testId="deactivate-modal"
      >
        <strong>{target?.username}</strong> will no longer be able to log in. You can reactivate them later.
      </ConfirmModal>
      <ConfirmModal
        open={dialog?.kind === "delete"}
        onClose={close}
        onConfirm={confirm}
        tone="danger"
        title="Delete User?"
        confirmLabel="Delete User"
        busy={confirming}
        error={error}
        testId="delete-modal"
      >
        This will permanently remove <strong>{target?.username}</strong> from the system. This action cannot be undone, but activity logs will be preserved.
        {target?.id === selfId && <div className="text-danger fw-bold mt-2">Deleting yourself will log you out immediately.</div>}
      </ConfirmModal>
      <ConfirmModal
        open={dialog?.kind === "unlock"}
        onClose={close}
        onConfirm={confirm}
        tone="warning"
        title="Unlock User?"
        confirmLabel="Unlock"
        busy={confirming}
        error={error}
        testId="unlock-modal"
      >
        <strong>{target?.username}</strong> is locked
        {target?.locked_until ? ` until ${formatDateTime(target.locked_until)}` : ""} after too many failed logins. Unlocking lets anyone with the password log in now and resets the failure count; if someone is guessing the password, consider sending a password reset instead.
      </ConfirmModal>
      <ConfirmModal
        open={dialog?.kind === "reset"}
        onClose={close}
        onConfirm={confirm}
        tone="warning"
        title="Send Password Reset?"
        confirmLabel="Send Reset Link"
        busy={confirming}
        error={error}
        testId="send-reset-modal"
      >
        <strong>{target?.username}</strong> gets an email at <strong>{target?.email}</strong> with a link to choose a new password (valid for one hour). Their current password keeps working until the link is used; any older reset link stops working.
      </ConfirmModal>
      <ConfirmModal
        open={dialog?.kind === "revoke"}
        onClose={close}
        onConfirm={confirm}
        tone="danger"
        title="Revoke Invitation?"
        confirmLabel="Revoke Invitation"
        busy={confirming}
        error={error}
        testId="revoke-invitation-modal"
      >
        The invitation link sent to <strong>{target?.email}</strong> stops working at once. <strong>{target?.username}</strong> stays pending without a link until you resend the invitation or delete the user.
      </ConfirmModal>
    </Ctx.Provider>
  );
}
