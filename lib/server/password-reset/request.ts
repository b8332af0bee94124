import "server-only";
import { RESET_REQUESTED_MESSAGE, requestPasswordResetSchema } from "@/lib/schemas/password-reset";
import { recordActivity } from "../activity/record";
import type { Ctx } from "../auth/actor";
import { issueToken, TOKEN_TTL_MS } from "../auth/single-use";
import { db, type Tx } from "../db";
import { kickOutbox, queuePasswordResetEmail } from "../email/queue";
import { hit } from "../rate-limit";
import { run, type Result } from "../result";
import { parseInput } from "../validate";

export const PASSWORD_RESET_TTL_MS = TOKEN_TTL_MS.password_reset;

// Every answer takes at least this long, whether or not the address belongs
// to anyone: the transaction of a real request must not be measurable.
const MIN_ANSWER_MS = 300;

/**
 * A fresh reset link for a user the caller has locked (FOR UPDATE, so two
 * requests at once leave exactly one open link), its email queued, and the
 * `user.password_reset_requested` row: without an actor when anyone asked
 * by email, with the admin as actor when an admin sent it.
 */
export async function issuePasswordReset(tx: Tx, ctx: Ctx, user: { id: string; username: string; email: string }, by: "self" | "admin"): Promise<Date> {
  const { tokenHash, expiresAt, link } = await issueToken(tx, "password_reset", user.id);
  const reset = await tx.passwordReset.create({ data: { userId: user.id, tokenHash, expiresAt }, select: { id: true } });
  await queuePasswordResetEmail(tx, {
    to: user.email,
    passwordResetId: reset.id,
    payload: { username: user.username, link, expiresAt: expiresAt.toISOString() },
  });
  await recordActivity(tx, ctx, {
    eventType: "user.password_reset_requested",
    resourceId: user.id,
    ...(by === "self" ? { actor: null, details: { username: user.username } } : { details: { username: user.username, via: "admin" } }),
  });
  return expiresAt;
}

/** Issues a reset for an active user, or does nothing. Returns whether an email was queued. */
async function issueFor(ctx: Ctx, email: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    // Pending users get in through their invitation; inactive and deleted ones not at all.
    const user = await tx.user.findFirst({
      where: { email, status: "active", deletedAt: null },
      select: { id: true, username: true, email: true },
    });
    if (!user) return false;
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${user.id} FOR UPDATE`;
    await issuePasswordReset(tx, ctx, user, "self");
    return true;
  });
}

/**
 * "Forgot password?": emails a one-hour, single-use link to an active user.
 * The answer is the same message for every well-formed address, so it never
 * tells whether an account exists.
 */
export function requestPasswordReset(ctx: Ctx, input: unknown): Promise<Result<{ message: string }>> {
  return run(async () => {
    await hit("reset-ip", ctx);
    const { email } = parseInput(requestPasswordResetSchema, input);
    const started = Date.now();
    let queued = false;
    try {
      queued = await issueFor(ctx, email);
    } finally {
      const wait = MIN_ANSWER_MS - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    if (queued) kickOutbox();
    return { message: RESET_REQUESTED_MESSAGE };
  });
}
