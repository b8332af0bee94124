// Invitation tokens end to end through the services: 7-day expiry, resend
// supersedes, single use, and one winner among concurrent accepts.
import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";
import { pool } from "@/lib/server/db";
import { acceptInvitation, EXPIRED_MESSAGE, INVALID_MESSAGE } from "@/lib/server/invitations/accept";
import { INVITATION_TTL_MS } from "@/lib/server/invitations/issue";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import type { Ctx } from "@/lib/server/auth/actor";
import { writeFigures } from "../proof/report";

const STRONG = "Velvet-Orbit-2026!";
let ipSeq = 0;
/** An anonymous visitor; each gets its own address so the per-IP limit stays out of the way. */
const visitor = (): Ctx => ({ actor: null, meta: { ip: `198.51.100.${(ipSeq++ % 250) + 1}`, userAgent: "jest" } });

/** The token of the newest pending invitation email to an address (read before the outbox sends it). */
async function tokenFor(email: string): Promise<string> {
  const { rows } = await pool().query(`SELECT payload FROM email_outbox WHERE to_address = $1 AND status = 'pending' ORDER BY id DESC LIMIT 1`, [email]);
  return new URL(rows[0].payload.link).searchParams.get("token")!;
}

let admin: Awaited<ReturnType<typeof adminCtx>>;
beforeEach(async () => {
  await resetDb();
  admin = await adminCtx();
});
afterAll(closeTestDb);

const invite = async (username: string) => unwrap(await createUser(admin.ctx, { username, email: `${username}@example.org`, role: "editor" }));

describe("invitation tokens", () => {
  it("live 7 days; an expired one is refused with the expired message", async () => {
    const before = Date.now();
    const user = await invite("olive");
    const { rows } = await pool().query(`SELECT expires_at FROM invitations WHERE user_id = $1`, [user.id]);
    const expires = (rows[0].expires_at as Date).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + INVITATION_TTL_MS);
    expect(expires).toBeLessThanOrEqual(Date.now() + INVITATION_TTL_MS);
    expect(INVITATION_TTL_MS).toBe(7 * 24 * 3600 * 1000);

    const token = await tokenFor("olive@example.org");
    await pool().query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    expect(await acceptInvitation(visitor(), { token, password: STRONG })).toMatchObject({ ok: false, code: "invalid_invitation", message: EXPIRED_MESSAGE });
    const { rows: u } = await pool().query(`SELECT status, password_hash FROM users WHERE id = $1`, [user.id]);
    expect(u[0]).toEqual({ status: "pending", password_hash: null });
  });

  it("a resend kills the old link and its unsent email; the new link works", async () => {
    const user = await invite("pete");
    const oldToken = await tokenFor("pete@example.org");
    unwrap(await resendInvitation(admin.ctx, user.id));
    const newToken = await tokenFor("pete@example.org");
    expect(newToken).not.toBe(oldToken);

    const { rows: emails } = await pool().query(`SELECT status, payload FROM email_outbox WHERE to_address = 'pete@example.org' ORDER BY id`);
    expect(emails.map((e) => e.status)).toEqual(["cancelled", "pending"]);
    expect(emails[0].payload).toEqual({});

    expect(await acceptInvitation(visitor(), { token: oldToken, password: STRONG })).toMatchObject({ ok: false, code: "invalid_invitation", message: INVALID_MESSAGE });
    expect(await acceptInvitation(visitor(), { token: newToken, password: STRONG })).toMatchObject({ ok: true });
  });

  it("are single use", async () => {
    await invite("quinn");
    const token = await tokenFor("quinn@example.org");
    expect(await acceptInvitation(visitor(), { token, password: STRONG })).toMatchObject({ ok: true, data: { message: "Password set successfully. Please log in." } });
    expect(await acceptInvitation(visitor(), { token, password: "Another-Pass-2026!" })).toMatchObject({ ok: false, code: "invalid_invitation", message: INVALID_MESSAGE });
  });

  it("do nothing for a deleted user or one who is already active", async () => {
    const gone = await invite("rosa");
    const goneToken = await tokenFor("rosa@example.org");
    unwrap(await deleteUser(admin.ctx, gone.id));
    expect(await acceptInvitation(visitor(), { token: goneToken, password: STRONG })).toMatchObject({ ok: false, code: "invalid_invitation" });

    const active = await invite("saul");
    const activeToken = await tokenFor("saul@example.org");
    // Activated some other way while the invitation was still open.
    await pool().query(`UPDATE users SET status = 'active', password_hash = 'x' WHERE id = $1`, [active.id]);
    expect(await acceptInvitation(visitor(), { token: activeToken, password: STRONG })).toMatchObject({ ok: false, code: "invalid_invitation" });
    const { rows } = await pool().query(`SELECT password_hash FROM users WHERE id = $1`, [active.id]);
    expect(rows[0].password_hash).toBe("x");
  });

  it("refuse a weak password with every failing rule, and stay usable", async () => {
    await invite("tina");
    const token = await tokenFor("tina@example.org");
    const weak = await acceptInvitation(visitor(), { token, password: "zq-tina-qz" });
    expect(weak).toMatchObject({ ok: false, code: "weak_password" });
    if (weak.ok) throw new Error("unreachable");
    expect(Object.keys(weak.fieldErrors ?? {}).sort()).toEqual(["password.common", "password.length", "password.number", "password.uppercase", "password.username"]);
    expect(weak.fieldErrors?.["password.length"]).toBe("Password must be at least 12 characters");

    const common = await acceptInvitation(visitor(), { token, password: "Password1234" });
    expect(common).toMatchObject({ ok: false, code: "weak_password" });
    expect(!common.ok && Object.keys(common.fieldErrors ?? {}).sort()).toEqual(["password.common", "password.special"]);

    expect(await acceptInvitation(visitor(), { token, password: STRONG })).toMatchObject({ ok: true });
  });

  it("accepted 50 times at once: exactly one succeeds", async () => {
    const user = await invite("uma");
    const token = await tokenFor("uma@example.org");
    const results = await Promise.all(Array.from({ length: 50 }, () => acceptInvitation(visitor(), { token, password: STRONG })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const failures = results.filter((r) => !r.ok);
    expect(failures).toHaveLength(49);
    expect(new Set(failures.map((r) => !r.ok && `${r.code}: ${r.message}`))).toEqual(new Set([`invalid_invitation: ${INVALID_MESSAGE}`]));

    const { rows } = await pool().query(`SELECT status, password_hash FROM users WHERE id = $1`, [user.id]);
    expect(rows[0].status).toBe("active");
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$/);
    const { rows: used } = await pool().query(`SELECT used_at FROM invitations WHERE user_id = $1`, [user.id]);
    expect(used[0].used_at).toBeInstanceOf(Date);
    const { rows: events } = await pool().query(
      `SELECT user_id, resource_id FROM activity_logs WHERE event_type = 'user.invitation_accepted' AND resource_id = $1`,
      [user.id],
    );
    expect(events).toEqual([{ user_id: user.id, resource_id: user.id }]);
    writeFigures("race-accept-one-token", { concurrent: 50, succeeded: 1, refused: failures.length, acceptedRows: events.length });
  }, 120_000);
});
