// REST API: the security controls an admin has over an account (unlock,
// send a password reset, revoke an invitation), the lockout as two app
// instances on one database see it, and the password policy at the API's
// doors (accept-invitation, password-reset/confirm).
import { COMMON_PASSWORDS, PRODUCT_PASSWORDS } from "../tests/password-samples";
import { expectProblem, insertInvitation, login, resetRateLimits, session, uniq } from "./support/api";
import { createUser, expect, linkIn, PASSWORD, resetLinkIn, sql, test, waitForMail } from "./support/fixtures";
import { startSecondInstance } from "./support/second-instance";

const USERS = "/api/v1/admin/users";
const STRONG = "Quiet-Harbour-2026!";

test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);

/** One wrong password at `base`, with the per-minute limits cleared so only the lockout is in play. */
async function wrongLogin(base: string, username: string) {
  await resetRateLimits();
  const res = await fetch(`${base}/api/v1/admin/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: "Wrong-Password-99!" }) });
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ detail: "Invalid credentials" });
}

test("10 failures lock the account with the same 401; an admin sees it and unlocks it", async ({ request, baseURL }) => {
  const admin = await session(request, "admin");
  const u = await createUser({ role: "editor", username: uniq("locked") });
  for (let i = 0; i < 10; i++) await wrongLogin(baseURL!, u.username);
  await resetRateLimits();
  await expectProblem(await login(request, u.username), 401, "unauthorized", "Invalid credentials");
  const shown = await (await request.get(`${USERS}/${u.id}`, { headers: admin.headers })).json();
  expect(Date.parse(shown.locked_until)).toBeGreaterThan(Date.now() + 14 * 60_000);
  const [locked] = await sql(`SELECT user_id FROM activity_logs WHERE event_type = 'user.locked' AND resource_id = $1`, [u.id]);
  expect(locked).toEqual({ user_id: null });

  const viewer = await session(request, "viewer");
  await expectProblem(await request.post(`${USERS}/${u.id}/unlock`, { headers: viewer.headers }), 403, "forbidden");
  const res = await request.post(`${USERS}/${u.id}/unlock`, { headers: admin.headers });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toMatchObject({ id: u.id, locked_until: null });
  await expectProblem(await request.post(`${USERS}/${u.id}/unlock`, { headers: admin.headers }), 400, "validation-error", "User is not locked");
  await expectProblem(await request.get(`${USERS}/${u.id}/unlock`, { headers: admin.headers }), 405, "method-not-allowed");
  expect((await login(request, u.username)).status()).toBe(200);
  const [unlocked] = await sql(`SELECT user_id FROM activity_logs WHERE event_type = 'user.unlocked' AND resource_id = $1`, [u.id]);
  expect(unlocked).toEqual({ user_id: admin.user.id });
});

test("two app instances on one database share the failure count", async ({ request, baseURL }) => {
  test.setTimeout(240_000);
  // An active admin exists, so the second instance prints no setup link (and supersedes none).
  await session(request, "admin");
  const u = await createUser({ username: uniq("twice") });
  const second = await startSecondInstance();
  try {
    // Five failures on each instance: neither alone reaches ten.
    for (let i = 0; i < 10; i++) await wrongLogin(i % 2 ? second.url : baseURL!, u.username);
    const [row] = await sql<{ locked: boolean }>(`SELECT locked_until > now() AS locked FROM users WHERE id = $1`, [u.id]);
    expect(row.locked).toBe(true);
    for (const base of [baseURL!, second.url]) {
      await resetRateLimits();
      const res = await fetch(`${base}/api/v1/admin/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: u.username, password: PASSWORD }) });
      expect(res.status).toBe(401);
    }
    expect(await sql(`SELECT 1 FROM activity_logs WHERE event_type = 'user.locked' AND resource_id = $1`, [u.id])).toHaveLength(1);
  } finally {
    await second.stop();
  }
});

