import "server-only";
import { loginSchema } from "@/lib/schemas/password";
import type { Role } from "@/lib/schemas/user";
import { recordActivity } from "../activity/record";
import { db } from "../db";
import { AppError } from "../errors";
import { check, hit } from "../rate-limit";
import type { Ctx } from "./actor";
import { verifyPassword } from "./passwords";

export const INVALID_LOGIN = "Invalid username or password";

export type LoggedInUser = { id: string; username: string; email: string; role: Role; sessionVersion: number };

/**
 * Checks a username-or-email and password. Every failure is the same
 * "Invalid username or password" (401) so nobody learns who exists; failed
 * attempts count towards the per-IP and per-username limits (5 a minute).
 */
export async function verifyCredentials(ctx: Ctx, input: unknown): Promise<LoggedInUser> {
  const parsed = loginSchema.safeParse(input);
  if (!parsed.success) throw new AppError("unauthorized", INVALID_LOGIN);
  const { username, password } = parsed.data;
  const ipKey = ctx.meta.ip ?? "unknown";

  await check("login-ip", ipKey);
  await check("login-user", username);

  const lowered = username.toLowerCase();
  const user = await db().user.findFirst({
    where: lowered.includes("@") ? { email: lowered } : { username: { equals: username, mode: "insensitive" } },
    omit: { passwordHash: false },
  });
  // Always run one bcrypt compare, also for unknown users (timing).
  const valid = await verifyPassword(password, user?.passwordHash);
  const allowed = valid && user && user.status === "active" && !user.deletedAt;

  if (!allowed) {
    await db().$transaction(async (tx) => {
      await recordActivity(tx, ctx, {
        eventType: "user.login_failed",
        resourceType: "user",
        resourceId: user?.id ?? null,
        actor: null,
        details: { username: username.slice(0, 254), reason: !user || !valid ? "invalid_credentials" : `user_${user.deletedAt ? "deleted" : user.status}` },
      });
    });
    await hit("login-ip", ipKey).catch(() => undefined);
    await hit("login-user", username).catch(() => undefined);
    throw new AppError("unauthorized", INVALID_LOGIN);
  }

  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now, lastActiveAt: now } });
    await recordActivity(tx, ctx, {
      eventType: "user.login",
      resourceType: "user",
      resourceId: user.id,
      actor: { id: user.id, username: user.username },
    });
  });
  return { id: user.id, username: user.username, email: user.email, role: user.role, sessionVersion: user.sessionVersion };
}

/** Logs a logout for the activity trail. */
export async function recordLogout(ctx: Ctx, user: { id: string; username: string }): Promise<void> {
  await db().$transaction((tx) =>
    recordActivity(tx, ctx, { eventType: "user.logout", resourceType: "user", resourceId: user.id, actor: user }),
  );
}
