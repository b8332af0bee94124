// Isomorphic result shapes: what services return and what server actions
// hand to client components. Error codes map to HTTP in lib/server/errors.ts.

export type ErrorCode =
  | "validation"
  | "weak_password"
  | "invalid_invitation"
  | "invalid_token"
  | "unauthorized"
  | "otp_required"
  | "two_factor_required"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "server_error";

export type FieldErrors = Record<string, string>;
export type Ok<T> = { ok: true; data: T };
export type Err = { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; retryAfter?: number };
export type Result<T> = Ok<T> | Err;
