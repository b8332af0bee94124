"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId } from "react";
import { toast } from "sonner";
import { createUserAction, updateUserAction } from "@/app/admin/(console)/users/actions";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { Modal } from "@/components/ui/modal";
import { callAction } from "@/lib/client/call-action";
import { applyServerError, useZodForm } from "@/lib/client/form";
import { useShortcut } from "@/lib/client/shortcuts";
import { DEFAULT_ROLE, ROLE_NAMES, ROLES } from "@/lib/roles";
import { createUserSchema, LAST_ADMIN_HINT } from "@/lib/schemas/user";
import { useInvitationLink } from "./invitation-link";
import type { UserDto } from "./types";

// Edit sends every field, so the create schema (all required) validates both
// forms in the browser; the server's partial-update schema still applies.

// The least privilege first: it is the default choice.
const ROLE_ORDER = [...ROLE_NAMES].reverse();

type Props = {
  open: boolean;
  onClose: () => void;
  /** Edit this user; without it the form creates one. */
  user?: UserDto | null;
  /** The user is the only active admin: the role stays (the server refuses a demotion anyway). */
  lastAdmin?: boolean;
};

/** The guide's Create New User and Edit User modals (one form, two modes). */
export function UserFormModal({ open, onClose, user, lastAdmin = false }: Props) {
  const router = useRouter();
  const invitationLink = useInvitationLink();
  const formId = useId();
  const editing = Boolean(user);
  const form = useZodForm(createUserSchema, { defaultValues: { username: "", email: "", role: DEFAULT_ROLE } });
  const { register, formState, reset, handleSubmit } = form;
  const errors = formState.errors;

  useEffect(() => {
    if (!open) return;
    reset(user ? { username: user.username, email: user.email, role: user.role } : { username: "", email: "", role: DEFAULT_ROLE });
  }, [open, user, reset]);

  const submit = handleSubmit(async (values) => {
    const r = user ? await callAction(updateUserAction, user.id, values) : await callAction(createUserAction, values);
    if (r.ok) {
      const created = r.data;
      if (user) toast.success(`Changes to ${created.username} saved`);
      else if (created.invitation?.delivery === "not_sent")
        // Nothing will be emailed (EMAIL_PROVIDER=log): say so, and offer the link.
        toast.warning(`${created.username} created. Email is not configured: copy the invitation link`, {
          duration: 20_000,
          action: { label: "Copy link", onClick: () => void invitationLink.copy(created) },
        });
      else toast.success(`${created.username} created: invitation queued for ${created.email}`);
      onClose();
      router.refresh();
      return;
    }
    applyServerError(form, r);
  });

  // "Save the open form" works while typing in its inputs.
  useShortcut("mod+s", () => void submit(), { allowInInputs: true, inModal: true, enabled: open });

  const busy = formState.isSubmitting;
  return (
    <Modal
      open={open}
      onClose={busy ? () => undefined : onClose}
      title={editing ? "Edit User" : "Create New User"}
      onSubmit={(e) => void submit(e)}
      formId={formId}
      testId={editing ? "edit-user-modal" : "create-user-modal"}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <SubmitButton busy={busy}>{editing ? "Save Changes" : "Create & Send Invitation"}</SubmitButton>
        </>
      }
    >
      <div className="modal-body">
        <FormAlert message={errors.root?.server?.message} />
        {user && (
          <FormField label="User ID" hint="Immutable identifier" required={false}>
            {({ className, ...c }) => <input {...c} type="text" className={`${className} font-monospace`} value={user.id} disabled readOnly />}
          </FormField>
        )}
        <FormField label="Username" error={errors.username?.message} hint={editing ? undefined : "3-50 characters: letters, digits, . _ -"}>
          {(c) => <input {...c} type="text" autoComplete="off" spellCheck={false} {...register("username")} />}
        </FormField>
        <FormField label="Email" error={errors.email?.message} hint={editing ? undefined : "Invitation will be sent to this address"}>
          {(c) => <input {...c} type="email" autoComplete="off" spellCheck={false} {...register("email")} />}
        </FormField>
        <FormField label="Role" error={errors.role?.message} kind="select" hint={lastAdmin ? LAST_ADMIN_HINT : undefined}>
          {(c) =>
            lastAdmin && user ? (
              // Not registered: the form keeps the role it was reset with.
              <select {...c} value={user.role} disabled title={LAST_ADMIN_HINT} data-last-admin>
                <option value={user.role}>{ROLES[user.role].label}</option>
              </select>
            ) : (
              <select {...c} {...register("role")}>
                {ROLE_ORDER.map((r) => (
                  <option key={r} value={r}>
                    {editing ? ROLES[r].label : `${ROLES[r].label} - ${ROLES[r].hint}`}
                  </option>
                ))}
              </select>
            )
          }
        </FormField>
      </div>
    </Modal>
  );
}
