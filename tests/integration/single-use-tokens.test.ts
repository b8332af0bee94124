// The one module behind invitation and password-reset links: issue (the
// older open links die), find by the token's hash, claim exactly once under
// concurrency, supersede (and cancel their unsent emails).
import { claimToken, findToken, issueToken, supersedeTokens, tokenState, type TokenKind } from "@/lib/server/auth/single-use";
import { db, pool } from "@/lib/server/db";
import { queueInvitationEmail, queuePasswordResetEmail } from "@/lib/server/email/queue";
import { closeTestDb, makeUser, resetDb } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

/** Issues and stores a link as the invitation and reset services do, with its queued email. */
async function issue(kind: TokenKind, user: { id: string; username: string; email: string }) {
  return db().$transaction(async (tx) => {
    const t = await issueToken(tx, kind, user.id);
    if (kind === "invitation") {
      const row = await tx.invitation.create({ data: { userId: user.id, tokenHash: t.tokenHash, expiresAt: t.expiresAt } });
      await queueInvitationEmail(tx, { to: user.email, invitationId: row.id, payload: { username: user.username, role: "viewer", link: t.link, expiresAt: t.expiresAt.toISOString() } });
      return { ...t, id: row.id };
    }
    const row = await tx.passwordReset.create({ data: { userId: user.id, tokenHash: t.tokenHash, expiresAt: t.expiresAt } });
    await queuePasswordResetEmail(tx, { to: user.email, passwordResetId: row.id, payload: { username: user.username, link: t.link, expiresAt: t.expiresAt.toISOString() } });
    return { ...t, id: row.id };
  });
}

describe.each([
  ["invitation", "pending", "/admin/accept-invitation?token=", 7 * 24 * 3600_000],
  ["password_reset", "active", "/admin/reset-password?token=", 3600_000],
] as const)("%s links", (kind, status, path, ttl) => {
  it("store only the hash, expire on time and are found by the raw token", async () => {
    const user = await makeUser({ status });
    const before = Date.now();
    const t = await issue(kind, user);
    expect(t.link).toBe(`http://sel.test${path}${t.token}`);
    expect(t.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(t.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(t.expiresAt.getTime()).toBeGreaterThanOrEqual(before + ttl);
    const table = kind === "invitation" ? "invitations" : "password_resets";
    const { rows } = await pool().query(`SELECT token_hash FROM ${table}`);
    expect(rows).toEqual([{ token_hash: t.tokenHash }]);

    const found = await findToken(kind, t.token);
    expect(found).toMatchObject({ id: t.id, usedAt: null, supersededAt: null, user: { id: user.id, username: user.username, status } });
    expect(found!.expiresAt).toBeInstanceOf(Date);
    expect(tokenState(found, status)).toBe("valid");
    expect(tokenState(found, status, t.expiresAt.getTime())).toBe("expired");
    expect(tokenState(found, status === "active" ? "pending" : "active")).toBe("invalid");
    for (const bad of ["", "x", t.token.slice(1), "y".repeat(600)]) expect(await findToken(kind, bad)).toBeNull();
  });

  it("20 concurrent claims of one link: exactly one wins", async () => {
    const user = await makeUser({ status });
    const t = await issue(kind, user);
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => db().$transaction((tx) => claimToken(tx, kind, t.id, now))));
    expect(results.filter(Boolean)).toHaveLength(1);
    const found = await findToken(kind, t.token);
    expect(found!.usedAt).not.toBeNull();
    expect(tokenState(found, status)).toBe("invalid");
    // A used link cannot be claimed again, nor an expired one.
    expect(await db().$transaction((tx) => claimToken(tx, kind, t.id, new Date()))).toBe(false);
    const late = await issue(kind, user);
    expect(await db().$transaction((tx) => claimToken(tx, kind, late.id, new Date(late.expiresAt.getTime() + 1)))).toBe(false);
  });

  it("a new link supersedes the user's open ones and cancels their unsent email; other users keep theirs", async () => {
    const user = await makeUser({ status });
    const other = await makeUser({ status });
    const first = await issue(kind, user);
    const mine = await issue(kind, other);
    const second = await issue(kind, user);
    expect(tokenState(await findToken(kind, first.token), status)).toBe("invalid");
    expect(tokenState(await findToken(kind, second.token), status)).toBe("valid");
    expect(tokenState(await findToken(kind, mine.token), status)).toBe("valid");
    const column = kind === "invitation" ? "invitation_id" : "password_reset_id";
    const { rows } = await pool().query(`SELECT ${column} AS id, status, payload FROM email_outbox ORDER BY id`);
    expect(rows).toEqual([
      { id: first.id, status: "cancelled", payload: {} },
      { id: mine.id, status: "pending", payload: expect.objectContaining({ link: mine.link }) },
      { id: second.id, status: "pending", payload: expect.objectContaining({ link: second.link }) },
    ]);

    await db().$transaction((tx) => supersedeTokens(tx, kind, user.id, new Date()));
    expect(tokenState(await findToken(kind, second.token), status)).toBe("invalid");
    expect(await db().$transaction((tx) => claimToken(tx, kind, second.id, new Date()))).toBe(false);
  });
});

it("the two kinds never see each other's links", async () => {
  const user = await makeUser({ status: "active" });
  const reset = await issue("password_reset", user);
  expect(await findToken("invitation", reset.token)).toBeNull();
  await db().$transaction((tx) => supersedeTokens(tx, "invitation", user.id, new Date()));
  expect(tokenState(await findToken("password_reset", reset.token), "active")).toBe("valid");
});
