import "server-only";

// Expected failures are values at the doors (ActionResult, problem+json).
// Inside a service they are thrown as AppError so a transaction rolls back;
// `run()` in lib/server/result.ts turns them into Result values.

import type { ErrorCode, FieldErrors } from "@/lib/result-types";

export type { ErrorCode, FieldErrors };

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fieldErrors?: FieldErrors,
    /** Seconds, for rate_limited. */
    public readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** One table: error code -> HTTP status, RFC 7807 type slug and title. */
export const PROBLEMS: Record<ErrorCode, { status: number; slug: string; title: string }> = {
  validation: { status: 400, slug: "validation-error", title: "Invalid request" },
  weak_password: { status: 400, slug: "weak-password", title: "Password does not meet the requirements" },
  invalid_invitation: { status: 400, slug: "invalid-invitation", title: "Invalid invitation" },
  invalid_token: { status: 400, slug: "invalid-token", title: "Invalid or expired token" },
  unauthorized: { status: 401, slug: "unauthorized", title: "Unauthorized" },
  /** The password was right; the account's second factor (an authenticator code or a recovery code) is missing or wrong. */
  otp_required: { status: 401, slug: "otp-required", title: "Two-factor code required" },
  forbidden: { status: 403, slug: "forbidden", title: "Forbidden" },
  /** The node requires two-factor authentication for this role and the account has not set it up. */
  two_factor_required: { status: 403, slug: "two-factor-required", title: "Two-factor authentication required" },
  not_found: { status: 404, slug: "not-found", title: "Not found" },
  conflict: { status: 409, slug: "conflict", title: "Conflict" },
  payload_too_large: { status: 413, slug: "payload-too-large", title: "Payload too large" },
  rate_limited: { status: 429, slug: "rate-limited", title: "Too many requests" },
  server_error: { status: 500, slug: "server-error", title: "Internal server error" },
};

export const PROBLEM_TYPE_BASE = "https://sel.events/problems/";
