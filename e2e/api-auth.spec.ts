// REST API authentication: login, bearer tokens, logout, the login and
// per-user API rate limits, and the API's own 404/405 answers.
import { expectProblem, expectRateHeaders, login, resetRateLimits, session, uniq } from "./support/api";
import { createUser, expect, PASSWORD, resetLinkIn, sql, test, waitForMail } from "./support/fixtures";

test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);

test.describe("POST /api/v1/admin/login", () => {
  test("returns a token, its expiry and the user, by username or email in any case", async ({ request }) => {
    const u = await createUser({ role: "editor", username: uniq("Login") });
    const res = await login(request, u.username.toUpperCase());
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    expectRateHeaders(res, 5);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["expires_at", "token", "user"]);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expires_at)).toBeGreaterThan(Date.now());
    expect(body.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.user).toEqual({ id: u.id, username: u.username, email: u.email, role: "editor" });

    const byEmail = await login(request, `  ${u.email.toUpperCase()} `);
    expect(byEmail.status()).toBe(200);
    expect((await byEmail.json()).user.id).toBe(u.id);
    // Only a hash of the token is stored.
    const rows = await sql<{ token_hash: string }>(`SELECT token_hash FROM sessions WHERE user_id = $1 AND kind = 'api'`, [u.id]);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.token_hash)).not.toContain(body.token);
  });

  test("every credential failure is the same 401 'Invalid credentials'", async ({ request }) => {
    const active = await createUser({ role: "admin" });
    const pending = await createUser({ status: "pending" });
    const inactive = await createUser({ status: "inactive" });
    const deleted = await createUser();
    await sql(`UPDATE users SET deleted_at = now() WHERE id = $1`, [deleted.id]);
    const attempts: [string, string][] = [
      [active.username, "Wrong-Password-99!"],
      [uniq("nobody"), PASSWORD],
      [pending.username, PASSWORD],
      [inactive.username, PASSWORD],
      [deleted.username, PASSWORD],
    ];
    const bodies = [];
    for (const [username, password] of attempts) {
      await resetRateLimits();
      const res = await login(request, username, password);
      const p = await expectProblem(res, 401, "unauthorized", "Invalid credentials");
      expect(p.errors).toBeUndefined();
      expectRateHeaders(res, 5);
      bodies.push({ ...p, instance: undefined });
    }
    // Nothing tells the reasons apart.
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  test("a malformed body is 400, an oversized one 413, and neither counts as a login", async ({ request }) => {
    const url = "/api/v1/admin/login";
    const json = { "content-type": "application/json" };
    const notJson = await request.post(url, { headers: json, data: Buffer.from("{not json") });
    await expectProblem(notJson, 400, "validation-error", "Request body is not valid JSON");
    // A limited route reports its limit on every answer, a malformed one too.
    expect(expectRateHeaders(notJson, 5).remaining).toBe(5);
    await expectProblem(await request.post(url, { data: ["admin", PASSWORD] }), 400, "validation-error", "Request body must be a JSON object");
    await expectProblem(await request.post(url, { headers: json, data: Buffer.from("42") }), 400, "validation-error", "Request body must be a JSON object");
    await expectProblem(await request.post(url, { headers: json, data: Buffer.from("null") }), 400, "validation-error", "Request body must be a JSON object");
    const missing = await expectProblem(await request.post(url, { data: { username: "someone" } }), 400, "validation-error");
    expect(missing.errors).toEqual([{ field: "password", message: "Password is required" }]);
    const wrongType = await expectProblem(await request.post(url, { data: { username: 12, password: true } }), 400, "validation-error");
    expect(wrongType.errors?.map((e) => e.field).sort()).toEqual(["password", "username"]);
    const huge = JSON.stringify({ username: "x", password: "y".repeat(1024 * 1024) });
    await expectProblem(await request.post(url, { headers: json, data: Buffer.from(huge) }), 413, "payload-too-large");
    const counted = await sql(`SELECT key FROM rate_limits WHERE key LIKE 'login-%'`);
    expect(counted).toEqual([]);
  });

  test("five failures a minute per username, then 429 with Retry-After, even with the right password", async ({ request }) => {
    const u = await createUser({ role: "admin" });
    for (let i = 1; i <= 5; i++) {
      const res = await login(request, u.username, "Wrong-Password-99!");
      await expectProblem(res, 401, "unauthorized", "Invalid credentials");
      expect(expectRateHeaders(res, 5).remaining).toBe(5 - i);
    }
    const limited = await login(request, u.username);
    await expectProblem(limited, 429, "rate-limited", /^Too many requests/);
    const retry = Number(limited.headers()["retry-after"]);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(expectRateHeaders(limited, 5).remaining).toBe(0);
    expect(await sql(`SELECT 1 FROM sessions WHERE user_id = $1`, [u.id])).toHaveLength(0);
  });

  test("the per-IP limit counts the real client, not an X-Forwarded-For it invents", async ({ request }) => {
    for (let i = 1; i <= 5; i++) {
      const res = await request.post("/api/v1/admin/login", {
        data: { username: uniq("ghost"), password: "Wrong-Password-99!" },
        headers: { "x-forwarded-for": `198.51.100.${i}`, "x-sel-peer": `203.0.113.${i}` },
      });
      expect(res.status()).toBe(401);
    }
    const limited = await request.post("/api/v1/admin/login", {
      data: { username: uniq("ghost"), password: "Wrong-Password-99!" },
      headers: { "x-forwarded-for": "198.51.100.77" },
    });
    await expectProblem(limited, 429, "rate-limited");
    const ips = await sql<{ ip_address: string }>(
      `SELECT DISTINCT ip_address FROM activity_logs WHERE event_type = 'user.login_failed' AND details->>'username' LIKE 'ghost%'`,
    );
    expect(ips.map((r) => r.ip_address)).toEqual(["127.0.0.1"]);
  });
});

