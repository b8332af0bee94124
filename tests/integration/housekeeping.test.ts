// The pruning job: what it removes, what it keeps (the audit trail, open
// links, a pending user's current invitation, anything younger than the
// retention), and that only one instance prunes at a time.
import { Client } from "pg";
import { hashToken, newToken } from "@/lib/server/auth/tokens";
import { db, pool } from "@/lib/server/db";
import { pruneExpired } from "@/lib/server/housekeeping/prune";
import { startHousekeeping, stopHousekeeping } from "@/lib/server/housekeeping/schedule";
import { LOCKS } from "@/lib/server/sql";
import { testDatabaseUrl } from "../setup/database";
import { closeTestDb, makeUser, resetDb } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

const DAY = 24 * 3600_000;
const NOW = new Date("2026-06-01T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const hash = () => hashToken(newToken());

async function ids(table: string): Promise<string[]> {
  const { rows } = await pool().query(`SELECT ${table === "rate_limits" ? "key" : "id"} AS id FROM ${table} ORDER BY 1`);
  return rows.map((r) => r.id);
}

async function invitation(userId: string, f: { usedAt?: Date; supersededAt?: Date; expiresAt: Date }) {
  return db().invitation.create({ data: { userId, tokenHash: hash(), ...f } });
}
async function reset(userId: string, f: { usedAt?: Date; supersededAt?: Date; expiresAt: Date }) {
  return db().passwordReset.create({ data: { userId, tokenHash: hash(), ...f } });
}
async function email(f: { status: "pending" | "sent" | "cancelled" | "dead"; createdAt: Date; sentAt?: Date; invitationId?: string; passwordResetId?: string }) {
  return db().emailOutbox.create({ data: { kind: f.passwordResetId ? "password_reset" : "invitation", toAddress: "x@example.org", payload: {}, ...f } });
}

describe("pruneExpired", () => {
  it("removes what has been dead longer than the retention and keeps everything else", async () => {
    const pending = await makeUser({ status: "pending" });
    const active = await makeUser();
    // Invitations: used and superseded long ago go; a recent one stays; the pending user's current one stays though expired.
    const usedOld = await invitation(active.id, { usedAt: ago(40), expiresAt: ago(35) });
    const supersededOld = await invitation(pending.id, { supersededAt: ago(60), expiresAt: ago(55) });
    const usedRecent = await invitation(active.id, { usedAt: ago(3), expiresAt: ago(1) });
    const current = await invitation(pending.id, { expiresAt: ago(45) });
    // ...and one whose email is, oddly, still waiting: it stays until the sender has decided.
    const stillMailing = await invitation(pending.id, { supersededAt: ago(50), expiresAt: ago(45) });
    await email({ status: "pending", createdAt: ago(50), invitationId: stillMailing.id });

    // Password resets: used, superseded or expired long ago go; recent ones stay.
    const resetUsed = await reset(active.id, { usedAt: ago(31), expiresAt: ago(31) });
    const resetExpired = await reset(active.id, { expiresAt: ago(40) });
    const resetRecent = await reset(active.id, { expiresAt: ago(2) });
    const resetOpen = await reset(active.id, { expiresAt: new Date(NOW.getTime() + 3600_000) });

    // Outbox: finished rows older than the retention go; pending ones never.
    const sentOld = await email({ status: "sent", createdAt: ago(45), sentAt: ago(44), invitationId: usedOld.id });
    const cancelledOld = await email({ status: "cancelled", createdAt: ago(61), invitationId: supersededOld.id });
    const deadOld = await email({ status: "dead", createdAt: ago(90), passwordResetId: resetExpired.id });
    const sentRecent = await email({ status: "sent", createdAt: ago(40), sentAt: ago(5) });
    const pendingOld = await email({ status: "pending", createdAt: ago(100) });

    // Sessions: ended or expired long ago go; a recently ended one and a live one stay.
    const tok = (f: { expiresAt: Date; revokedAt?: Date }) => db().session.create({ data: { userId: active.id, kind: "api", tokenHash: hash(), ...f } });
    const revokedOld = await tok({ expiresAt: ago(-1), revokedAt: ago(31) });
    const expiredOld = await tok({ expiresAt: ago(32) });
    const revokedRecent = await tok({ expiresAt: ago(-1), revokedAt: ago(1) });
    const live = await tok({ expiresAt: ago(-1) });

    // Rate limits: expired windows go at once.
    await pool().query(`INSERT INTO rate_limits (key, points, expire) VALUES ('login-ip:old', 3, $1), ('login-ip:live', 1, $2), ('login-ip:forever', 1, NULL)`, [
      NOW.getTime() - 1,
      NOW.getTime() + 30_000,
    ]);

    // The audit trail is never pruned.
    await db().activityLog.create({ data: { eventType: "user.login", timestamp: ago(400) } });

    const counts = await pruneExpired({ now: NOW, retentionDays: 30 });
    expect(counts).toEqual({ rateLimits: 1, outbox: 3, invitations: 2, passwordResets: 2, sessions: 2 });

    expect(await ids("invitations")).toEqual([usedRecent.id, current.id, stillMailing.id].sort());
    expect(await ids("password_resets")).toEqual([resetRecent.id, resetOpen.id].sort());
    expect(await ids("email_outbox")).toEqual([(await db().emailOutbox.findFirstOrThrow({ where: { invitationId: stillMailing.id } })).id, sentRecent.id, pendingOld.id].sort());
    expect(await ids("sessions")).toEqual([revokedRecent.id, live.id].sort());
    expect(await ids("rate_limits")).toEqual(["login-ip:forever", "login-ip:live"]);
    expect(await db().activityLog.count()).toBe(1);
    const left = [...(await ids("email_outbox")), ...(await ids("password_resets")), ...(await ids("sessions"))];
    for (const gone of [sentOld, cancelledOld, deadOld, resetUsed, resetExpired, revokedOld, expiredOld]) expect(left).not.toContain(gone.id);

    // A second round finds nothing left to do.
    expect(await pruneExpired({ now: NOW, retentionDays: 30 })).toEqual({ rateLimits: 0, outbox: 0, invitations: 0, passwordResets: 0, sessions: 0 });
  });

  it("works through more rows than one batch", async () => {
    const expire = NOW.getTime() - 1000;
    await pool().query(`INSERT INTO rate_limits (key, points, expire) SELECT 'api-user:' || i, 1, $1 FROM generate_series(1, 2500) AS i`, [expire]);
    expect((await pruneExpired({ now: NOW }))?.rateLimits).toBe(2500);
    expect(await ids("rate_limits")).toEqual([]);
  });

  it("skips the round while another instance prunes", async () => {
    await pool().query(`INSERT INTO rate_limits (key, points, expire) VALUES ('login-ip:old', 3, 1)`);
    const other = new Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock($1)`, [LOCKS.housekeeping]);
      expect(await pruneExpired({ now: NOW })).toBeNull();
      expect(await ids("rate_limits")).toEqual(["login-ip:old"]);
      await other.query(`SELECT pg_advisory_unlock($1)`, [LOCKS.housekeeping]);
      expect((await pruneExpired({ now: NOW }))?.rateLimits).toBe(1);
    } finally {
      await other.end();
    }
  });

  it("concurrent rounds never prune a row twice or fail", async () => {
    await pool().query(`INSERT INTO rate_limits (key, points, expire) SELECT 'k' || i, 1, 1 FROM generate_series(1, 300) AS i`);
    const rounds = await Promise.all(Array.from({ length: 4 }, () => pruneExpired({ now: NOW })));
    const done = rounds.filter((r) => r !== null);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.reduce((n, r) => n + r!.rateLimits, 0)).toBe(300);
  });
});

describe("the schedule", () => {
  it("starts once and stops cleanly", async () => {
    startHousekeeping();
    startHousekeeping();
    await stopHousekeeping();
    await stopHousekeeping();
  });
});
