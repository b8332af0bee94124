// Concurrent edits of one user: every edit is applied whole or not at all
// (the row never mixes fields of two edits), each change writes exactly one
// `user.updated` row, and those rows chain: each one's old values are the
// previous one's new values, from the first state to the row as it ends; a
// role change among them ends the user's sessions.
import { db } from "@/lib/server/db";
import { updateUser } from "@/lib/server/users/update-user";
import { writeFigures } from "../proof/report";
import { openSession } from "@/lib/server/auth/sessions";
import { adminCtx, closeTestDb, makeUser, META, resetDb } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

type Details = { changed_fields: string[]; old_values: Record<string, string>; new_values: Record<string, string> };
const updates = async (userId: string) =>
  (await db().activityLog.findMany({ where: { eventType: "user.updated", resourceId: userId } })).map((a) => a.details as unknown as Details);

/** Orders the rows by their username chain from `first`; fails if they do not form one chain. */
function chain(rows: Details[], first: string): Details[] {
  const byOld = new Map(rows.map((r) => [r.old_values.username, r]));
  expect(byOld.size).toBe(rows.length);
  const out: Details[] = [];
  for (let at = first; byOld.has(at); at = out[out.length - 1].new_values.username) out.push(byOld.get(at)!);
  expect(out).toHaveLength(rows.length);
  return out;
}

const N = 20;
const ROLES = ["editor", "viewer", "admin"] as const;

describe("concurrent edits of one user", () => {
  it(`${N} concurrent renames: all succeed, ${N} activity rows that chain, the row ends on the last`, async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "start" });
    const results = await Promise.all(Array.from({ length: N }, (_, i) => updateUser(ctx, u.id, { username: `name${i}` })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const rows = chain(await updates(u.id), "start");
    expect(rows.every((r) => JSON.stringify(r.changed_fields) === '["username"]')).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.username).toBe(rows[rows.length - 1].new_values.username);
    writeFigures("race-concurrent-renames", { concurrent: N, succeeded: results.filter((r) => r.ok).length, activityRows: rows.length, chained: true });
  });

  it(`${N} concurrent edits of username, email and role: the row is one edit whole, one activity row per change`, async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "first", email: "first@example.org", role: "viewer" });
    const session = await openSession(u.id, "browser", META);
    const patches = Array.from({ length: N }, (_, i) => ({ username: `edit${i}`, email: `edit${i}@example.org`, role: ROLES[i % 3] }));
    const results = await Promise.all(patches.map((p) => updateUser(ctx, u.id, p)));
    expect(results.filter((r) => !r.ok)).toEqual([]);

    const rows = chain(await updates(u.id), "first");
    expect(rows).toHaveLength(N);
    // Each row is one patch whole: its new values are that patch's changed fields, nothing from another.
    for (const r of rows) {
      const p = patches.find((x) => x.username === r.new_values.username)!;
      expect(r.new_values).toEqual(Object.fromEntries(r.changed_fields.map((f) => [f, p[f as keyof typeof p]])));
    }
    // Consecutive rows agree on every field (old of one = state after the previous).
    let state: Record<string, string> = { username: "first", email: "first@example.org", role: "viewer" };
    for (const r of rows) {
      for (const f of r.changed_fields) expect(r.old_values[f]).toBe(state[f]);
      state = { ...state, ...r.new_values };
    }
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect({ username: row.username, email: row.email, role: row.role }).toEqual(state);
    // A role change ends the user's sessions.
    const roleChanges = rows.filter((r) => r.changed_fields.includes("role")).length;
    expect(roleChanges).toBeGreaterThan(0);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    writeFigures("race-concurrent-edits", { concurrent: N, succeeded: N, activityRows: rows.length, roleChanges, sessionEnded: true, consistent: true });
  });

  it("edits that change nothing write nothing, even when they race edits that do", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "same", role: "viewer" });
    const calls = [
      ...Array.from({ length: 10 }, () => updateUser(ctx, u.id, { role: "viewer" })),
      ...Array.from({ length: 5 }, (_, i) => updateUser(ctx, u.id, { username: `moved${i}` })),
    ];
    const results = await Promise.all(calls);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const rows = chain(await updates(u.id), "same");
    expect(rows).toHaveLength(5);
  });
});
