"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { acceptInvitationAction } from "@/app/admin/accept-invitation/actions";
import { failedClientRules, RULE_MESSAGES } from "@/lib/schemas/password";
import { PasswordChecklist } from "./password-checklist";

type Props = { token: string; username: string; email: string };

/** The guide's "Set Your Password" card. */
export function AcceptInvitationForm({ token, username, email }: Props) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const failed = failedClientRules(password, username).map((id) => RULE_MESSAGES[id]);
    const mismatch = password !== confirm ? RULE_MESSAGES.match : null;
    setErrors(failed);
    setConfirmError(mismatch);
    if (failed.length || mismatch) return;
    setBusy(true);
    const r = await acceptInvitationAction({ token, password, password_confirm: confirm });
    if (r.ok) {
      router.push("/admin/login?accepted=1");
      return;
    }
    setBusy(false);
    if (r.code === "weak_password" && r.fieldErrors) setErrors(Object.values(r.fieldErrors));
    else if (r.code === "validation" && r.fieldErrors?.password_confirm) setConfirmError(r.fieldErrors.password_confirm);
    else if (r.code === "invalid_invitation") router.refresh();
    else setErrors([r.message]);
  }

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
        <div className="mb-3">
          <label className="form-label required" htmlFor="inv-password">
            Password
          </label>
          <input
            id="inv-password"
            name="password"
            type="password"
            className={`form-control${errors.length ? " is-invalid" : ""}`}
            autoComplete="new-password"
            required
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="inv-password-rules inv-password-errors"
            aria-invalid={errors.length > 0}
          />
          {errors.length > 0 && (
            <div className="invalid-feedback d-block" id="inv-password-errors" role="alert">
              <ul className="mb-0 ps-3">
                {errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <small className="form-hint" id="inv-password-rules">
            Minimum 12 characters, must include:
            <PasswordChecklist password={password} username={username} />
          </small>
        </div>
        <div className="mb-3">
          <label className="form-label required" htmlFor="inv-confirm">
            Confirm Password
          </label>
          <input
            id="inv-confirm"
            name="password_confirm"
            type="password"
            className={`form-control${confirmError ? " is-invalid" : ""}`}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={Boolean(confirmError)}
            aria-describedby={confirmError ? "inv-confirm-error" : undefined}
          />
          {confirmError && (
            <div className="invalid-feedback" id="inv-confirm-error" role="alert">
              {confirmError}
            </div>
          )}
        </div>
        <div className="form-footer">
          <button type="submit" className="btn btn-primary w-100" disabled={busy}>
            {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
            Accept Invitation &amp; Set Password
          </button>
        </div>
      </div>
    </form>
  );
}
