// REST API: creating and listing users (/api/v1/admin/users) over real HTTP. Other specs share the
// database, so every test uses its own name prefix and scopes lists by it.
import type { APIRequestContext } from "@playwright/test";
import { expectProblem, expectRateHeaders, resetRateLimits, session, uniq, type Session } from "./support/api";
import { createUser, expect, sql, test } from "./support/fixtures";

const USERS = "/api/v1/admin/users";

test.afterAll(resetRateLimits);

type UserBody = Record<string, unknown> & { id: string; username: string; email: string; role: string; status: string };

async function create(request: APIRequestContext, s: Session, data: Record<string, unknown>): Promise<UserBody> {
  const res = await request.post(USERS, { headers: s.headers, data });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

test.describe("create", () => {
  test("201 with Location and the user object; pending with an invitation; role defaults to viewer", async ({ request }) => {
    const s = await session(request);
    const name = uniq("New.User");
    const res = await request.post(USERS, { headers: s.headers, data: { username: ` ${name} `, email: ` ${name.toUpperCase()}@Example.ORG ` } });
    expect(res.status()).toBe(201);
    expectRateHeaders(res, 100);
    const u = await res.json();
    expect(res.headers()["location"]).toBe(`/api/v1/admin/users/${u.id}`);
    expect(u.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(u).toMatchObject({ username: name, email: `${name.toLowerCase()}@example.org`, role: "viewer", status: "pending", is_active: false, last_login_at: null, last_active_at: null });
    expect(Date.parse(u.created_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(u.invitation.delivery).toMatch(/^(queued|sent|failed)$/);
    const days = (Date.parse(u.invitation.expires_at) - Date.now()) / 864e5;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(JSON.stringify(u)).not.toMatch(/password|token_hash|hash/i);

    const fetched = await request.get(res.headers()["location"], { headers: s.headers });
    expect(fetched.status()).toBe(200);
    expect(await fetched.json()).toEqual(u);
    const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM invitations WHERE user_id = $1 AND used_at IS NULL`, [u.id]);
    expect(Number(row.n)).toBe(1);
  });

  test("unknown fields are ignored; they cannot set status, id or a password", async ({ request }) => {
    const s = await session(request);
    const name = uniq("sneaky");
    const u = await create(request, s, { username: name, email: `${name}@example.org`, role: "editor", status: "active", id: "01ARZ3NDEKTSV4RRFFQ69G5FAV", password: "X", is_admin: true });
    expect(u).toMatchObject({ username: name, role: "editor", status: "pending" });
    expect(u.id).not.toBe("01ARZ3NDEKTSV4RRFFQ69G5FAV");
    const [row] = await sql<{ password_hash: string | null }>(`SELECT password_hash FROM users WHERE id = $1`, [u.id]);
    expect(row.password_hash).toBeNull();
  });

  test("invalid fields are 400 validation-error with one entry per field, and nothing is created", async ({ request }) => {
    const s = await session(request);
    const name = uniq("bad");
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: `${name}@example.org` }, "username", "Username is required"],
      [{ username: "ab", email: `${name}@example.org` }, "username", "Username must be 3-50 characters"],
      [{ username: "x".repeat(51), email: `${name}@example.org` }, "username", "Username must be 3-50 characters"],
      [{ username: "jöhn", email: `${name}@example.org` }, "username", "Username may contain only letters, digits, '.', '_' and '-'"],
      [{ username: "-dash", email: `${name}@example.org` }, "username", "Username must start and end with a letter or digit"],
      [{ username: "'; DROP TABLE users; --", email: `${name}@example.org` }, "username", "Username may contain only letters, digits, '.', '_' and '-'"],
      [{ username: name }, "email", "Email is required"],
      [{ username: name, email: "not-an-email" }, "email", "Enter a valid email address"],
      [{ username: name, email: `${"a".repeat(250)}@example.org` }, "email", "Email must be at most 254 characters"],
      [{ username: name, email: `${name}@example.org`, role: "root" }, "role", "Role must be admin, editor or viewer"],
      [{ username: 42, email: `${name}@example.org` }, "username", "Username is required"],
    ];
    for (const [data, field, message] of cases) {
      const p = await expectProblem(await request.post(USERS, { headers: s.headers, data }), 400, "validation-error", message);
      expect(p.errors).toContainEqual({ field, message });
    }
    const both = await expectProblem(await request.post(USERS, { headers: s.headers, data: {} }), 400, "validation-error");
    expect(both.errors?.map((e) => e.field).sort()).toEqual(["email", "username"]);
    expect(await sql(`SELECT 1 FROM users WHERE username ILIKE $1 OR email ILIKE $1`, [`%${name}%`])).toEqual([]);
  });

  test("a body that is not a JSON object is 400 and one over 1 MiB is 413", async ({ request }) => {
    const s = await session(request);
    const headers = { ...s.headers, "content-type": "application/json" };
    await expectProblem(await request.post(USERS, { headers, data: Buffer.from("{\"username\":") }), 400, "validation-error", "Request body is not valid JSON");
    for (const data of ["[1,2]", "\"text\"", "7", "null", "true"]) {
      await expectProblem(await request.post(USERS, { headers, data: Buffer.from(data) }), 400, "validation-error", "Request body must be a JSON object");
    }
    await expectProblem(await request.post(USERS, { headers: { ...s.headers, "content-type": "text/plain" }, data: Buffer.from("username=x") }), 400, "validation-error");
    const huge = JSON.stringify({ username: uniq("big"), email: "big@example.org", padding: "p".repeat(1024 * 1024) });
    await expectProblem(await request.post(USERS, { headers, data: Buffer.from(huge) }), 413, "payload-too-large", "Request body must be at most 1 MiB");
    const long = await request.post(USERS, { headers, data: Buffer.from(JSON.stringify({ username: "u".repeat(100_000), email: `${"e".repeat(100_000)}@x.org` })) });
    await expectProblem(long, 400, "validation-error");
  });

  test("409 for a username or email taken in any case, also by a deleted user", async ({ request }) => {
    const s = await session(request);
    const name = uniq("Taken");
    await create(request, s, { username: name, email: `${name}@example.org` });
    const dupName = await expectProblem(
      await request.post(USERS, { headers: s.headers, data: { username: name.toUpperCase(), email: `${uniq("o")}@example.org` } }),
      409, "conflict", "Username is already taken",
    );
    expect(dupName.errors).toEqual([{ field: "username", message: "Username is already taken" }]);
    await expectProblem(
      await request.post(USERS, { headers: s.headers, data: { username: uniq("other"), email: `${name.toUpperCase()}@EXAMPLE.org` } }),
      409, "conflict", "Email is already taken",
    );
    const gone = await createUser({ username: uniq("gone") });
    await sql(`UPDATE users SET deleted_at = now() WHERE id = $1`, [gone.id]);
    await expectProblem(await request.post(USERS, { headers: s.headers, data: { username: uniq("fresh"), email: gone.email } }), 409, "conflict", "Email is already taken");
    await expectProblem(await request.post(USERS, { headers: s.headers, data: { username: gone.username, email: `${uniq("f")}@example.org` } }), 409, "conflict", "Username is already taken");
  });
});

test.describe("list", () => {
  test("filters, search and total; newest first", async ({ request }) => {
    const s = await session(request);
    const p = uniq("lst");
    const made = [
      await createUser({ username: `${p}a`, role: "editor", status: "active" }),
      await createUser({ username: `${p}b`, role: "viewer", status: "inactive" }),
      await createUser({ username: `${p}c`, role: "editor", status: "pending", email: `${p}-C@Example.org` }),
    ];
    const gone = await createUser({ username: `${p}d` });
    await sql(`UPDATE users SET deleted_at = now() WHERE id = $1`, [gone.id]);
    const list = async (q: string) => {
      const res = await request.get(`${USERS}?search=${p}${q}`, { headers: s.headers });
      expect(res.status(), await res.text()).toBe(200);
      return res.json() as Promise<{ items: UserBody[]; next_cursor: string | null; total: number }>;
    };
    const all = await list("");
    expect(all.total).toBe(3);
    expect(all.next_cursor).toBeNull();
    // Newest first is id order (ULIDs sort by creation time).
    expect(all.items.map((u) => u.id)).toEqual(made.map((u) => u.id).sort().reverse());
    expect((await list("&status=active")).items.map((u) => u.id)).toEqual([made[0].id]);
    expect((await list("&status=pending&role=editor")).items.map((u) => u.id)).toEqual([made[2].id]);
    expect((await list("&role=viewer")).total).toBe(1);
    // Search matches the email too, case-insensitively.
    const byEmail = await request.get(`${USERS}?search=${encodeURIComponent(`${p.toUpperCase()}-c@EXAMPLE`)}`, { headers: s.headers });
    expect((await byEmail.json()).items.map((u: UserBody) => u.id)).toEqual([made[2].id]);
  });

  test("keyset paging walks every match once with next_cursor", async ({ request }) => {
    const s = await session(request);
    const p = uniq("page");
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createUser({ username: `${p}${i}` })).id);
    const seen: string[] = [];
    let after: string | null = null;
    const sizes: number[] = [];
    do {
      const q: string = `search=${p}&limit=3${after ? `&after=${encodeURIComponent(after)}` : ""}`;
      const res = await request.get(`${USERS}?${q}`, { headers: s.headers });
      expect(res.status()).toBe(200);
      const page = (await res.json()) as { items: UserBody[]; next_cursor: string | null; total: number };
      expect(page.total).toBe(7);
      sizes.push(page.items.length);
      seen.push(...page.items.map((u: UserBody) => u.id));
      after = page.next_cursor;
    } while (after);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  test("bad query values are 400, odd ones are harmless", async ({ request }) => {
    const s = await session(request);
    const bad: [string, string][] = [
      ["status=deleted", "status must be active, inactive or pending"],
      ["role=root", "role must be admin, editor or viewer"],
      ["limit=0", "limit must be from 1 to 100"],
      ["limit=101", "limit must be from 1 to 100"],
      ["limit=abc", "limit must be a number from 1 to 100"],
      ["limit=1.5", "limit must be a whole number"],
      ["after=%25%25%25", "after is not a valid cursor"],
      ["after=bm90LWEtY3Vyc29y", "after is not a valid cursor"],
      [`search=${"s".repeat(101)}`, "search must be at most 100 characters"],
    ];
    for (const [q, detail] of bad) await expectProblem(await request.get(`${USERS}?${q}`, { headers: s.headers }), 400, "validation-error", detail);
    for (const q of ["search=%27%3B%20DROP%20TABLE%20users%3B--", "search=%25", "search=_", "search=%E2%9C%93%F0%9F%98%80", "unknown=1&limit=100"]) {
      const res = await request.get(`${USERS}?${q}`, { headers: s.headers });
      expect(res.status(), q).toBe(200);
    }
    // Not even valid percent-encoding: still a clean 400.
    await expectProblem(await request.get(`${USERS}?after=%%%`, { headers: s.headers }), 400, "validation-error", "after is not a valid cursor");
    const wild = await request.get(`${USERS}?search=%25`, { headers: s.headers });
    expect((await wild.json()).total).toBe(0);
  });
});