test("an admin sends an active user a password reset link", async ({ request }) => {
  const admin = await session(request, "admin");
  const u = await createUser({ username: uniq("reset") });
  const res = await request.post(`${USERS}/${u.id}/send-password-reset`, { headers: admin.headers });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toMatchObject({ message: `Password reset link sent to ${u.email}`, user: { id: u.id, status: "active" } });
  const token = new URL(resetLinkIn(await waitForMail(u.email))).searchParams.get("token")!;
  await expectProblem(await request.post("/api/v1/password-reset/confirm", { data: { token, password: PASSWORD } }), 400, "weak-password");
  expect((await request.post("/api/v1/password-reset/confirm", { data: { token, password: STRONG } })).status()).toBe(200);
  const [act] = await sql(`SELECT user_id, details FROM activity_logs WHERE event_type = 'user.password_reset_requested' AND resource_id = $1`, [u.id]);
  expect(act).toEqual({ user_id: admin.user.id, details: { username: u.username, via: "admin" } });

  const pending = await createUser({ status: "pending" });
  await expectProblem(await request.post(`${USERS}/${pending.id}/send-password-reset`, { headers: admin.headers }), 400, "validation-error");
  const editor = await session(request, "editor");
  await expectProblem(await request.post(`${USERS}/${u.id}/send-password-reset`, { headers: editor.headers }), 403, "forbidden");
});

test("revoking an invitation kills its link; the user stays pending until resent", async ({ request }) => {
  const admin = await session(request, "admin");
  const name = uniq("revoke");
  const created = await request.post(USERS, { headers: admin.headers, data: { username: name, email: `${name}@example.org` } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const token = new URL(linkIn(await waitForMail(`${name}@example.org`))).searchParams.get("token")!;
  const res = await request.post(`${USERS}/${id}/revoke-invitation`, { headers: admin.headers });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.message).toBe(`Invitation of ${name} revoked`);
  expect(body.user).toMatchObject({ id, status: "pending" });
  expect(body.user.invitation).toBeUndefined();
  await expectProblem(
    await request.post("/api/v1/accept-invitation", { data: { token, password: STRONG } }),
    400,
    "invalid-invitation",
    "This invitation was withdrawn by an administrator. Please contact them if you still need access.",
  );
  await expectProblem(await request.post(`${USERS}/${id}/revoke-invitation`, { headers: admin.headers }), 400, "validation-error", "User has no open invitation to revoke");
  expect((await request.post(`${USERS}/${id}/resend-invitation`, { headers: admin.headers })).status()).toBe(200);
  expect((await (await request.get(`${USERS}/${id}`, { headers: admin.headers })).json()).invitation).toBeDefined();
  const active = await createUser();
  await expectProblem(await request.post(`${USERS}/${active.id}/revoke-invitation`, { headers: admin.headers }), 400, "validation-error", "User is already active");
});

test("the common picks are weak-password at both public doors; a strong one passes", async ({ request }) => {
  test.setTimeout(120_000);
  const pending = await createUser({ status: "pending", username: uniq("picky") });
  const { token } = await insertInvitation(pending.id);
  for (const pw of [...COMMON_PASSWORDS, ...PRODUCT_PASSWORDS]) {
    await resetRateLimits();
    const p = await expectProblem(await request.post("/api/v1/accept-invitation", { data: { token, password: pw } }), 400, "weak-password");
    expect({ pw, rules: p.errors?.map((e) => e.rule) }).toEqual({ pw, rules: ["common"] });
  }
  const user = await createUser({ username: uniq("resetter") });
  expect((await request.post("/api/v1/password-reset", { data: { email: user.email } })).status()).toBe(202);
  const reset = new URL(resetLinkIn(await waitForMail(user.email))).searchParams.get("token")!;
  for (const pw of [...COMMON_PASSWORDS, ...PRODUCT_PASSWORDS]) {
    await resetRateLimits();
    const p = await expectProblem(await request.post("/api/v1/password-reset/confirm", { data: { token: reset, password: pw } }), 400, "weak-password");
    expect(p.errors?.map((e) => e.rule)).toEqual(["common"]);
  }
  await resetRateLimits();
  expect((await request.post("/api/v1/accept-invitation", { data: { token, password: STRONG } })).status()).toBe(200);
  expect((await request.post("/api/v1/password-reset/confirm", { data: { token: reset, password: STRONG } })).status()).toBe(200);
});
