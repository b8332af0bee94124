"use client";

import Link from "next/link";
import { useState } from "react";
import { requestPasswordResetAction } from "@/app/admin/forgot-password/actions";
import { requestPasswordResetSchema } from "@/lib/schemas/password-reset";

/** "Forgot password?": asks for the account's email, then shows the same neutral message for any address. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const parsed = requestPasswordResetSchema.safeParse({ email });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Enter a valid email address");
      return;
    }
    setFieldError(null);
    setBusy(true);
    const r = await requestPasswordResetAction({ email });
    setBusy(false);
    if (r.ok) setSent(r.data.message);
    else if (r.code === "validation" && r.fieldErrors?.email) setFieldError(r.fieldErrors.email);
    else setError(r.message);
  }

  if (sent) {
    return (
      <div className="card card-md">
        <div className="card-body">
          <h1 className="card-title text-center mb-4 h2">Check your email</h1>
          <div className="alert alert-success" role="status" data-testid="reset-requested">
            {sent}
          </div>
          <p className="text-secondary">The link works once and expires after 1 hour. Check your spam folder if nothing arrives.</p>
          <div className="text-center">
            <Link href="/admin/login">Back to login</Link>
          </div>
        </div>
      </div>
    );
  }

  return (
    <form className="card card-md" onSubmit={onSubmit} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Forgot password</h1>
        <p className="text-secondary mb-4">Enter the email address of your account and we will send you a link to reset your password.</p>
        {error && (
          <div className="alert alert-danger" role="alert">
            {error}
          </div>
        )}
        <div className="mb-3">
          <label className="form-label required" htmlFor="reset-email">
            Email
          </label>
          <input
            id="reset-email"
            name="email"
            type="email"
            className={`form-control${fieldError ? " is-invalid" : ""}`}
            autoComplete="email"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={Boolean(fieldError)}
            aria-describedby={fieldError ? "reset-email-error" : undefined}
          />
          {fieldError && (
            <div className="invalid-feedback" id="reset-email-error" role="alert">
              {fieldError}
            </div>
          )}
        </div>
        <div className="form-footer">
          <button type="submit" className="btn btn-primary w-100" disabled={busy}>
            {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
            Send reset link
          </button>
        </div>
        <div className="text-center mt-3">
          <Link href="/admin/login">Back to login</Link>
        </div>
      </div>
    </form>
  );
}
