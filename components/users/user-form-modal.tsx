"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { createUserAction, updateUserAction } from "@/app/admin/(console)/users/actions";
import { Modal } from "@/components/ui/modal";
import { useShortcut } from "@/lib/client/shortcuts";
import { DEFAULT_ROLE, ROLE_NAMES, ROLES } from "@/lib/roles";
import { createUserSchema } from "@/lib/schemas/user";
import type { UserDto } from "./types";

// Edit sends every field, so the create schema (all required) validates both
// forms in the browser; the server's partial-update schema still applies.
type Values = z.input<typeof createUserSchema>;
type Output = z.output<typeof createUserSchema>;
const FIELDS = ["username", "email", "role"] as const;

// The least privilege first: it is the default choice.
const ROLE_ORDER = [...ROLE_NAMES].reverse();

type FieldProps = { label: string; error?: string; hint?: string; children: (a11y: { id: string; "aria-invalid": boolean; "aria-describedby"?: string; className: string }) => React.ReactNode; select?: boolean; required?: boolean };

function Field({ label, error, hint, children, select, required = true }: FieldProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const className = `${select ? "form-select" : "form-control"}${error ? " is-invalid" : ""}`;
  return (
    <div className="mb-3">
      <label className={`form-label${required ? " required" : ""}`} htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy, className })}
      {error && (
        <div className="invalid-feedback" id={`${id}-error`}>
          {error}
        </div>
      )}
      {hint && (
        <small className="form-hint" id={`${id}-hint`}>
          {hint}
        </small>
      )}
    </div>
  );
}

type Props = { open: boolean; onClose: () => void; /** Edit this user; without it the form creates one. */ user?: UserDto | null };

/** The guide's Create New User and Edit User modals (one form, two modes). */
export function UserFormModal({ open, onClose, user }: Props) {
  const router = useRouter();
  const formId = useId();
  const editing = Boolean(user);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values, unknown, Output>({ resolver: zodResolver(createUserSchema), defaultValues: { username: "", email: "", role: DEFAULT_ROLE } });
  const { register, formState, setError, reset, handleSubmit } = form;
  const errors = formState.errors;

  useEffect(() => {
    if (!open) return;
    reset(user ? { username: user.username, email: user.email, role: user.role } : { username: "", email: "", role: DEFAULT_ROLE });
    setFormError(null);
  }, [open, user, reset]);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const r = user ? await updateUserAction(user.id, values) : await createUserAction(values);
    if (r.ok) {
      toast.success(user ? `Changes to ${r.data.username} saved` : `${r.data.username} created: invitation on its way to ${r.data.email}`);
      onClose();
      router.refresh();
      return;
    }
    let placed = false;
    for (const f of FIELDS) {
      const message = r.fieldErrors?.[f];
      if (message) {
        setError(f, { type: "server", message }, { shouldFocus: !placed });
        placed = true;
      }
    }
    if (!placed) setFormError(r.message);
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
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden />}
            {editing ? "Save Changes" : "Create & Send Invitation"}
          </button>
        </>
      }
    >
      <div className="modal-body">
        {formError && (
          <div className="alert alert-danger" role="alert">
            {formError}
          </div>
        )}
        {user && (
          <Field label="User ID" hint="Immutable identifier" required={false}>
            {({ className, ...a11y }) => <input {...a11y} type="text" className={`${className} font-monospace`} value={user.id} disabled readOnly />}
          </Field>
        )}
        <Field label="Username" error={errors.username?.message} hint={editing ? undefined : "3-50 characters: letters, digits, . _ -"}>
          {(a) => <input {...a} type="text" autoComplete="off" spellCheck={false} aria-required {...register("username")} />}
        </Field>
        <Field label="Email" error={errors.email?.message} hint={editing ? undefined : "Invitation will be sent to this address"}>
          {(a) => <input {...a} type="email" autoComplete="off" spellCheck={false} aria-required {...register("email")} />}
        </Field>
        <Field label="Role" error={errors.role?.message} select>
          {(a) => (
            <select {...a} aria-required {...register("role")}>
              {ROLE_ORDER.map((r) => (
                <option key={r} value={r}>
                  {editing ? ROLES[r].label : `${ROLES[r].label} - ${ROLES[r].hint}`}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </Modal>
  );
}
