"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { safeRedirect } from "@/lib/safe-redirect";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Invalid username or password",
  RateLimited: "Too many failed attempts. Please wait a minute and try again.",
  ServerError: "Login is unavailable right now. Please try again shortly.",
};

export function LoginForm({ redirect, notice }: { redirect?: string; notice?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await signIn("credentials", {
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => ({ ok: false, error: "ServerError" }) as const);
    if (res?.ok && !res.error) {
      router.replace(safeRedirect(redirect));
      router.refresh();
      return;
    }
    setBusy(false);
    setError(MESSAGES[res?.error ?? ""] ?? MESSAGES.CredentialsSignin);
  }

  return (
    <form className="card card-md" onSubmit={onSubmit} noValidate aria-describedby={error ? "login-error" : undefined}>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Sign in to SEL Admin</h1>
        {notice && (
          <div className="alert alert-success" role="status">
            {notice}
          </div>
        )}
        {error && (
          <div className="alert alert-danger" role="alert" id="login-error">
            {error}
          </div>
        )}
        <div className="mb-3">
          <label className="form-label" htmlFor="username">
            Username or email
          </label>
          <input id="username" name="username" type="text" className="form-control" autoComplete="username" autoFocus required />
        </div>
        <div className="mb-2">
          <label className="form-label" htmlFor="password">
            Password
          </label>
          <input id="password" name="password" type="password" className="form-control" autoComplete="current-password" required />
          <div className="text-end small mt-1">
            <Link href="/admin/forgot-password">Forgot password?</Link>
          </div>
        </div>
        <div className="form-footer">
          <button type="submit" className="btn btn-primary w-100" disabled={busy}>
            {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
            Sign In
          </button>
        </div>
      </div>
    </form>
  );
}
