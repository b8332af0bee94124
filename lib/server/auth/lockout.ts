import "server-only";
import { recordActivity } from "../activity/record";
import type { Tx } from "../db";
import { env } from "../env";
import type { Ctx } from "./actor";

// Account lockout: LOCKOUT_THRESHOLD (10) wrong passwords for one account
// within LOCKOUT_WINDOW_MINUTES (15) of the first lock it for LOCKOUT_MINUTES
// (15). The counts are columns of `users`, changed by single conditional
// UPDATEs, so every app instance on the database shares them and concurrent
// failures cannot miscount or write two `user.locked` rows. The login answer
// stays the generic failure: a locked account looks like a wrong password.

export type LockState = { lockedUntil: Date | null };

export function isLocked(u: LockState, now = Date.now()): boolean {
  return Boolean(u.lockedUntil && u.lockedUntil.getTime() > now);
}

/** Counts one wrong password for the account, locking it when the count reaches the threshold. */
export async function countFailure(tx: Tx, ctx: Ctx, user: { id: string; username: string }): Promise<void> {
  const e = env();
  const now = new Date();
  const windowStart = new Date(now.getTime() - e.LOCKOUT_WINDOW_MINUTES * 60_000);
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    UPDATE users SET
      failed_login_count = CASE WHEN failed_login_since IS NULL OR failed_login_since <= ${windowStart} THEN 1 ELSE failed_login_count + 1 END,
      failed_login_since = CASE WHEN failed_login_since IS NULL OR failed_login_since <= ${windowStart} THEN ${now} ELSE failed_login_since END
     WHERE id = ${user.id}
    RETURNING failed_login_count AS n`;
  if (!row || row.n < e.LOCKOUT_THRESHOLD) return;
  const until = new Date(now.getTime() + e.LOCKOUT_MINUTES * 60_000);
  // Only the failure that crosses the line locks (and logs it); the count starts over.
  const locked = await tx.$executeRaw`
    UPDATE users SET locked_until = ${until}, failed_login_count = 0, failed_login_since = NULL
     WHERE id = ${user.id} AND (locked_until IS NULL OR locked_until <= ${now})`;
  if (locked === 1) {
    await recordActivity(tx, ctx, {
      eventType: "user.locked",
      resourceId: user.id,
      actor: null,
      details: { username: user.username, failed_logins: row.n, locked_until: until.toISOString() },
    });
  }
}
