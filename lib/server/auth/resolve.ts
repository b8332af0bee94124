import "server-only";
import { isRole } from "@/lib/roles";
import { db } from "../db";
import { logUnexpected } from "../logger";
import type { Actor, RequestMeta, SessionKind } from "./actor";
import { readMark, recall, remember } from "./actor-cache";
import { hashToken } from "./tokens";

const TOUCH_MS = 60_000;

type Row = {
  session_id: string;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  id: string;
  username: string;
  email: string;
  role: string;
  status: string;
  deleted_at: Date | null;
  two_factor: boolean;
};

/**
 * The one check behind every authenticated request, cookie or bearer: one
 * query finds the session by its token's hash together with its user. The
 * session must be of the door's kind, live (not ended, not expired) and its
 * user active, not deleted and of a role this app knows. Deactivation,
 * deletion and role changes end the user's sessions and also fail the user
 * check, so an old credential is refused on its very next request. A live
 * answer is remembered in this process until PostgreSQL says the session or
 * its user changed (actor-cache.ts), so a busy session is not re-read on
 * every request.
 */
export async function actorForToken(kind: SessionKind, token: string, meta?: RequestMeta): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const hash = hashToken(token);
  const key = `${kind}:${hash}`;
  const now = Date.now();
  const known = recall(key, now);
  if (known) {
    if (now - known.lastUsedAt > TOUCH_MS) {
      known.lastUsedAt = now;
      await touch(known.actor.sessionId, known.actor.id, new Date(now), meta);
    }
    return known.actor;
  }
  const mark = readMark();
  const rows = await db().$queryRaw<Row[]>`
    SELECT s.id AS session_id, s.expires_at, s.revoked_at, s.last_used_at,
           u.id, u.username, u.email, u.role, u.status::text AS status, u.deleted_at,
           u.totp_enabled_at IS NOT NULL AS two_factor
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ${hash} AND s.kind = ${kind}::"SessionKind"`;
  const r = rows[0];
  if (!r || r.revoked_at || r.expires_at.getTime() <= now) return null;
  if (r.deleted_at || r.status !== "active" || !isRole(r.role)) return null;
  let lastUsedAt = r.last_used_at?.getTime() ?? 0;
  if (now - lastUsedAt > TOUCH_MS) {
    lastUsedAt = now;
    await touch(r.session_id, r.id, new Date(now), meta);
  }
  const actor: Actor = Object.freeze({ id: r.id, username: r.username, email: r.email, role: r.role, sessionId: r.session_id, sessionKind: kind, twoFactor: r.two_factor });
  remember(key, mark, { actor, expiresAt: r.expires_at.getTime(), lastUsedAt }, now);
  return actor;
}

// Throttled so a busy session costs one write a minute, not one per request;
// raw SQL so being active does not move users.updated_at ("last edited"). A
// failed touch costs only the freshness of "last used": the request goes on.
async function touch(sessionId: string, userId: string, now: Date, meta?: RequestMeta): Promise<void> {
  const ip = meta?.ip ?? null;
  await db()
    .$executeRaw`WITH s AS (UPDATE sessions SET last_used_at = ${now}, ip_address = coalesce(${ip}, ip_address) WHERE id = ${sessionId})
                 UPDATE users SET last_active_at = ${now} WHERE id = ${userId}`
    .catch((e: unknown) => {
      logUnexpected(e, "session touch failed", { userId });
    });
}

/** Resolves "Authorization: Bearer <token>" to an actor, or null. */
export async function actorForBearer(authorization: string | null, meta?: RequestMeta): Promise<Actor | null> {
  const m = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/.exec(authorization ?? "");
  return m ? actorForToken("api", m[1], meta) : null;
}
