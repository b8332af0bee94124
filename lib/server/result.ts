import "server-only";
import type { Err, Ok, Result } from "@/lib/result-types";
import { AppError } from "./errors";
import { logUnexpected } from "./logger";

export type { Err, Ok, Result };

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });

export function errFrom(e: unknown): Err {
  if (e instanceof AppError) {
    return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors, retryAfter: e.retryAfter };
  }
  const ref = logUnexpected(e, "unexpected error");
  return { ok: false, code: "server_error", message: `Something went wrong (reference ${ref}). Please try again.` };
}

/** Runs a service body; expected failures (AppError) become Err values. */
export async function run<T>(body: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await body());
  } catch (e) {
    return errFrom(e);
  }
}
