import "server-only";
import { isRole } from "@/lib/roles";
import { db } from "../db";
import { logUnexpected } from "../logger";
import type { Actor } from "./actor";
import { hashToken } from "./tokens";

const ACTIVE_TOUCH_MS = 60_000;

/**
 * The one check behind every authenticated request, cookie or bearer: the
 * user must exist, be active, not deleted, and carry the session version the
 * credential was issued with. Deactivate, delete, role change and password
 * change bump the version, so the old credential fails on its next request.
 */
const userColumns = { id: true, username: true, email: true, role: true, status: true, deletedAt: true, sessionVersion: true, lastActiveAt: true } as const;

export async function actorFor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const u = await db().user.findUnique({ where: { id: userId }, select: userColumns });
  return checkUser(u, sessionVersion);
}

async function checkUser(
  u: { id: string; username: string; email: string; role: string; status: string; deletedAt: Date | null; sessionVersion: number; lastActiveAt: Date | null } | null,
  sessionVersion: number,
): Promise<Actor | null> {
  if (!u || u.deletedAt || u.status !== "active" || u.sessionVersion !== sessionVersion) return null;
  // A role this version of the app does not know grants nothing, not even a session.
  if (!isRole(u.role)) return null;
  const now = Date.now();
  if (!u.lastActiveAt || now - u.lastActiveAt.getTime() > ACTIVE_TOUCH_MS) {
    // Throttled so a busy user costs one write a minute, not one per request;
    // raw SQL so being active does not move updated_at ("last edited").
    // A failed touch costs nothing but the freshness of "last active": the request goes on.
    await db().$executeRaw`UPDATE users SET last_active_at = ${new Date(now)} WHERE id = ${u.id}`.catch((e: unknown) => {
      logUnexpected(e, "last_active_at update failed", { userId: u.id });
    });
  }
  return { id: u.id, username: u.username, email: u.email, role: u.role, sessionVersion: u.sessionVersion };
}

/** Resolves "Authorization: Bearer <token>" to an actor, or null: token and user in one query. */
export async function actorForBearer(authorization: string | null): Promise<Actor | null> {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/.exec(authorization ?? "");
  if (!m) return null;
  const t = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(m[1]) },
    select: { id: true, sessionVersion: true, expiresAt: true, revokedAt: true, user: { select: userColumns } },
  });
  if (!t || t.revokedAt || t.expiresAt.getTime() <= Date.now()) return null;
  const actor = await checkUser(t.user, t.sessionVersion);
  return actor ? { ...actor, tokenId: t.id } : null;
}
