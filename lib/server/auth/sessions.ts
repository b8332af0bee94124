import "server-only";
import { db, type Tx } from "../db";
import { forgetAfterCommit, forgetUser } from "./actor-cache";
import type { RequestMeta, SessionKind } from "./actor";
import { hashToken, newToken } from "./tokens";

// One session model for both ways in (docs/decisions.md, "Sessions"): a
// browser sign-in and an API token are each a row of `sessions`, found by the
// SHA-256 of a secret token. The browser's token rides inside the signed,
// encrypted next-auth cookie; the API's is the bearer token. Ending a row
// ends exactly that way in, on its next request.

/** Both kinds live 12 hours from sign-in (the cookie's maxAge matches). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type NewSession = { id: string; token: string; expiresAt: Date };

/** Opens a session for a user who just proved who they are. */
export async function openSession(userId: string, kind: SessionKind, meta: RequestMeta): Promise<NewSession> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const s = await db().session.create({
    data: { userId, kind, tokenHash: hashToken(token), expiresAt, ipAddress: meta.ip, userAgent: meta.userAgent },
    select: { id: true },
  });
  return { id: s.id, token, expiresAt };
}

/** Ends one session by its token (logout); whether it was live. */
export async function closeSessionByToken(token: string): Promise<{ id: string; userId: string } | null> {
  const rows = await db().$queryRaw<{ id: string; user_id: string }[]>`
    UPDATE sessions SET revoked_at = now()
     WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL
    RETURNING id, user_id`;
  if (rows[0]) forgetUser(rows[0].user_id);
  return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
}

/**
 * Ends every live session of the user (browser and API alike), except the
 * one given: deactivation, deletion and role changes end all of them; a
 * password change keeps the session it was made from. Inside the caller's
 * transaction, so it commits with the change that caused it.
 */
export async function endSessions(tx: Tx, userId: string, opts: { except?: string } = {}): Promise<number> {
  const r = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(opts.except && { id: { not: opts.except } }) },
    data: { revokedAt: new Date() },
  });
  forgetAfterCommit(tx, userId);
  return r.count;
}
