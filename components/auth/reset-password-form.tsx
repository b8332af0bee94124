"use client";

import { confirmPasswordResetAction } from "@/app/admin/reset-password/actions";
import { SetPasswordFields, SetPasswordSubmit, useSetPassword } from "./set-password-fields";

type Props = { token: string; username: string };

/** Choose a new password from a reset link (same policy and checklist as the invitation). */
export function ResetPasswordForm({ token, username }: Props) {
  const { busy, onSubmit, fields } = useSetPassword({
    username,
    submit: (input) => confirmPasswordResetAction({ token, ...input }),
    successUrl: "/admin/login?reset=1",
    staleCode: "invalid_token",
  });

  return (
    <form id="reset-password-form" className="card card-md" onSubmit={onSubmit} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Choose a New Password</h1>
        <p className="text-secondary mb-3">
          For the account <strong>{username}</strong>. Every session of this account will be signed out.
        </p>
        <SetPasswordFields {...fields} idPrefix="reset" passwordLabel="New password" confirmLabel="Confirm new password" />
        <SetPasswordSubmit busy={busy}>Change Password</SetPasswordSubmit>
      </div>
    </form>
  );
}
