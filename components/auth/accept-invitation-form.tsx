"use client";

import { acceptInvitationAction } from "@/app/admin/accept-invitation/actions";
import { SetPasswordFields, SetPasswordSubmit, useSetPassword } from "./set-password-fields";

type Props = { token: string; username: string; email: string };

/** The guide's "Set Your Password" card. */
export function AcceptInvitationForm({ token, username, email }: Props) {
  const { busy, onSubmit, fields } = useSetPassword({
    username,
    submit: (input) => acceptInvitationAction({ token, ...input }),
    successUrl: "/admin/login?accepted=1",
    staleCode: "invalid_invitation",
  });

  return (
    <form id="accept-invitation-form" className="card card-md" onSubmit={onSubmit} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Set Your Password</h1>
        <div className="mb-3">
          <label className="form-label" htmlFor="inv-username">
            Username
          </label>
          <input id="inv-username" type="text" className="form-control" disabled value={username} />
        </div>
        <div className="mb-3">
          <label className="form-label" htmlFor="inv-email">
            Email
          </label>
          <input id="inv-email" type="email" className="form-control" disabled value={email} />
        </div>
        <SetPasswordFields {...fields} idPrefix="inv" passwordLabel="Password" confirmLabel="Confirm Password" />
        <SetPasswordSubmit busy={busy}>Accept Invitation &amp; Set Password</SetPasswordSubmit>
      </div>
    </form>
  );
}
