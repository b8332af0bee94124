import "server-only";
import { isRole } from "@/lib/roles";
import { pool } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import type { InvitationPayload, PasswordResetPayload } from "./queue";
import { DeliveryError, transport } from "./providers";
import { renderInvitationEmail, renderPasswordResetEmail, type RenderedEmail } from "./render";

// Delivers due outbox rows. A row is claimed with one short statement that
// takes a lease (next_attempt_at moves into the future), so no transaction is
// ever held open (with a pooled connection and its row locks) while talking
// SMTP or HTTP, another instance cannot take the same row while
// the lease runs, and a crash mid-send leaves the row to be claimed again
// once the lease is over.

export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 20;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min ... at most 15 min. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

type Claimed = {
  id: string;
  kind: string;
  to_address: string;
  payload: Partial<InvitationPayload & PasswordResetPayload>;
  invitation_id: string | null;
  password_reset_id: string | null;
  attempts: number;
  /** Why the email should not go out any more, if so. */
  stale: string | null;
};

export type DeliveryCounts = { claimed: number; sent: number; failed: number; dead: number; cancelled: number };

async function claim(limit: number, now: Date | null): Promise<Claimed[]> {
  const { rows } = await pool().query<Claimed>(
    `WITH due AS (
       SELECT id FROM email_outbox
        WHERE status = 'pending' AND next_attempt_at <= coalesce($2::timestamptz, now())
        ORDER BY next_attempt_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT $1
     ), claimed AS (
       UPDATE email_outbox o
          SET next_attempt_at = coalesce($2::timestamptz, now()) + make_interval(secs => $3),
              attempts = o.attempts + 1
         FROM due WHERE o.id = due.id
       RETURNING o.id, o.kind, o.to_address, o.payload, o.invitation_id, o.password_reset_id, o.attempts
     )
     SELECT c.*,
            CASE WHEN c.invitation_id IS NOT NULL THEN
                   CASE WHEN i.id IS NULL OR i.used_at IS NOT NULL OR i.superseded_at IS NOT NULL
                          OR u.deleted_at IS NOT NULL OR u.status <> 'pending' THEN 'invitation no longer open'
                        WHEN i.expires_at <= coalesce($2::timestamptz, now()) THEN 'invitation expired before the email could be sent'
                   END
                 WHEN c.kind = 'password_reset' THEN
                   CASE WHEN r.id IS NULL OR r.used_at IS NOT NULL OR r.superseded_at IS NOT NULL
                          OR ru.deleted_at IS NOT NULL OR ru.status <> 'active' THEN 'password reset no longer open'
                        WHEN r.expires_at <= coalesce($2::timestamptz, now()) THEN 'password reset expired before the email could be sent'
                   END
            END AS stale
       FROM claimed c
       LEFT JOIN invitations i ON i.id = c.invitation_id
       LEFT JOIN users u ON u.id = i.user_id
       LEFT JOIN password_resets r ON r.id = c.password_reset_id
       LEFT JOIN users ru ON ru.id = r.user_id
      ORDER BY c.id`,
    [limit, now, LEASE_SECONDS],
  );
  return rows;
}

// The link holds the token: once the email is out (or never will be), only
// the non-secret fields stay.
const ERASE_LINK = `payload - 'link'`;

// The log provider hands the link to the server log and sends nothing: the
// outbox row is done, the invitation says "not sent".
async function recordSent(row: Claimed, now: Date | null, emailed: boolean): Promise<void> {
  await pool().query(
    `WITH o AS (
       UPDATE email_outbox SET status = 'sent', sent_at = coalesce($2::timestamptz, now()), last_error = NULL, payload = ${ERASE_LINK}
        WHERE id = $1 AND status = 'pending'
       RETURNING invitation_id
     )
     UPDATE invitations
        SET delivery_status = CASE WHEN $3::boolean THEN 'sent' ELSE 'not_sent' END::"DeliveryStatus",
            sent_at = CASE WHEN $3::boolean THEN coalesce($2::timestamptz, now()) END,
            last_error = NULL
      WHERE id IN (SELECT invitation_id FROM o)`,
    [row.id, now, emailed],
  );
}

