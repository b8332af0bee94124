import "server-only";
import { confirmPasswordResetSchema, RESET_DONE_MESSAGE, RESET_INVALID_MESSAGE } from "@/lib/schemas/password-reset";
import { recordActivity } from "../activity/record";
import type { Ctx } from "../auth/actor";
import { assertNotCurrentPassword, assertStrongPassword, hashPassword, ownerInputs } from "../auth/passwords";
import { claimToken, findToken, supersedeTokens, tokenState } from "../auth/single-use";
import { endSessions } from "../auth/sessions";
import { db } from "../db";
import { AppError } from "../errors";
import { hit } from "../rate-limit";
import { run, type Result } from "../result";
import { parseInput } from "../validate";

export type PasswordResetCheck = { state: "valid"; username: string; inputs: string[] } | { state: "invalid" };

// Used, superseded and expired links read the same to the visitor: whatever
// the reason, the way forward is a new link.

/** For the reset page: may this token set a password, and whose? */
export async function checkPasswordReset(token: string): Promise<PasswordResetCheck> {
  const r = await findToken("password_reset", token);
  return r && tokenState(r, "active") === "valid" ? { state: "valid", username: r.user.username, inputs: ownerInputs(r.user) } : { state: "invalid" };
}

/**
 * Sets a new password from a reset link. Single use is a conditional update
 * inside the transaction, so of many concurrent confirmations exactly one
 * wins. A rejected password (weak, or the one the account already has)
 * leaves the link usable. Success ends every session and API token of the
 * user and kills their other open links.
 */
export function confirmPasswordReset(ctx: Ctx, input: unknown): Promise<Result<{ message: string }>> {
  return run(async () => {
    await hit("reset-ip", ctx);
    const data = parseInput(confirmPasswordResetSchema, input);
    const reset = await findToken("password_reset", data.token);
    if (!reset || tokenState(reset, "active") !== "valid") throw new AppError("invalid_token", RESET_INVALID_MESSAGE);
    const { user } = reset;
    assertStrongPassword(data.password, user);
    const current = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    await assertNotCurrentPassword(data.password, current?.passwordHash);
    // bcrypt runs before the transaction so no row lock waits on it.
    const passwordHash = await hashPassword(data.password);
    const now = new Date();
    await db().$transaction(async (tx) => {
      // A burst of confirmations of one link queues on its row lock; the
      // client's transaction options (lib/server/db.ts) let it wait.
      const claimed = await claimToken(tx, "password_reset", reset.id, now);
      const changed = await tx.user.updateMany({
        where: { id: user.id, status: "active", deletedAt: null },
        data: { passwordHash },
      });
      if (!claimed || changed.count !== 1) throw new AppError("invalid_token", RESET_INVALID_MESSAGE);
      await endSessions(tx, user.id);
      await supersedeTokens(tx, "password_reset", user.id, now);
      await recordActivity(tx, ctx, {
        eventType: "user.password_changed",
        resourceId: user.id,
        actor: { id: user.id, username: user.username },
        details: { username: user.username, via: "password reset" },
      });
    });
    return { message: RESET_DONE_MESSAGE };
  });
}
