import { db, pool } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { listUsers } from "@/lib/server/users/list-users";
import { activateUser, deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";
import { adminCtx, closeTestDb, makeUser, resetDb, unwrap } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

/** user_counts must always equal a real count of live users. */
async function expectCountsExact() {
  const real = await pool().query(
    `SELECT r::text AS role, s::text AS status,
            (SELECT count(*)::int FROM users u WHERE u.role = r AND u.status = s AND u.deleted_at IS NULL) AS n
     FROM (SELECT name AS r FROM roles) AS roles, unnest(enum_range(NULL::"UserStatus")) s ORDER BY 1, 2`,
  );
  const kept = await pool().query(`SELECT role::text, status::text, n::int FROM user_counts ORDER BY 1, 2`);
  expect(kept.rows).toEqual(real.rows);
}

describe("user_counts (the users list's totals)", () => {
  it("stays exact through creates, edits, state changes, deletes, bulk inserts and truncation", async () => {
    const { ctx } = await adminCtx();
    await makeUser({ role: "admin" });
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUser(ctx, { username: `count${i}`, email: `count${i}@x.org`, role: i % 2 ? "editor" : "viewer" })),
    );
    await expectCountsExact();
    const active = await makeUser({ role: "editor" });
    unwrap(await updateUser(ctx, active.id, { role: "admin" }));
    unwrap(await deactivateUser(ctx, active.id));
    unwrap(await activateUser(ctx, active.id));
    unwrap(await deleteUser(ctx, active.id));
    unwrap(await deleteUser(ctx, unwrap(made[0]).id));
    await db().user.updateMany({ data: { lastActiveAt: new Date() } });
    await pool().query(
      `INSERT INTO users (id, username, email, role, status, updated_at)
       SELECT '01K' || lpad(g::text, 23, '0'), 'bulk' || g, 'bulk' || g || '@x.org', 'viewer', 'pending', now() FROM generate_series(1, 300) g`,
    );
    await expectCountsExact();
    await pool().query(`DELETE FROM users WHERE username LIKE 'bulk%' AND id LIKE '01K%5'`);
    await expectCountsExact();

    const all = unwrap(await listUsers(ctx, {}));
    expect(all.total).toBe(await db().user.count({ where: { deletedAt: null } }));
    const editorsActive = unwrap(await listUsers(ctx, { role: "editor", status: "pending" }));
    expect(editorsActive.total).toBe(await db().user.count({ where: { deletedAt: null, role: "editor", status: "pending" } }));
    const searched = unwrap(await listUsers(ctx, { search: "count1" }));
    expect(searched.total).toBe(3); // count1, count10, count11

    await resetDb();
    await expectCountsExact();
  });

  it("stays exact under concurrent state changes (no deadlock between opposite moves)", async () => {
    const { ctx } = await adminCtx();
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => makeUser({ role: "editor", status: i % 2 ? "active" : "inactive" })));
    const results = await Promise.all(users.map((u, i) => (i % 2 ? deactivateUser(ctx, u.id) : activateUser(ctx, u.id))));
    for (const r of results) expect(r.ok).toBe(true);
    await expectCountsExact();
  });
});
