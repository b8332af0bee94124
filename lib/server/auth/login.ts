import "server-only";
import { roleOf, type Role } from "@/lib/roles";
import { loginSchema } from "@/lib/schemas/password";
import { INVALID_OTP, OTP_REQUIRED_MESSAGE } from "@/lib/schemas/two-factor";
import { recordActivity } from "../activity/record";
import { db } from "../db";
import { AppError } from "../errors";
import { hit, refund } from "../rate-limit";
import { iEquals } from "../sql";
import { parseInput } from "../validate";
import type { Ctx } from "./actor";
import { countFailure, isLocked } from "./lockout";
import { verifyPassword } from "./passwords";
import { spendSecondFactor } from "../two-factor/service";

export const INVALID_LOGIN = "Invalid username or password";

export type LoggedInUser = { id: string; username: string; email: string; role: Role };

/** The account a username-or-email names (exact, case-insensitive), deleted ones included. */
function findLoginUser(identifier: string) {
  const lowered = identifier.toLowerCase();
  return db().user.findFirst({
    where: lowered.includes("@") ? { email: lowered } : { username: iEquals(identifier) },
    omit: { passwordHash: false, totpSecret: false },
  });
}

/**
 * Checks a username-or-email and password. Every failure is the same
 * "Invalid username or password" (401) so nobody learns who exists. Each
 * attempt takes a point from the per-IP and per-username limits (5 a minute)
 * before the password is checked, so concurrent guesses cannot slip past the
 * limit; a successful login gives its points back, so only failures count.
 * A body without both fields is a validation error: not a login attempt, so
 * it counts towards nothing. The per-username limit counts the account (its
 * username and its email share one budget), else what was typed.
 *
 * Wrong passwords for an existing account also count towards its lockout
 * (lib/server/auth/lockout.ts); while it is locked even the right password
 * gets the same generic failure, and attempts do not count again.
 *
 * An account with two-factor sign-in needs `otp` too: without it the right
 * password answers otp_required (and gives its points back: it was no
 * guess); a wrong, reused or spent code answers otp_required with another
 * message, logs user.login_failed with reason "otp" and counts towards the
 * limits and the lockout like a wrong password.
 */
export async function verifyCredentials(ctx: Ctx, input: unknown): Promise<LoggedInUser> {
  const { username, password, otp: otpInput } = parseInput(loginSchema, input);
  const user = await findLoginUser(username);
  const account = user?.username ?? username;

  await hit("login-ip", ctx);
  try {
    await hit("login-user", ctx, account);
  } catch (e) {
    await refund("login-ip", ctx);
    throw e;
  }

  // Always run one bcrypt compare, also for unknown and locked users (timing).
  const valid = await verifyPassword(password, user?.passwordHash);
  const locked = Boolean(user && isLocked(user));
  const allowed = valid && user && !locked && user.status === "active" && !user.deletedAt;

  if (!allowed) {
    const reason = !user ? "invalid_credentials" : locked ? "user_locked" : !valid ? "invalid_credentials" : `user_${user.deletedAt ? "deleted" : user.status}`;
    await db().$transaction(async (tx) => {
      await recordActivity(tx, ctx, {
        eventType: "user.login_failed",
        resourceId: user?.id ?? null,
        actor: null,
        details: { username: username.slice(0, 254), reason },
      });
      if (user && !locked && !valid) await countFailure(tx, ctx, user);
    });
    throw new AppError("unauthorized", INVALID_LOGIN);
  }

  const refundAll = () => Promise.all([refund("login-ip", ctx), refund("login-user", ctx, account)]);
  let recovery: { left: number } | null = null;
  if (user.totpEnabledAt) {
    const otp = otpInput?.trim();
    if (!otp) {
      await refundAll();
      throw new AppError("otp_required", OTP_REQUIRED_MESSAGE);
    }
    const spent = await db().$transaction(async (tx) => {
      const s = await spendSecondFactor(tx, user, otp);
      if (!s.ok) {
        await recordActivity(tx, ctx, {
          eventType: "user.login_failed",
          resourceId: user.id,
          actor: null,
          details: { username: username.slice(0, 254), reason: "otp" },
        });
        await countFailure(tx, ctx, user);
      }
      return s;
    });
    if (!spent.ok) throw new AppError("otp_required", INVALID_OTP);
    if (spent.via === "recovery") recovery = { left: spent.left };
  }

  await refundAll();
  const now = new Date();
  await db().$transaction(async (tx) => {
    // Raw SQL so a login does not move updated_at (which means "last edited");
    // a successful login also forgets earlier failures.
    await tx.$executeRaw`UPDATE users SET last_login_at = ${now}, last_active_at = ${now}, failed_login_count = 0, failed_login_since = NULL WHERE id = ${user.id}`;
    await recordActivity(tx, ctx, {
      eventType: "user.login",
      resourceId: user.id,
      actor: { id: user.id, username: user.username },
      ...(user.totpEnabledAt && { details: { two_factor: recovery ? "recovery_code" : "totp" } }),
    });
    if (recovery) {
      await recordActivity(tx, ctx, {
        eventType: "user.recovery_code_used",
        resourceId: user.id,
        actor: { id: user.id, username: user.username },
        details: { username: user.username, remaining: recovery.left },
      });
    }
  });
  return { id: user.id, username: user.username, email: user.email, role: roleOf(user.role) };
}

/** Logs a logout for the activity trail. */
export async function recordLogout(ctx: Ctx, user: { id: string; username: string }): Promise<void> {
  await db().$transaction((tx) =>
    recordActivity(tx, ctx, { eventType: "user.logout", resourceId: user.id, actor: user }),
  );
}
