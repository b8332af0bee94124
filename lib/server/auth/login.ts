import "server-only";
import { roleOf, type Role } from "@/lib/roles";
import { loginSchema } from "@/lib/schemas/password";
import { recordActivity } from "../activity/record";
import { db } from "../db";
import { AppError } from "../errors";
import { hit, refund } from "../rate-limit";
import { iEquals } from "../sql";
import { parseInput } from "../validate";
import type { Ctx } from "./actor";
import { verifyPassword } from "./passwords";

export const INVALID_LOGIN = "Invalid username or password";

export type LoggedInUser = { id: string; username: string; email: string; role: Role; sessionVersion: number };

/** The account a username-or-email names (exact, case-insensitive), deleted ones included. */
function findLoginUser(identifier: string) {
  const lowered = identifier.toLowerCase();
  return db().user.findFirst({
    where: lowered.includes("@") ? { email: lowered } : { username: iEquals(identifier) },
    omit: { passwordHash: false },
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
 */
export async function verifyCredentials(ctx: Ctx, input: unknown): Promise<LoggedInUser> {
  const { username, password } = parseInput(loginSchema, input);
  const user = await findLoginUser(username);
  const account = user?.username ?? username;

  await hit("login-ip", ctx);
  try {
    await hit("login-user", ctx, account);
  } catch (e) {
    await refund("login-ip", ctx);
    throw e;
  }

  // Always run one bcrypt compare, also for unknown users (timing).
  const valid = await verifyPassword(password, user?.passwordHash);
  const allowed = valid && user && user.status === "active" && !user.deletedAt;

  if (!allowed) {
    await db().$transaction(async (tx) => {
      await recordActivity(tx, ctx, {
        eventType: "user.login_failed",
        resourceId: user?.id ?? null,
        actor: null,
        details: { username: username.slice(0, 254), reason: !user || !valid ? "invalid_credentials" : `user_${user.deletedAt ? "deleted" : user.status}` },
      });
    });
    throw new AppError("unauthorized", INVALID_LOGIN);
  }

  await Promise.all([refund("login-ip", ctx), refund("login-user", ctx, account)]);
  const now = new Date();
  await db().$transaction(async (tx) => {
    // Raw SQL so a login does not move updated_at (which means "last edited").
    await tx.$executeRaw`UPDATE users SET last_login_at = ${now}, last_active_at = ${now} WHERE id = ${user.id}`;
    await recordActivity(tx, ctx, {
      eventType: "user.login",
      resourceId: user.id,
      actor: { id: user.id, username: user.username },
    });
  });
  return { id: user.id, username: user.username, email: user.email, role: roleOf(user.role), sessionVersion: user.sessionVersion };
}

/** Logs a logout for the activity trail. */
export async function recordLogout(ctx: Ctx, user: { id: string; username: string }): Promise<void> {
  await db().$transaction((tx) =>
    recordActivity(tx, ctx, { eventType: "user.logout", resourceId: user.id, actor: user }),
  );
}
