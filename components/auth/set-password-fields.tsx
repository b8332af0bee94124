"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { failedClientRules, RULE_MESSAGES } from "@/lib/schemas/password";
import type { ErrorCode, Result } from "@/lib/result-types";
import { PasswordChecklist } from "./password-checklist";

type Submit = (input: { password: string; password_confirm: string }) => Promise<Result<unknown>>;

type Options = {
  username: string;
  submit: Submit;
  /** Where to go once the password is set. */
  successUrl: string;
  /** The code meaning the link died meanwhile (used elsewhere, superseded, expired): the page shows why. */
  staleCode: ErrorCode;
};

/**
 * State and submit logic shared by the invitation and reset forms: the same
 * policy is checked in the browser first so the common mistakes need no round
 * trip, and the server's verdict lands on the same two fields.
 */
export function useSetPassword({ username, submit, successUrl, staleCode }: Options) {
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
    const r = await submit({ password, password_confirm: confirm });
    if (r.ok) {
      router.push(successUrl);
      return;
    }
    setBusy(false);
    if (r.code === "weak_password" && r.fieldErrors) setErrors(Object.values(r.fieldErrors));
    else if (r.code === "validation" && r.fieldErrors?.password_confirm) setConfirmError(r.fieldErrors.password_confirm);
    else if (r.code === staleCode) router.refresh();
    else setErrors([r.message]);
  }

  const fields = { username, password, setPassword, confirm, setConfirm, errors, confirmError };
  return { busy, onSubmit, fields };
}

type FieldsProps = ReturnType<typeof useSetPassword>["fields"] & {
  /** Prefix of the element ids ("inv" gives inv-password, inv-password-errors, inv-confirm, ...). */
  idPrefix: string;
  passwordLabel: string;
  confirmLabel: string;
};

/** The password and confirmation inputs with their error lists and the live rule checklist. */
export function SetPasswordFields(p: FieldsProps) {
  const { idPrefix: id, errors, confirmError } = p;
  return (
    <>
      <div className="mb-3">
        <label className="form-label required" htmlFor={`${id}-password`}>
          {p.passwordLabel}
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          className={`form-control${errors.length ? " is-invalid" : ""}`}
          autoComplete="new-password"
          required
          autoFocus
          value={p.password}
          onChange={(e) => p.setPassword(e.target.value)}
          aria-describedby={`${id}-password-rules ${id}-password-errors`}
          aria-invalid={errors.length > 0}
        />
        {errors.length > 0 && (
          <div className="invalid-feedback d-block" id={`${id}-password-errors`} role="alert">
            <ul className="mb-0 ps-3">
              {errors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        <small className="form-hint" id={`${id}-password-rules`}>
          Minimum 12 characters, must include:
          <PasswordChecklist password={p.password} username={p.username} />
        </small>
      </div>
      <div className="mb-3">
        <label className="form-label required" htmlFor={`${id}-confirm`}>
          {p.confirmLabel}
        </label>
        <input
          id={`${id}-confirm`}
          name="password_confirm"
          type="password"
          className={`form-control${confirmError ? " is-invalid" : ""}`}
          autoComplete="new-password"
          required
          value={p.confirm}
          onChange={(e) => p.setConfirm(e.target.value)}
          aria-invalid={Boolean(confirmError)}
          aria-describedby={confirmError ? `${id}-confirm-error` : undefined}
        />
        {confirmError && (
          <div className="invalid-feedback" id={`${id}-confirm-error`} role="alert">
            {confirmError}
          </div>
        )}
      </div>
    </>
  );
}

/** The full-width submit button with a spinner while the request runs. */
export function SetPasswordSubmit({ busy, children }: { busy: boolean; children: React.ReactNode }) {
  return (
    <div className="form-footer">
      <button type="submit" className="btn btn-primary w-100" disabled={busy}>
        {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
        {children}
      </button>
    </div>
  );
}
