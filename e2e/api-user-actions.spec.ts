// REST API: one user (/api/v1/admin/users/{id} and its actions), access
// rules and the last-admin invariant over real HTTP. Other specs share the
// database, so every test makes its own users.
import { expectProblem, resetRateLimits, session, uniq } from "./support/api";
import { createUser, expect, sql, test } from "./support/fixtures";

const USERS = "/api/v1/admin/users";
const UNKNOWN_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

test.afterAll(resetRateLimits);

test.describe("one user", () => {
  test("GET by id (any case); malformed id 400; unknown or deleted 404", async ({ request }) => {
    const s = await session(request);
    const u = await createUser({ role: "editor" });
    const res = await request.get(`${USERS}/${u.id.toLowerCase()}`, { headers: s.headers });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ id: u.id, username: u.username, status: "active", is_active: true, role: "editor" });
    expect((await request.get(`${USERS}/${u.id}`, { headers: s.headers }).then((r) => r.json())).invitation).toBeUndefined();
    for (const bad of ["nope", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01ARZ3NDEKTSV4RRFFQ69G5FAU", "%27%20OR%201%3D1", "%F0%9F%98%80"]) {
      await expectProblem(await request.get(`${USERS}/${bad}`, { headers: s.headers }), 400, "validation-error", "Not a valid user id");
    }
    await expectProblem(await request.get(`${USERS}/${UNKNOWN_ID}`, { headers: s.headers }), 404, "not-found", "User not found");
    // Not even valid percent-encoding (Next.js alone would answer a bare 500).
    await expectProblem(await request.get(`${USERS}/%zz`, { headers: s.headers }), 400, "validation-error", "The request path is not valid URL encoding");
    await expectProblem(await request.post(`${USERS}/%E0%A4%A/activate`, { headers: s.headers }), 400, "validation-error");
    await sql(`UPDATE users SET deleted_at = now() WHERE id = $1`, [u.id]);
    await expectProblem(await request.get(`${USERS}/${u.id}`, { headers: s.headers }), 404, "not-found", "User not found");
  });

  test("PUT is partial, ignores blanks, and answers 409 on a clash", async ({ request }) => {
    const s = await session(request);
    const u = await createUser({ role: "viewer" });
    const other = await createUser();
    const url = `${USERS}/${u.id}`;
    const renamed = uniq("renamed");
    let res = await request.put(url, { headers: s.headers, data: { username: renamed } });
    expect(res.status(), await res.text()).toBe(200);
    expect(await res.json()).toMatchObject({ id: u.id, username: renamed, email: u.email, role: "viewer" });
    res = await request.put(url, { headers: s.headers, data: { username: "", email: "   ", role: null, extra: "ignored" } });
    expect(await res.json()).toMatchObject({ username: renamed, email: u.email, role: "viewer" });
    res = await request.put(url, { headers: s.headers, data: { role: "editor", email: ` ${renamed.toUpperCase()}@EXAMPLE.org` } });
    expect(await res.json()).toMatchObject({ username: renamed, email: `${renamed.toLowerCase()}@example.org`, role: "editor" });
    // A case-only rename of one's own username is not a clash.
    res = await request.put(url, { headers: s.headers, data: { username: renamed.toUpperCase() } });
    expect((await res.json()).username).toBe(renamed.toUpperCase());

    await expectProblem(await request.put(url, { headers: s.headers, data: { username: other.username.toUpperCase() } }), 409, "conflict", "Username is already taken");
    await expectProblem(await request.put(url, { headers: s.headers, data: { email: other.email.toUpperCase() } }), 409, "conflict", "Email is already taken");
    await expectProblem(await request.put(url, { headers: s.headers, data: { role: "owner" } }), 400, "validation-error", "Role must be admin, editor or viewer");
    await expectProblem(await request.put(url, { headers: s.headers, data: ["role"] }), 400, "validation-error", "Request body must be a JSON object");
    await expectProblem(await request.put(`${USERS}/bad-id`, { headers: s.headers, data: { role: "viewer" } }), 400, "validation-error");
    await expectProblem(await request.put(`${USERS}/${UNKNOWN_ID}`, { headers: s.headers, data: { role: "viewer" } }), 404, "not-found");
    const [row] = await sql<{ username: string; role: string }>(`SELECT username, role FROM users WHERE id = $1`, [u.id]);
    expect(row).toEqual({ username: renamed.toUpperCase(), role: "editor" });
  });

  test("DELETE is 204, then 404; the user leaves the list but keeps their name reserved", async ({ request }) => {
    const s = await session(request);
    const u = await createUser({ username: uniq("del") });
    const res = await request.delete(`${USERS}/${u.id}`, { headers: s.headers });
    expect(res.status()).toBe(204);
    expect(await res.text()).toBe("");
    await expectProblem(await request.delete(`${USERS}/${u.id}`, { headers: s.headers }), 404, "not-found", "User not found");
    await expectProblem(await request.get(`${USERS}/${u.id}`, { headers: s.headers }), 404, "not-found");
    expect((await (await request.get(`${USERS}?search=${u.username}`, { headers: s.headers })).json()).total).toBe(0);
    const [row] = await sql<{ deleted_at: Date | null }>(`SELECT deleted_at FROM users WHERE id = $1`, [u.id]);
    expect(row.deleted_at).not.toBeNull();
    await expectProblem(await request.delete(`${USERS}/not-an-id`, { headers: s.headers }), 400, "validation-error");
  });

  test("deactivate and activate move between active and inactive only", async ({ request }) => {
    const s = await session(request);
    const u = await createUser({ role: "editor" });
    const pending = await createUser({ status: "pending" });
    const act = (id: string, verb: string) => request.post(`${USERS}/${id}/${verb}`, { headers: s.headers });
    let res = await act(u.id, "deactivate");
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ id: u.id, status: "inactive", is_active: false });
    await expectProblem(await act(u.id, "deactivate"), 400, "validation-error", "User is already inactive");
    res = await act(u.id, "activate");
    expect(await res.json()).toMatchObject({ id: u.id, status: "active", is_active: true });
    await expectProblem(await act(u.id, "activate"), 400, "validation-error", "User is already active");
    await expectProblem(await act(pending.id, "deactivate"), 400, "validation-error", "User has not accepted the invitation");
    await expectProblem(await act(pending.id, "activate"), 400, "validation-error", "User has not accepted the invitation");
    await expectProblem(await act(UNKNOWN_ID, "activate"), 404, "not-found");
    await expectProblem(await act("x", "deactivate"), 400, "validation-error");
  });

  test("resend-invitation: new 7-day token for pending users only, the old one dies", async ({ request }) => {
    const s = await session(request);
    const name = uniq("inv");
    const created = await request.post(USERS, { headers: s.headers, data: { username: name, email: `${name}@example.org` } });
    expect(created.status()).toBe(201);
    const u = (await created.json()) as { id: string; email: string };
    const [before] = await sql<{ id: string }>(`SELECT id FROM invitations WHERE user_id = $1`, [u.id]);
    const res = await request.post(`${USERS}/${u.id}/resend-invitation`, { headers: s.headers });
    expect(res.status(), await res.text()).toBe(200);
    const body = await res.json();
    expect(body.message).toBe(`Invitation resent to ${u.email}`);
    const rows = await sql<{ id: string; superseded_at: Date | null; expires_at: Date }>(
      `SELECT id, superseded_at, expires_at FROM invitations WHERE user_id = $1 ORDER BY created_at, id`, [u.id],
    );
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === before.id)?.superseded_at).not.toBeNull();
    const fresh = rows.find((r) => r.id !== before.id)!;
    expect(fresh.superseded_at).toBeNull();
    expect(fresh.expires_at.getTime() - Date.now()).toBeGreaterThan(6.9 * 864e5);
    const active = await createUser();
    await expectProblem(await request.post(`${USERS}/${active.id}/resend-invitation`, { headers: s.headers }), 400, "validation-error", "User is already active");
    await expectProblem(await request.post(`${USERS}/${UNKNOWN_ID}/resend-invitation`, { headers: s.headers }), 404, "not-found");
  });
});

