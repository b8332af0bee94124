// Self-service password reset through the services: no account enumeration,
// hashed single-use 1-hour links, supersession, the password policy, the end
// of every session and API token, one winner among concurrent confirmations,
// the per-IP limit, and the outbox delivering (or cancelling) the email.
import { closeTestDb, makeUser, META, PASSWORD, resetDb, unwrap } from "../helpers";
import type { Ctx } from "@/lib/server/auth/actor";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { verifyPassword } from "@/lib/server/auth/passwords";
import { actorForBearer, actorForToken } from "@/lib/server/auth/resolve";
import { openSession } from "@/lib/server/auth/sessions";
import { hashToken } from "@/lib/server/auth/tokens";
import { pool } from "@/lib/server/db";
import { deliverDue } from "@/lib/server/email/sender";
import { logger } from "@/lib/server/logger";
import { checkPasswordReset, confirmPasswordReset } from "@/lib/server/password-reset/confirm";
import { PASSWORD_RESET_TTL_MS, requestPasswordReset } from "@/lib/server/password-reset/request";
import { RESET_DONE_MESSAGE, RESET_INVALID_MESSAGE, RESET_REQUESTED_MESSAGE } from "@/lib/schemas/password-reset";

const STRONG = "Velvet-Orbit-2026!";
let ipSeq = 0;
/** An anonymous visitor with an address of its own, so the per-IP limit stays out of the way. */
const visitor = (): Ctx => ({ actor: null, meta: { ip: `198.51.100.${(ipSeq++ % 250) + 1}`, userAgent: "jest" } });

type OutboxRow = { id: string; kind: string; status: string; payload: { link?: string; username?: string; expiresAt?: string }; password_reset_id: string | null };
const outbox = async (to: string): Promise<OutboxRow[]> =>
  (await pool().query(`SELECT id, kind, status, payload, password_reset_id FROM email_outbox WHERE to_address = $1 ORDER BY id`, [to])).rows;
const resets = async (userId: string) =>
  (await pool().query(`SELECT * FROM password_resets WHERE user_id = $1 ORDER BY id`, [userId])).rows;
const tokenOf = (row: OutboxRow) => new URL(row.payload.link!).searchParams.get("token")!;

/** Asks for a reset and returns the token from the queued (not yet sent) email. */
async function requestToken(email: string): Promise<string> {
  expect(unwrap(await requestPasswordReset(visitor(), { email })).message).toBe(RESET_REQUESTED_MESSAGE);
  const rows = (await outbox(email)).filter((r) => r.status === "pending");
  expect(rows).toHaveLength(1);
  return tokenOf(rows[0]);
}

beforeEach(resetDb);
afterAll(closeTestDb);

describe("requesting a reset", () => {
  it("for an active user queues one email and stores only the token's hash", async () => {
    const u = await makeUser({ username: "alma" });
    const before = Date.now();
    const token = await requestToken(u.email);
    const [row] = await outbox(u.email);
    expect(row).toMatchObject({ kind: "password_reset", status: "pending", payload: { username: "alma" } });
    expect(row.payload.link).toBe(`http://sel.test/admin/reset-password?token=${token}`);

    const [reset] = await resets(u.id);
    expect(row.password_reset_id).toBe(reset.id);
    expect(reset.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(reset)).not.toContain(token);
    const expires = (reset.expires_at as Date).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + PASSWORD_RESET_TTL_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + PASSWORD_RESET_TTL_MS);
    expect(PASSWORD_RESET_TTL_MS).toBe(3600 * 1000);

    const { rows: acts } = await pool().query(`SELECT event_type, user_id AS actor_id, resource_id, details FROM activity_logs`);
    expect(acts).toEqual([{ event_type: "user.password_reset_requested", actor_id: null, resource_id: u.id, details: { username: "alma" } }]);
    expect(JSON.stringify(acts)).not.toContain(token);
    expect(await checkPasswordReset(token)).toMatchObject({ state: "valid", username: "alma", inputs: expect.arrayContaining(["alma", "alma@example.org", "togather"]) });
  });

  it("answers the same for unknown, pending, inactive and deleted addresses, and queues nothing", async () => {
    await makeUser({ username: "penny", status: "pending" });
    await makeUser({ username: "ivan", status: "inactive" });
    await makeUser({ username: "dell", deleted: true });
    for (const email of ["nobody@example.org", "penny@example.org", "ivan@example.org", "dell@example.org"]) {
      const started = Date.now();
      expect(await requestPasswordReset(visitor(), { email })).toEqual({ ok: true, data: { message: RESET_REQUESTED_MESSAGE } });
      // The answer never comes back faster than a real request's would.
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    }
    const { rows } = await pool().query(`SELECT (SELECT count(*)::int FROM email_outbox) AS mails, (SELECT count(*)::int FROM password_resets) AS resets, (SELECT count(*)::int FROM activity_logs) AS acts`);
    expect(rows[0]).toEqual({ mails: 0, resets: 0, acts: 0 });
  });

  it("matches the address whatever its case, and refuses a malformed one with a field error", async () => {
    const u = await makeUser({ username: "casey" });
    expect(await requestPasswordReset(visitor(), { email: "  CASEY@Example.ORG " })).toMatchObject({ ok: true });
    expect(await outbox("casey@example.org")).toHaveLength(1);
    expect(await requestPasswordReset(visitor(), { email: "not-an-email" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { email: "Enter a valid email address" } });
    expect(await requestPasswordReset(visitor(), {})).toMatchObject({ ok: false, code: "validation" });
    expect(await resets(u.id)).toHaveLength(1);
  });

  it("a new request supersedes the old link and erases its unsent email", async () => {
    const u = await makeUser();
    const oldToken = await requestToken(u.email);
    const newToken = await requestToken(u.email);
    const rows = await outbox(u.email);
    expect(rows.map((r) => [r.status, r.payload])).toEqual([["cancelled", {}], ["pending", expect.objectContaining({ username: u.username })]]);
    expect(await checkPasswordReset(oldToken)).toEqual({ state: "invalid" });
    expect(await confirmPasswordReset(visitor(), { token: oldToken, password: STRONG })).toMatchObject({ ok: false, code: "invalid_token", message: RESET_INVALID_MESSAGE });
    expect(await confirmPasswordReset(visitor(), { token: newToken, password: STRONG })).toEqual({ ok: true, data: { message: RESET_DONE_MESSAGE } });
  });
});

