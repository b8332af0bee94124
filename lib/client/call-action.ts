import type { Err, Result } from "@/lib/result-types";

// Every call from the browser to a server action goes through callAction():
// a server action is a fetch underneath, and when that fetch fails (no
// network, a proxy's 502, the server crashing mid-request) the promise
// rejects instead of resolving to a Result. Unwrapped, that left busy states
// stuck (a confirm dialog with Cancel disabled). Here it becomes an ordinary
// server_error Result, so every caller has one failure path to handle.

export const NETWORK_MESSAGE = "The server could not be reached. Check your connection and try again.";

export const serverErrorMessage = (reference: string) => `Something went wrong (reference ${reference}). Please try again.`;

export const BAD_ANSWER_MESSAGE = "The server could not handle the request. Please try again in a moment.";

/**
 * The Result a rejected call stands for: fetch's TypeError is the network;
 * an error carrying a digest is a failure the server logged under that
 * reference; anything else is an answer that was not the action's (a proxy's
 * error page, a 5xx without a body Next.js can read).
 */
export function failureFrom(e: unknown): Err {
  const digest = typeof e === "object" && e !== null && "digest" in e && typeof e.digest === "string" && e.digest ? e.digest : null;
  const message = digest ? serverErrorMessage(digest) : e instanceof TypeError ? NETWORK_MESSAGE : BAD_ANSWER_MESSAGE;
  return { ok: false, code: "server_error", message };
}

/** `await callAction(deleteUserAction, user.id)`: the action's Result; never rejects. */
export async function callAction<A extends unknown[], T>(fn: (...args: A) => Promise<Result<T>>, ...args: A): Promise<Result<T>> {
  try {
    return await fn(...args);
  } catch (e) {
    return failureFrom(e);
  }
}
