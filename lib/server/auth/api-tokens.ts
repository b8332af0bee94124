import "server-only";
import type { apiLoginSchema } from "@/lib/schemas/api-responses";
import type { z } from "@/lib/schemas/zod";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import type { Ctx } from "./actor";
import { recordLogout, verifyCredentials, type LoggedInUser } from "./login";
import { openSession, SESSION_TTL_MS } from "./sessions";

export const API_TOKEN_TTL_MS = SESSION_TTL_MS;

// API.md words every credential failure the same way, "Invalid credentials",
// whatever the reason (unknown, wrong password, pending, inactive, deleted).
export const INVALID_CREDENTIALS = "Invalid credentials";

export type ApiLogin = z.output<typeof apiLoginSchema>;

/** POST /api/v1/admin/login: credentials -> a bearer token (stored hashed). */
export function issueApiToken(ctx: Ctx, input: unknown): Promise<Result<ApiLogin>> {
  return run(async () => {
    let user: LoggedInUser;
    try {
      user = await verifyCredentials(ctx, input);
    } catch (e) {
      if (e instanceof AppError && e.code === "unauthorized") throw new AppError("unauthorized", INVALID_CREDENTIALS);
      throw e;
    }
    const { token, expiresAt } = await openSession(user.id, "api", ctx.meta);
    return {
      token,
      expires_at: expiresAt.toISOString(),
      user: { id: user.id, username: user.username, email: user.email, role: user.role },
    };
  });
}

/** POST /api/v1/admin/logout: ends the API session the request carried. */
export async function revokeApiToken(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (actor?.sessionKind !== "api") return;
  await db().session.updateMany({ where: { id: actor.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  await recordLogout(ctx, actor);
}
