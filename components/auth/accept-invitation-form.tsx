"use client";

import { acceptInvitationAction } from "@/app/admin/accept-invitation/actions";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { SetPasswordFields, useSetPassword } from "./set-password-fields";

type Props = { token: string; username: string; email: string; inputs: string[] };

/** The guide's "Set Your Password" card. */
export function AcceptInvitationForm({ token, username, email, inputs }: Props) {
  const { form, busy, onSubmit, strength, formError } = useSetPassword({
    username,
    inputs,
    submit: (input) => acceptInvitationAction({ token, ...input }),
    successUrl: "/admin/login?accepted=1",
    staleCode: "invalid_invitation",
  });

  return (
    <form id="accept-invitation-form" className="card card-md" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Set Your Password</h1>
        <FormAlert message={formError} />
        <FormField id="inv-username" label="Username" required={false}>
          {(c) => <input {...c} type="text" disabled value={username} />}
        </FormField>
        <FormField id="inv-email" label="Email" required={false}>
          {(c) => <input {...c} type="email" disabled value={email} />}
        </FormField>
        <SetPasswordFields form={form} username={username} strength={strength} idPrefix="inv" passwordLabel="Password" confirmLabel="Confirm Password" />
        <div className="form-footer">
          <SubmitButton busy={busy} className="w-100">
            Accept Invitation &amp; Set Password
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
