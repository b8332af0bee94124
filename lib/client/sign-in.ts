import { NETWORK_MESSAGE } from "./call-action";

// Signing in with next-auth's credentials provider over its REST endpoints
// (GET /api/auth/csrf, POST /api/auth/callback/credentials), which is what
// next-auth/react's signIn() does, minus its reaction to a failed request:
// it sends the browser to next-auth's bare error page when the providers
// request fails and rejects on any answer that is not JSON. Here every
// outcome is a message for the login form's alert.

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Invalid username or password",
  RateLimited: "Too many failed attempts. Please wait a minute and try again.",
  ServerError: "Login is unavailable right now. Please try again shortly.",
  OtpRequired: "Enter the 6-digit code from your authenticator app.",
  OtpInvalid: "That code is not valid or was already used. Wait for the next code, or use a recovery code.",
};

/** `otp`: the password was right and the account needs its second factor (asked for, or the one sent was wrong). */
export type SignInOutcome = { ok: true } | { ok: false; message: string; otp?: "required" | "invalid" };

/** next-auth's error parameter as the person reads it; the server appends a reference to ServerError. */
export function signInMessage(error: string): string {
  const [code, reference] = error.split(":", 2);
  if (code === "ServerError" && reference) return `Login is unavailable right now (reference ${reference}). Please try again shortly.`;
  return MESSAGES[code] ?? MESSAGES.CredentialsSignin;
}

export async function signInWithPassword(username: string, password: string, otp?: string): Promise<SignInOutcome> {
  let res: Response;
  try {
    const csrf = await fetch("/api/auth/csrf", { cache: "no-store" });
    const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
    if (!csrfToken) return { ok: false, message: MESSAGES.ServerError };
    res = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password, ...(otp && { otp }), csrfToken, callbackUrl: window.location.href, json: "true" }),
    });
  } catch {
    return { ok: false, message: NETWORK_MESSAGE };
  }
  const data = (await res.json().catch(() => null)) as { url?: string } | null;
  if (!data?.url) return { ok: false, message: res.status >= 500 ? MESSAGES.ServerError : MESSAGES.CredentialsSignin };
  const error = new URL(data.url, window.location.origin).searchParams.get("error");
  if (error === "OtpRequired" || error === "OtpInvalid") return { ok: false, message: MESSAGES[error], otp: error === "OtpRequired" ? "required" : "invalid" };
  if (error) return { ok: false, message: signInMessage(error) };
  return res.ok ? { ok: true } : { ok: false, message: MESSAGES.ServerError };
}
