// REST API: POST /api/v1/accept-invitation. Invitations are stored with a
// token we know (only its SHA-256 is in the database, as the app stores it),
// so the specs do not depend on email delivery.
import { expectProblem, expectRateHeaders, insertInvitation, login, resetRateLimits, uniq } from "./support/api";
import { createUser, expect, sql, test } from "./support/fixtures";

const URL_ = "/api/v1/accept-invitation";
const STRONG = "Quiet-Harbour-2026!";
const INVALID = "This invitation link is invalid or has already been used. Please contact your administrator to resend the invitation.";
const EXPIRED = "This invitation link has expired. Please contact your administrator to resend the invitation.";

// 10 accepts a minute per IP, and every spec calls from 127.0.0.1.
test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);

async function invitee(role: "admin" | "editor" | "viewer" = "editor") {
  const user = await createUser({ status: "pending", role, username: uniq("invitee") });
  const inv = await insertInvitation(user.id);
  return { user, ...inv };
}

test("a valid token and a strong password activate the user, once", async ({ request }) => {
  const { user, token, id } = await invitee();
  const res = await request.post(URL_, { data: { token, password: STRONG, password_confirm: STRONG, ignored: 1 } });
  expect(res.status(), await res.text()).toBe(200);
  expectRateHeaders(res, 10);
  expect(await res.json()).toEqual({
    message: "Password set successfully. Please log in.",
    user: { id: user.id, username: user.username, email: user.email, role: "editor" },
  });
  const [row] = await sql<{ status: string; password_hash: string | null }>(`SELECT status, password_hash FROM users WHERE id = $1`, [user.id]);
  expect(row.status).toBe("active");
  expect(row.password_hash).toMatch(/^\$2[aby]\$/);
  const [inv] = await sql<{ used_at: Date | null }>(`SELECT used_at FROM invitations WHERE id = $1`, [id]);
  expect(inv.used_at).not.toBeNull();
  expect((await login(request, user.username, STRONG)).status()).toBe(200);

  await expectProblem(await request.post(URL_, { data: { token, password: "Another-Harbour-2027!" } }), 400, "invalid-invitation", INVALID);
  await resetRateLimits();
  expect((await login(request, user.username, STRONG)).status()).toBe(200);
});

test("a weak password is 400 weak-password with one entry per unmet rule, and the token stays usable", async ({ request }) => {
  const { user, token } = await invitee();
  const weak = await expectProblem(await request.post(URL_, { data: { token, password: "vxqzkw" } }), 400, "weak-password");
  expect(weak.errors).toEqual([
    { field: "password", rule: "length", message: "Password must be at least 12 characters" },
    { field: "password", rule: "uppercase", message: "Password must include an uppercase letter" },
    { field: "password", rule: "number", message: "Password must include a number" },
    { field: "password", rule: "special", message: "Password must include a special character" },
    { field: "password", rule: "common", message: expect.stringMatching(/^Password is too easy to guess \(strength [0-3] of 4, 4 needed\): /) },
  ]);
  expect(weak.detail).toContain("Password must be at least 12 characters");

  const withName = await expectProblem(await request.post(URL_, { data: { token, password: `X1!${user.username}` } }), 400, "weak-password");
  expect(withName.errors).toContainEqual({ field: "password", rule: "username", message: "Password must not contain the username" });
  const common = await expectProblem(await request.post(URL_, { data: { token, password: "password" } }), 400, "weak-password");
  expect(common.errors?.map((e) => e.rule)).toContain("common");
  const tooLong = await expectProblem(await request.post(URL_, { data: { token, password: `Aa1!${"x".repeat(200)}` } }), 400, "weak-password");
  expect(tooLong.errors?.map((e) => e.rule)).toEqual(["max"]);

  const mismatch = await expectProblem(await request.post(URL_, { data: { token, password: STRONG, password_confirm: `${STRONG}x` } }), 400, "validation-error", "Passwords do not match");
  expect(mismatch.errors).toEqual([{ field: "password_confirm", message: "Passwords do not match" }]);

  const [row] = await sql<{ status: string }>(`SELECT status FROM users WHERE id = $1`, [user.id]);
  expect(row.status).toBe("pending");
  const ok = await request.post(URL_, { data: { token, password: STRONG } });
  expect(ok.status(), await ok.text()).toBe(200);
});

