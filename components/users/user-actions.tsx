"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { createContext, useContext, useMemo, useState } from "react";
import { toast } from "sonner";
import { activateUserAction, deactivateUserAction, deleteUserAction, resendInvitationAction } from "@/app/admin/(console)/users/actions";
import { ConfirmModal } from "@/components/ui/confirm-modal";
import { callAction } from "@/lib/client/call-action";
import type { UserDto } from "./types";
import { UserFormModal } from "./user-form-modal";

type Api = {
  edit: (u: UserDto) => void;
  deactivate: (u: UserDto) => void;
  activate: (u: UserDto) => Promise<void>;
  remove: (u: UserDto) => void;
  resend: (u: UserDto) => Promise<void>;
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

type Dialog = { kind: "edit" | "deactivate" | "delete"; user: UserDto } | null;

/**
 * The state-table actions on one user, shared by the list and the detail
 * page: owns the Edit, Deactivate and Delete dialogs, calls the server
 * actions, reports with toasts and re-renders the page from the server.
 */
export function UserActionsProvider({ selfId, onDeleted, children }: { selfId: string; onDeleted?: (u: UserDto) => void; children: React.ReactNode }) {
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
      edit: (u) => open("edit", u),
      deactivate: (u) => open("deactivate", u),
      remove: (u) => open("delete", u),
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
    [selfId, busyId, router],
  );

  async function confirm() {
    if (!dialog) return;
    const { kind, user } = dialog;
    setConfirming(true);
    setError(null);
    const r = kind === "delete" ? await callAction(deleteUserAction, user.id) : await callAction(deactivateUserAction, user.id);
    if (!r.ok) {
      setConfirming(false);
      setError(r.message);
      return;
    }
    if (kind === "delete" && "self" in r.data && r.data.self) {
      // Our own account is gone: the session is dead, leave at once.
      // The account is gone whether or not the sign-out request gets through.
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
      <UserFormModal open={dialog?.kind === "edit"} user={dialog?.kind === "edit" ? target : null} onClose={close} />
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
    </Ctx.Provider>
  );
}