describe("confirming a reset", () => {
  it("sets the new password once; the link cannot be used again", async () => {
    const u = await makeUser({ username: "otto" });
    const token = await requestToken(u.email);
    expect(await confirmPasswordReset(visitor(), { token, password: STRONG, password_confirm: STRONG })).toEqual({ ok: true, data: { message: RESET_DONE_MESSAGE } });
    const { rows } = await pool().query(`SELECT password_hash FROM users WHERE id = $1`, [u.id]);
    expect(await verifyPassword(STRONG, rows[0].password_hash)).toBe(true);
    expect(await verifyPassword(PASSWORD, rows[0].password_hash)).toBe(false);
    expect((await resets(u.id))[0].used_at).toBeInstanceOf(Date);

    expect(await confirmPasswordReset(visitor(), { token, password: "Another-Pass-2026!" })).toMatchObject({ ok: false, code: "invalid_token", message: RESET_INVALID_MESSAGE });
    expect(await checkPasswordReset(token)).toEqual({ state: "invalid" });
    const { rows: acts } = await pool().query(`SELECT event_type, user_id AS actor_id, details FROM activity_logs WHERE event_type = 'user.password_changed'`);
    expect(acts).toEqual([{ event_type: "user.password_changed", actor_id: u.id, details: { username: "otto", via: "password reset" } }]);
  });

  it("refuses an expired link, an unknown one, and one whose user is no longer active", async () => {
    const u = await makeUser();
    const token = await requestToken(u.email);
    await pool().query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    expect(await confirmPasswordReset(visitor(), { token, password: STRONG })).toMatchObject({ ok: false, code: "invalid_token", message: RESET_INVALID_MESSAGE });
    expect(await confirmPasswordReset(visitor(), { token: "no-such-token", password: STRONG })).toMatchObject({ ok: false, code: "invalid_token" });
    expect(await confirmPasswordReset(visitor(), { token: "x".repeat(600), password: STRONG })).toMatchObject({ ok: false, code: "validation" });

    const v = await makeUser();
    const vToken = await requestToken(v.email);
    await pool().query(`UPDATE users SET status = 'inactive' WHERE id = $1`, [v.id]);
    expect(await checkPasswordReset(vToken)).toEqual({ state: "invalid" });
    expect(await confirmPasswordReset(visitor(), { token: vToken, password: STRONG })).toMatchObject({ ok: false, code: "invalid_token" });
  });

  it("refuses a weak password with every failed rule and leaves the link usable", async () => {
    const u = await makeUser({ username: "wanda" });
    const token = await requestToken(u.email);
    const weak = await confirmPasswordReset(visitor(), { token, password: "wanda" });
    expect(weak).toMatchObject({ ok: false, code: "weak_password" });
    const rules = Object.keys((weak as { fieldErrors: Record<string, string> }).fieldErrors);
    expect(rules).toEqual(expect.arrayContaining(["password.length", "password.uppercase", "password.number", "password.special", "password.username"]));
    expect(await confirmPasswordReset(visitor(), { token, password: "passwordpassword" })).toMatchObject({ ok: false, code: "weak_password", fieldErrors: { "password.common": expect.any(String) } });
    expect(await confirmPasswordReset(visitor(), { token, password: STRONG, password_confirm: "different" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { password_confirm: "Passwords do not match" } });
    expect((await resets(u.id))[0].used_at).toBeNull();
    expect(await confirmPasswordReset(visitor(), { token, password: STRONG })).toMatchObject({ ok: true });
  });

  it("ends every session and API token of the user", async () => {
    const u = await makeUser();
    const { token: bearer } = unwrap(await issueApiToken(visitor(), { username: u.username, password: PASSWORD }));
    const browser = await openSession(u.id, "browser", META);
    expect(await actorForToken("browser", browser.token)).not.toBeNull();
    expect(await actorForBearer(`Bearer ${bearer}`)).not.toBeNull();

    unwrap(await confirmPasswordReset(visitor(), { token: await requestToken(u.email), password: STRONG }));
    expect(await actorForToken("browser", browser.token)).toBeNull();
    expect(await actorForBearer(`Bearer ${bearer}`)).toBeNull();
    const { rows } = await pool().query(`SELECT count(*)::int AS live FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [u.id]);
    expect(rows[0]).toEqual({ live: 0 });
  });

  it("of 20 concurrent confirmations of one link exactly one succeeds", async () => {
    const u = await makeUser();
    const token = await requestToken(u.email);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => confirmPasswordReset(visitor(), { token, password: `${STRONG}${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(Array(19).fill("invalid_token"));
    const { rows: acts } = await pool().query(`SELECT count(*)::int AS n FROM activity_logs WHERE event_type = 'user.password_changed'`);
    expect(acts[0].n).toBe(1);
  }, 60_000);
});

describe("limits and delivery", () => {
  it("allows 10 reset calls a minute per IP, requests and confirmations together", async () => {
    const ctx = visitor();
    for (let i = 0; i < 9; i++) expect(await requestPasswordReset(ctx, { email: `x${i}@example.org` })).toMatchObject({ ok: true });
    expect(await confirmPasswordReset(ctx, { token: "nope", password: STRONG })).toMatchObject({ code: "invalid_token" });
    const over = await requestPasswordReset(ctx, { email: "x@example.org" });
    expect(over).toMatchObject({ ok: false, code: "rate_limited" });
    expect((over as { retryAfter?: number }).retryAfter).toBeGreaterThan(0);
    expect(await confirmPasswordReset(ctx, { token: "nope", password: STRONG })).toMatchObject({ code: "rate_limited" });
    // Another address is not affected.
    expect(await requestPasswordReset(visitor(), { email: "x@example.org" })).toMatchObject({ ok: true });
  });

  it("the outbox sends the reset email (log provider prints the link) and erases the link", async () => {
    const u = await makeUser({ username: "lena" });
    const token = await requestToken(u.email);
    const lines: string[] = [];
    const spy = jest.spyOn(logger(), "info").mockImplementation(((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    }) as never);
    try {
      expect(await deliverDue()).toMatchObject({ sent: 1, cancelled: 0 });
    } finally {
      spy.mockRestore();
    }
    const line = lines.find((l) => l.includes(`password reset email not sent (EMAIL_PROVIDER=log): share this link with ${u.email}: `));
    expect(line).toContain(`/admin/reset-password?token=${token}`);
    expect(await outbox(u.email)).toEqual([expect.objectContaining({ status: "sent", payload: { username: "lena", expiresAt: expect.any(String) } })]);
  });

  it("cancels an unsent reset email whose link was used, or whose user was deactivated", async () => {
    const u = await makeUser();
    unwrap(await confirmPasswordReset(visitor(), { token: await requestToken(u.email), password: STRONG }));
    const v = await makeUser();
    await requestToken(v.email);
    await pool().query(`UPDATE users SET status = 'inactive' WHERE id = $1`, [v.id]);
    expect(await deliverDue()).toMatchObject({ sent: 0, cancelled: 2 });
    for (const email of [u.email, v.email]) {
      const rows = await outbox(email);
      expect(rows).toEqual([expect.objectContaining({ status: "cancelled" })]);
      expect(rows[0].payload).not.toHaveProperty("link");
    }
  });
});