async function recordFailure(row: Claimed, message: string, dead: boolean, now: Date | null): Promise<void> {
  await pool().query(
    `WITH o AS (
       UPDATE email_outbox
          SET last_error = $2,
              next_attempt_at = coalesce($4::timestamptz, now()) + make_interval(secs => $5),
              status = CASE WHEN $3::boolean THEN 'dead'::"OutboxStatus" ELSE status END,
              payload = CASE WHEN $3::boolean THEN ${ERASE_LINK} ELSE payload END
        WHERE id = $1 AND status = 'pending'
       RETURNING invitation_id
     )
     UPDATE invitations SET delivery_status = 'failed', last_error = $2
      WHERE id IN (SELECT invitation_id FROM o)`,
    [row.id, message, dead, now, backoffMs(row.attempts) / 1000],
  );
}

async function cancel(row: Claimed, reason: string): Promise<void> {
  await pool().query(
    `UPDATE email_outbox SET status = 'cancelled', last_error = $2, payload = ${ERASE_LINK} WHERE id = $1 AND status = 'pending'`,
    [row.id, reason],
  );
}

/** Never let the token reach a log line or last_error, whatever a server echoed back. */
function scrub(message: string, payload: Claimed["payload"]): string {
  let out = message;
  const link = payload.link;
  if (link) {
    out = out.split(link).join("[link]");
    const token = URL.canParse(link) ? new URL(link).searchParams.get("token") : null;
    if (token) out = out.split(token).join("[token]");
  }
  return out.slice(0, 500);
}

// The kinds of email the outbox carries, and the words the log uses for each.
const LABELS: Record<string, string> = { invitation: "invitation", password_reset: "password reset" };

/** The message for a row, or a permanent failure when the row cannot be rendered. */
async function renderRow(row: Claimed): Promise<RenderedEmail> {
  const p = row.payload;
  if (row.kind === "invitation" && p.link && p.username && isRole(p.role) && p.expiresAt)
    return renderInvitationEmail({ username: p.username, role: p.role, link: p.link, expiresAt: p.expiresAt });
  if (row.kind === "password_reset" && p.link && p.username && p.expiresAt)
    return renderPasswordResetEmail({ username: p.username, link: p.link, expiresAt: p.expiresAt });
  throw new DeliveryError(`unusable outbox row (kind ${row.kind}, payload incomplete)`, true);
}

async function deliverOne(row: Claimed, now: Date | null, counts: DeliveryCounts): Promise<void> {
  const log = logger();
  const label = LABELS[row.kind] ?? row.kind;
  const meta = { outboxId: row.id, to: row.to_address, attempt: row.attempts };
  if (row.stale) {
    await cancel(row, row.stale);
    counts.cancelled += 1;
    log.info({ ...meta, reason: row.stale }, `${label} email cancelled`);
    return;
  }
  const t = transport();
  try {
    const message = await renderRow(row);
    const link = row.payload.link;
    const result = await t.send({ ...message, to: row.to_address, from: env().EMAIL_FROM, link, label, idempotencyKey: `outbox-${row.id}` });
    await recordSent(row, now, t.name !== "log");
    counts.sent += 1;
    // The log provider wrote its own line with the link; this one must not claim a sending.
    if (t.name !== "log") log.info({ ...meta, provider: t.name, messageId: result.id }, `${label} email sent`);
  } catch (err) {
    const classified = err instanceof DeliveryError ? err : new DeliveryError(`unexpected error: ${(err as Error)?.message ?? String(err)}`);
    const message = scrub(classified.message, row.payload);
    const dead = classified.permanent || row.attempts >= MAX_ATTEMPTS;
    await recordFailure(row, message, dead, now);
    if (dead) counts.dead += 1;
    else counts.failed += 1;
    log.warn(
      { ...meta, provider: t.name, cause: message, permanent: classified.permanent, retryInSeconds: dead ? null : backoffMs(row.attempts) / 1000 },
      `${label} email ${dead ? "given up" : "failed"}: ${message}`,
    );
  }
}

/**
 * Sends every due email (up to `limit`) and records each outcome on the
 * outbox row and, for invitations, on the invitation (the admin sees it).
 * Safe to run from several processes at once.
 * `now` stands in for the database clock (tests).
 */
export async function deliverDue(opts: { limit?: number; now?: Date } = {}): Promise<DeliveryCounts> {
  const now = opts.now ?? null;
  const rows = await claim(Math.max(1, Math.min(opts.limit ?? 25, 500)), now);
  const counts: DeliveryCounts = { claimed: rows.length, sent: 0, failed: 0, dead: 0, cancelled: 0 };
  for (const row of rows) await deliverOne(row, now, counts);
  return counts;
}