test("expired, used, superseded, unknown and deleted-user tokens are 400 invalid-invitation", async ({ request }) => {
  const a = await createUser({ status: "pending" });
  const expired = await insertInvitation(a.id, { expiresAt: new Date(Date.now() - 1000) });
  await expectProblem(await request.post(URL_, { data: { token: expired.token, password: STRONG } }), 400, "invalid-invitation", EXPIRED);

  const b = await createUser({ status: "pending" });
  const used = await insertInvitation(b.id, { usedAt: new Date() });
  await expectProblem(await request.post(URL_, { data: { token: used.token, password: STRONG } }), 400, "invalid-invitation", INVALID);

  const c = await createUser({ status: "pending" });
  const old = await insertInvitation(c.id, { supersededAt: new Date() });
  await expectProblem(await request.post(URL_, { data: { token: old.token, password: STRONG } }), 400, "invalid-invitation", INVALID);

  const d = await invitee();
  await sql(`UPDATE users SET deleted_at = now() WHERE id = $1`, [d.user.id]);
  await expectProblem(await request.post(URL_, { data: { token: d.token, password: STRONG } }), 400, "invalid-invitation", INVALID);

  for (const token of ["no-such-token", "x".repeat(512), "' OR '1'='1", "🙂🙂🙂"]) {
    await expectProblem(await request.post(URL_, { data: { token, password: STRONG } }), 400, "invalid-invitation", INVALID);
  }
  const states = await sql<{ status: string }>(`SELECT status FROM users WHERE id = ANY($1)`, [[a.id, b.id, c.id]]);
  expect(states.map((s) => s.status)).toEqual(["pending", "pending", "pending"]);
});

test("malformed bodies are 400, oversized 413", async ({ request }) => {
  const json = { "content-type": "application/json" };
  await expectProblem(await request.post(URL_, { headers: json, data: Buffer.from("token=abc") }), 400, "validation-error", "Request body is not valid JSON");
  for (const data of ["[]", "\"abc\"", "12", "null"]) {
    await expectProblem(await request.post(URL_, { headers: json, data: Buffer.from(data) }), 400, "validation-error", "Request body must be a JSON object");
  }
  const missing = await expectProblem(await request.post(URL_, { data: {} }), 400, "validation-error");
  expect(missing.errors?.map((e) => e.field).sort()).toEqual(["password", "token"]);
  await expectProblem(await request.post(URL_, { data: { token: "t".repeat(513), password: STRONG } }), 400, "validation-error");
  await expectProblem(await request.post(URL_, { data: { token: ["a"], password: { x: 1 } } }), 400, "validation-error");
  await expectProblem(await request.post(URL_, { headers: json, data: Buffer.from(JSON.stringify({ token: "a", password: "p".repeat(1024 * 1024) })) }), 413, "payload-too-large");
});

test("two concurrent accepts of one token: exactly one succeeds", async ({ request }) => {
  const { user, token } = await invitee();
  const results = await Promise.all([
    request.post(URL_, { data: { token, password: STRONG } }),
    request.post(URL_, { data: { token, password: "Other-Harbour-2027!" } }),
  ]);
  const statuses = results.map((r) => r.status()).sort();
  expect(statuses).toEqual([200, 400]);
  await expectProblem(results.find((r) => r.status() === 400)!, 400, "invalid-invitation");
  const winner = results.findIndex((r) => r.status() === 200);
  await resetRateLimits();
  expect((await login(request, user.username, winner === 0 ? STRONG : "Other-Harbour-2027!")).status()).toBe(200);
});

test("ten attempts a minute per IP, then 429 with Retry-After", async ({ request }) => {
  for (let i = 1; i <= 10; i++) {
    const res = await request.post(URL_, { data: { token: `guess-${i}`, password: STRONG } });
    await expectProblem(res, 400, "invalid-invitation");
    expect(expectRateHeaders(res, 10).remaining).toBe(10 - i);
  }
  const { token } = await invitee();
  const limited = await request.post(URL_, { data: { token, password: STRONG } });
  await expectProblem(limited, 429, "rate-limited");
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(limited.headers()["x-ratelimit-remaining"]).toBe("0");
  // Refused before anything happened: the token still works once the window resets.
  await resetRateLimits();
  expect((await request.post(URL_, { data: { token, password: STRONG } })).status()).toBe(200);
});
