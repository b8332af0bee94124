import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "../db";
import { env } from "../env";
import { hashToken, newToken } from "./tokens";

// Single-use links: invitations (7 days) and password resets (1 hour). Both
// tables have the same columns (token_hash, expires_at, used_at,
// superseded_at, user_id) and an outbox column pointing at them, so one
// module issues, finds, claims and supersedes either kind. The raw token
// exists only in the link; the row stores its SHA-256.

export type TokenKind = "invitation" | "password_reset";

const KINDS = {
  invitation: { table: "invitations", outboxColumn: "invitation_id", ttlMs: 7 * 24 * 60 * 60 * 1000, path: "/admin/accept-invitation" },
  password_reset: { table: "password_resets", outboxColumn: "password_reset_id", ttlMs: 60 * 60 * 1000, path: "/admin/reset-password" },
} as const satisfies Record<TokenKind, { table: string; outboxColumn: string; ttlMs: number; path: string }>;

export const TOKEN_TTL_MS = { invitation: KINDS.invitation.ttlMs, password_reset: KINDS.password_reset.ttlMs };

// Identifiers from the constant table above, never from input.
const table = (kind: TokenKind) => Prisma.raw(`"${KINDS[kind].table}"`);
const outboxColumn = (kind: TokenKind) => Prisma.raw(`"${KINDS[kind].outboxColumn}"`);

export function tokenLink(kind: TokenKind, token: string): string {
  return `${env().appUrl}${KINDS[kind].path}?token=${encodeURIComponent(token)}`;
}

/**
 * Kills every open link of this kind for the user, inside the caller's
 * transaction: the links stop working, and their unsent emails are cancelled
 * and emptied (the outbox must not keep a dead link). `revoke` marks them
 * withdrawn by an admin (revoked_at), which the link's page then says.
 * Returns how many links died.
 */
export async function supersedeTokens(tx: Tx, kind: TokenKind, userId: string, now: Date, opts: { revoke?: boolean } = {}): Promise<number> {
  const revokedAt = opts.revoke ? now : null;
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    WITH dead AS (
      UPDATE ${table(kind)} SET superseded_at = ${now}, revoked_at = ${revokedAt}
       WHERE user_id = ${userId} AND used_at IS NULL AND superseded_at IS NULL
      RETURNING id
    ), cancelled AS (
      UPDATE email_outbox SET status = 'cancelled', payload = '{}'::jsonb
       WHERE ${outboxColumn(kind)} IN (SELECT id FROM dead) AND status = 'pending'
    )
    SELECT count(*)::int AS n FROM dead`;
  return row?.n ?? 0;
}

export type IssuedToken = { token: string; tokenHash: string; expiresAt: Date; link: string };

/**
 * A fresh token for the user; the user's older open links of this kind die
 * first. The caller stores `tokenHash` and `expiresAt` in its row (each kind
 * has its own extra columns) and sends `link`.
 */
export async function issueToken(tx: Tx, kind: TokenKind, userId: string, now = new Date()): Promise<IssuedToken> {
  await supersedeTokens(tx, kind, userId, now);
  const token = newToken();
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + KINDS[kind].ttlMs), link: tokenLink(kind, token) };
}

export type TokenRow = {
  id: string;
  expiresAt: Date;
  usedAt: Date | null;
  supersededAt: Date | null;
  revokedAt: Date | null;
  user: { id: string; username: string; email: string; role: string; status: string; deletedAt: Date | null };
};

type Found = { id: string; expires_at: Date; used_at: Date | null; superseded_at: Date | null; revoked_at: Date | null; user_id: string; username: string; email: string; role: string; status: string; deleted_at: Date | null };

/** The link's row and its user, or null for an unknown (or absurd) token. */
export async function findToken(kind: TokenKind, token: string): Promise<TokenRow | null> {
  if (!token || token.length > 512) return null;
  const rows = await db().$queryRaw<Found[]>`
    SELECT t.id, t.expires_at, t.used_at, t.superseded_at, t.revoked_at,
           u.id AS user_id, u.username, u.email, u.role, u.status::text AS status, u.deleted_at
      FROM ${table(kind)} t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ${hashToken(token)}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    supersededAt: r.superseded_at,
    revokedAt: r.revoked_at,
    user: { id: r.user_id, username: r.username, email: r.email, role: r.role, status: r.status, deletedAt: r.deleted_at },
  };
}

/**
 * "valid", "expired" (otherwise usable, but past its time), "revoked"
 * (withdrawn by an admin, its user still waiting) or "invalid" (unknown,
 * used, superseded, or its user deleted or no longer in the state the link
 * is for: pending for an invitation, active for a reset).
 */
export function tokenState(row: TokenRow | null, userStatus: "pending" | "active", now = Date.now()): "valid" | "expired" | "revoked" | "invalid" {
  if (!row || row.usedAt || row.user.deletedAt || row.user.status !== userStatus) return "invalid";
  if (row.supersededAt) return row.revokedAt ? "revoked" : "invalid";
  return row.expiresAt.getTime() <= now ? "expired" : "valid";
}

/**
 * Uses the link up, inside the caller's transaction. One conditional update:
 * of any number of concurrent claims of one link exactly one gets true.
 */
export async function claimToken(tx: Tx, kind: TokenKind, id: string, now: Date): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE ${table(kind)} SET used_at = ${now}
     WHERE id = ${id} AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ${now}`;
  return n === 1;
}