test.describe("bearer tokens", () => {
  test("admin routes need a valid bearer token (401) of an admin (403)", async ({ request }) => {
    const url = "/api/v1/admin/users";
    await expectProblem(await request.get(url), 401, "unauthorized", /Authorization: Bearer/);
    for (const authorization of ["Bearer", "Bearer short", "Basic YWRtaW46cGFzcw==", `Bearer ${"x".repeat(43)}`, "Bearer ' OR 1=1 --"]) {
      await expectProblem(await request.get(url, { headers: { authorization } }), 401, "unauthorized", "Invalid or expired token");
    }
    for (const role of ["editor", "viewer"] as const) {
      const s = await session(request, role);
      await expectProblem(await request.get(url, { headers: s.headers }), 403, "forbidden", "You do not have permission to do this");
      await expectProblem(await request.post(url, { headers: s.headers, data: { username: uniq("x"), email: `${uniq("x")}@example.org` } }), 403, "forbidden");
    }
    const admin = await session(request, "admin");
    const ok = await request.get(`${url}?limit=1`, { headers: admin.headers });
    expect(ok.status()).toBe(200);
    expectRateHeaders(ok, 100);
  });

  test("an expired token is refused", async ({ request }) => {
    const s = await session(request, "admin");
    await sql(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [s.user.id]);
    await expectProblem(await request.get(`/api/v1/admin/users/${s.user.id}`, { headers: s.headers }), 401, "unauthorized");
  });

  test("logout answers 204 and revokes the token at once, for any role", async ({ request }) => {
    for (const role of ["admin", "viewer"] as const) {
      const s = await session(request, role);
      const out = await request.post("/api/v1/admin/logout", { headers: s.headers });
      expect(out.status()).toBe(204);
      expect(await out.text()).toBe("");
      await expectProblem(await request.get(`/api/v1/admin/users/${s.user.id}`, { headers: s.headers }), 401, "unauthorized");
      await expectProblem(await request.post("/api/v1/admin/logout", { headers: s.headers }), 401, "unauthorized");
      const [row] = await sql<{ revoked_at: Date | null }>(`SELECT revoked_at FROM sessions WHERE user_id = $1`, [s.user.id]);
      expect(row.revoked_at).not.toBeNull();
      const logged = await sql(`SELECT 1 FROM activity_logs WHERE event_type = 'user.logout' AND user_id = $1`, [s.user.id]);
      expect(logged).toHaveLength(1);
    }
    await expectProblem(await request.post("/api/v1/admin/logout"), 401, "unauthorized");
  });

  test("a token dies at once when its user is deactivated, demoted, deleted or changes password", async ({ request }) => {
    const boss = await session(request, "admin");
    const users = "/api/v1/admin/users";
    const victims = await Promise.all([1, 2, 3, 4].map(() => session(request, "admin")));
    const probe = (s: (typeof victims)[number]) => request.get(`${users}/${s.user.id}`, { headers: s.headers });
    for (const v of victims) expect((await probe(v)).status()).toBe(200);

    expect((await request.post(`${users}/${victims[0].user.id}/deactivate`, { headers: boss.headers })).status()).toBe(200);
    expect((await request.put(`${users}/${victims[1].user.id}`, { headers: boss.headers, data: { role: "editor" } })).status()).toBe(200);
    expect((await request.delete(`${users}/${victims[2].user.id}`, { headers: boss.headers })).status()).toBe(204);
    // A password change (here through an admin-sent reset link) ends every session and token.
    expect((await request.post(`${users}/${victims[3].user.id}/send-password-reset`, { headers: boss.headers })).status()).toBe(200);
    const token = new URL(resetLinkIn(await waitForMail(victims[3].user.email, 0))).searchParams.get("token");
    expect((await request.post("/api/v1/password-reset/confirm", { data: { token, password: "Quiet-Harbour-2026!" } })).status()).toBe(200);

    for (const v of victims) await expectProblem(await probe(v), 401, "unauthorized", "Invalid or expired token");
    // Re-activating does not bring the old token back.
    expect((await request.post(`${users}/${victims[0].user.id}/activate`, { headers: boss.headers })).status()).toBe(200);
    await expectProblem(await probe(victims[0]), 401, "unauthorized");
  });

  test("the admin API allows 100 requests a minute per user, then 429 with Retry-After", async ({ request }) => {
    test.setTimeout(120_000);
    const s = await session(request, "admin");
    const other = await session(request, "admin");
    const url = `/api/v1/admin/users/${s.user.id}`;
    for (let i = 1; i <= 100; i++) {
      const res = await request.get(url, { headers: s.headers });
      expect(res.status()).toBe(200);
      if (i === 1 || i === 100) expect(expectRateHeaders(res, 100).remaining).toBe(100 - i);
    }
    const limited = await request.get(url, { headers: s.headers });
    await expectProblem(limited, 429, "rate-limited");
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(limited.headers()["x-ratelimit-remaining"]).toBe("0");
    // The budget is per user: another admin is unaffected.
    expect((await request.get(url, { headers: other.headers })).status()).toBe(200);
  });
});

