import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { run, type Result } from "../result";
import type { Ctx } from "./actor";
import { recordLogout, verifyCredentials, type LoggedInUser } from "./login";
import { hashToken, newToken } from "./tokens";

export const API_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

// API.md words every credential failure the same way, "Invalid credentials",
// whatever the reason (unknown, wrong password, pending, inactive, deleted).
export const INVALID_CREDENTIALS = "Invalid credentials";

export type ApiLogin = { token: string; expires_at: string; user: Pick<LoggedInUser, "id" | "username" | "email" | "role"> };

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
    const token = newToken();
    const expiresAt = new Date(Date.now() + API_TOKEN_TTL_MS);
    await db().apiToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), sessionVersion: user.sessionVersion, expiresAt },
    });
    return {
      token,
      expires_at: expiresAt.toISOString(),
      user: { id: user.id, username: user.username, email: user.email, role: user.role },
    };
  });
}

/** POST /api/v1/admin/logout: revokes the token the request carried. */
export async function revokeApiToken(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.tokenId) return;
  await db().apiToken.updateMany({ where: { id: actor.tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  await recordLogout(ctx, actor);
}
