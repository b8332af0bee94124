import "server-only";
import type { PoolClient } from "pg";
import { pool } from "../db";
import { env } from "../env";
import { LOCKS } from "../sql";

// What the node may forget, and when. Nothing here is audit evidence: the
// activity log (who logged in, who invited whom, who reset a password) is
// never pruned (ACTIVITY_RETENTION_DAYS archives it instead: ../activity/retention.ts). What goes is the machinery behind it, once it has been dead
// for the retention period (HOUSEKEEPING_RETENTION_DAYS, 30 by default), so
// a support question about last week can still be answered from it:
//
// - rate_limits: windows that have expired (no retention: they mean nothing).
// - email_outbox: rows that are finished (sent, cancelled, given up).
// - invitations and password_resets: links that were used or superseded, and
//   reset links that expired. A pending user's current invitation stays even
//   when expired: the users table shows it as such until an admin resends.
// - sessions: ended or expired browser sessions and API tokens.
//
// Each table is cleared in batches of short statements, so no lock is held
// for long; an advisory lock lets one instance prune at a time (the others
// skip the round).

export type PruneCounts = { rateLimits: number; outbox: number; invitations: number; passwordResets: number; sessions: number };

const BATCH = 1000;

// A token row may go once no unsent email still points at it.
const noPendingEmail = (column: string) => `NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.${column} = t.id AND o.status = 'pending')`;

// $1 is the cutoff: a timestamp, except for rate_limits, whose `expire` is epoch milliseconds of now.
const RULES: { key: keyof PruneCounts; table: string; where: string; now?: true }[] = [
  { key: "rateLimits", table: "rate_limits", where: `t.expire IS NOT NULL AND t.expire < $1::bigint`, now: true },
  { key: "outbox", table: "email_outbox", where: `t.status <> 'pending' AND coalesce(t.sent_at, t.created_at) < $1` },
  {
    key: "invitations",
    table: "invitations",
    where: `coalesce(t.used_at, t.superseded_at) < $1 AND ${noPendingEmail("invitation_id")}`,
  },
  { key: "passwordResets", table: "password_resets", where: `coalesce(t.used_at, t.superseded_at, t.expires_at) < $1 AND ${noPendingEmail("password_reset_id")}` },
  { key: "sessions", table: "sessions", where: `t.revoked_at < $1 OR t.expires_at < $1` },
];

async function prune(client: PoolClient, table: string, where: string, param: unknown): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await client.query(
      `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT t.ctid FROM ${table} t WHERE ${where} LIMIT ${BATCH}))`,
      [param],
    );
    total += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < BATCH) return total;
  }
}

/**
 * One round of pruning. Returns what was removed, or null when another
 * instance is pruning right now. `now` stands in for the clock (tests).
 */
export async function pruneExpired(opts: { now?: Date; retentionDays?: number } = {}): Promise<PruneCounts | null> {
  const now = opts.now ?? new Date();
  const retentionMs = (opts.retentionDays ?? env().HOUSEKEEPING_RETENTION_DAYS) * 24 * 60 * 60 * 1000;
  const client = await pool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [LOCKS.housekeeping]);
    if (!rows[0]?.ok) return null;
    try {
      const cutoff = new Date(now.getTime() - retentionMs);
      const counts = { rateLimits: 0, outbox: 0, invitations: 0, passwordResets: 0, sessions: 0 };
      // The outbox first: the token rules look for emails still pointing at a row.
      for (const rule of RULES) counts[rule.key] = await prune(client, rule.table, rule.where, rule.now ? now.getTime() : cutoff);
      return counts;
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1)`, [LOCKS.housekeeping]);
    }
  } finally {
    client.release();
  }
}