test.describe("unknown paths and methods", () => {
  test("an unknown API path is a JSON 404 and an unsupported method a JSON 405", async ({ request }) => {
    const s = await session(request, "admin");
    for (const path of ["/api/v1/nope", "/api/v1/admin/widgets", `/api/v1/admin/users/${s.user.id}/frobnicate`]) {
      await expectProblem(await request.get(path, { headers: s.headers }), 404, "not-found", "No API endpoint at this path");
      await expectProblem(await request.post(path, { headers: s.headers, data: {} }), 404, "not-found");
    }
    const cases: [string, "get" | "patch" | "delete" | "put", string][] = [
      ["/api/v1/admin/login", "get", "POST"],
      ["/api/v1/admin/users", "delete", "GET, HEAD, POST"],
      [`/api/v1/admin/users/${s.user.id}`, "patch", "GET, HEAD, PUT, DELETE"],
      [`/api/v1/admin/users/${s.user.id}/deactivate`, "get", "POST"],
      ["/api/v1/accept-invitation", "put", "POST"],
    ];
    for (const [path, method, allowed] of cases) {
      const res = await request.fetch(path, { method, headers: s.headers });
      await expectProblem(res, 405, "method-not-allowed");
      for (const m of allowed.split(", ")) expect(res.headers()["allow"]).toContain(m);
    }
  });
});
