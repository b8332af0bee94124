"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { confirmPasswordResetAction } from "@/app/admin/reset-password/actions";
import { failedClientRules, RULE_MESSAGES } from "@/lib/schemas/password";
import { PasswordChecklist } from "./password-checklist";

type Props = { token: string; username: string };

/** Choose a new password from a reset link (same policy and checklist as the invitation). */
export function ResetPasswordForm({ token, username }: Props) {
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
    const r = await confirmPasswordResetAction({ token, password, password_confirm: confirm });
    if (r.ok) {
      router.push("/admin/login?reset=1");
      return;
    }
    setBusy(false);
    if (r.code === "weak_password" && r.fieldErrors) setErrors(Object.values(r.fieldErrors));
    else if (r.code === "validation" && r.fieldErrors?.password_confirm) setConfirmError(r.fieldErrors.password_confirm);
    // The link died meanwhile (used elsewhere, superseded, expired): the page shows why.
    else if (r.code === "invalid_token") router.refresh();
    else setErrors([r.message]);
  }

  return (
    <form id="reset-password-form" className="card card-md" onSubmit={onSubmit} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Choose a New Password</h1>
        <p className="text-secondary mb-3">
          For the account <strong>{username}</strong>. Every session of this account will be signed out.
        </p>
        <div className="mb-3">
          <label className="form-label required" htmlFor="reset-password">
            New password
          </label>
          <input
            id="reset-password"
            name="password"
            type="password"
            className={`form-control${errors.length ? " is-invalid" : ""}`}
            autoComplete="new-password"
            required
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby="reset-password-rules reset-password-errors"
            aria-invalid={errors.length > 0}
          />
          {errors.length > 0 && (
            <div className="invalid-feedback d-block" id="reset-password-errors" role="alert">
              <ul className="mb-0 ps-3">
                {errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </div>
          )}
          <small className="form-hint" id="reset-password-rules">
            Minimum 12 characters, must include:
            <PasswordChecklist password={password} username={username} />
          </small>
        </div>
        <div className="mb-3">
          <label className="form-label required" htmlFor="reset-confirm">
            Confirm new password
          </label>
          <input
            id="reset-confirm"
            name="password_confirm"
            type="password"
            className={`form-control${confirmError ? " is-invalid" : ""}`}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={Boolean(confirmError)}
            aria-describedby={confirmError ? "reset-confirm-error" : undefined}
          />
          {confirmError && (
            <div className="invalid-feedback" id="reset-confirm-error" role="alert">
              {confirmError}
            </div>
          )}
        </div>
        <div className="form-footer">
          <button type="submit" className="btn btn-primary w-100" disabled={busy}>
            {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
            Change Password
          </button>
        </div>
      </div>
    </form>
  );
}