test.describe("access and invariants", () => {
  test("every users endpoint: 401 without a token, 403 for editors, and nothing changes", async ({ request }) => {
    const editor = await session(request, "editor");
    const target = await createUser({ role: "viewer" });
    const calls: [string, string, unknown?][] = [
      ["GET", USERS],
      ["POST", USERS, { username: uniq("no"), email: `${uniq("no")}@example.org` }],
      ["GET", `${USERS}/${target.id}`],
      ["PUT", `${USERS}/${target.id}`, { role: "admin" }],
      ["DELETE", `${USERS}/${target.id}`],
      ["POST", `${USERS}/${target.id}/deactivate`],
      ["POST", `${USERS}/${target.id}/activate`],
      ["POST", `${USERS}/${target.id}/resend-invitation`],
    ];
    for (const [method, url, data] of calls) {
      await expectProblem(await request.fetch(url, { method, data }), 401, "unauthorized");
      await expectProblem(await request.fetch(url, { method, data, headers: editor.headers }), 403, "forbidden", "You do not have permission to do this");
    }
    const [row] = await sql<{ role: string; status: string; deleted_at: Date | null }>(`SELECT role, status, deleted_at FROM users WHERE id = $1`, [target.id]);
    expect(row).toEqual({ role: "viewer", status: "active", deleted_at: null });
  });

  test("the last active admin can be neither deactivated, deleted nor demoted (409)", async ({ request }) => {
    const s = await session(request);
    // Make this admin the only active one for the test, and put the others back afterwards.
    const others = await sql<{ id: string }>(
      `UPDATE users SET status = 'inactive' WHERE role = 'admin' AND status = 'active' AND deleted_at IS NULL AND id <> $1 RETURNING id`,
      [s.user.id],
    );
    try {
      const me = `${USERS}/${s.user.id}`;
      const last = "At least one active admin must remain";
      await expectProblem(await request.post(`${me}/deactivate`, { headers: s.headers }), 409, "conflict", last);
      await expectProblem(await request.delete(me, { headers: s.headers }), 409, "conflict", last);
      await expectProblem(await request.put(me, { headers: s.headers, data: { role: "editor" } }), 409, "conflict", last);
      // Still an active admin, and the token still works.
      const res = await request.get(me, { headers: s.headers });
      expect(await res.json()).toMatchObject({ role: "admin", status: "active" });
      // With a second active admin, demoting this one is allowed.
      const second = await createUser({ role: "admin" });
      const demoted = await request.put(me, { headers: s.headers, data: { role: "viewer" } });
      expect(demoted.status()).toBe(200);
      expect((await demoted.json()).role).toBe("viewer");
      await sql(`UPDATE users SET deleted_at = now(), status = 'inactive' WHERE id = $1`, [second.id]);
    } finally {
      if (others.length) await sql(`UPDATE users SET status = 'active' WHERE id = ANY($1)`, [others.map((o) => o.id)]);
    }
  });
});
