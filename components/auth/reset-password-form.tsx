"use client";

import { confirmPasswordResetAction } from "@/app/admin/reset-password/actions";
import { FormAlert, SubmitButton } from "@/components/ui/form-field";
import { SetPasswordFields, useSetPassword } from "./set-password-fields";

type Props = { token: string; username: string; inputs: string[] };

/** Choose a new password from a reset link (same policy and checklist as the invitation). */
export function ResetPasswordForm({ token, username, inputs }: Props) {
  const { form, busy, onSubmit, strength, formError } = useSetPassword({
    username,
    inputs,
    submit: (input) => confirmPasswordResetAction({ token, ...input }),
    successUrl: "/admin/login?reset=1",
    staleCode: "invalid_token",
  });

  return (
    <form id="reset-password-form" className="card card-md" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Choose a New Password</h1>
        <p className="text-secondary mb-3">
          For the account <strong>{username}</strong>. Every session of this account will be signed out.
        </p>
        <FormAlert message={formError} />
        <SetPasswordFields form={form} username={username} strength={strength} idPrefix="reset" passwordLabel="New password" confirmLabel="Confirm new password" />
        <div className="form-footer">
          <SubmitButton busy={busy} className="w-100">
            Change Password
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
