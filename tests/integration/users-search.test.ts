// searchUsers: the command palette's user search. Substring of username or
// email, exact match first, keyset pages without repeats, deleted users
// hidden, admins only, bad input refused.
import { db } from "@/lib/server/db";
import { searchUsers } from "@/lib/server/users/search-users";
import { adminCtx, closeTestDb, ctxOf, makeUser, resetDb, unwrap } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

const pause = () => new Promise((r) => setTimeout(r, 3));

describe("searchUsers", () => {
  it("finds a case-insensitive substring of username or email, newest first, live users only", async () => {
    const { ctx } = await adminCtx({ username: "root", email: "root@corp.test" });
    await makeUser({ username: "alice", email: "alice@home.test" });
    await pause();
    await makeUser({ username: "bob", email: "bob.SMITH@work.test" });
    await pause();
    await makeUser({ username: "Smithers", email: "s@x.test" });
    await makeUser({ username: "smith-gone", email: "gone@x.test", deleted: true });
    const r = unwrap(await searchUsers(ctx, { q: "smith" }));
    expect(r.items.map((u) => u.username)).toEqual(["Smithers", "bob"]);
    expect(r.next_cursor).toBeNull();
    expect(r.items[0]).toEqual({ id: expect.any(String), username: "Smithers", email: "s@x.test", role: "viewer", status: "active" });
    // Only what the palette shows: no hashes, no timestamps.
    expect(Object.keys(r.items[0]).sort()).toEqual(["email", "id", "role", "status", "username"]);
    expect(unwrap(await searchUsers(ctx, { q: "HOME.test" })).items.map((u) => u.username)).toEqual(["alice"]);
    expect(unwrap(await searchUsers(ctx, { q: "gone" })).items).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    const { ctx } = await adminCtx({ username: "root" });
    await makeUser({ username: "under_score" });
    await makeUser({ username: "underXscore" });
    expect(unwrap(await searchUsers(ctx, { q: "under_" })).items.map((u) => u.username)).toEqual(["under_score"]);
    expect(unwrap(await searchUsers(ctx, { q: "%" })).items).toEqual([]);
  });

  it("puts an exact username or email match first and pages through the rest without repeating it", async () => {
    const { ctx } = await adminCtx({ username: "root" });
    const exact = await makeUser({ username: "ann", email: "first@x.test" });
    const others = [];
    for (let i = 0; i < 5; i++) {
      await pause();
      others.push(await makeUser({ username: `ann${i}`, email: `ann${i}@x.test` }));
    }
    const newestFirst = others.reverse().map((u) => u.username);
    const first = unwrap(await searchUsers(ctx, { q: "ANN", limit: 3 }));
    expect(first.items.map((u) => u.username)).toEqual(["ann", ...newestFirst.slice(0, 2)]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = unwrap(await searchUsers(ctx, { q: "ann", limit: 3, after: first.next_cursor }));
    expect(second.items.map((u) => u.username)).toEqual(newestFirst.slice(2, 5));
    expect(second.next_cursor).toBeNull();
    // By email too (stored lower-case; typed in any case).
    expect(unwrap(await searchUsers(ctx, { q: "FIRST@x.test" })).items.map((u) => u.id)).toEqual([exact.id]);
  });

  it("reads a bounded page however many match", async () => {
    const { ctx } = await adminCtx({ username: "root" });
    await db().user.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ username: `bulk${i}`, email: `bulk${i}@x.test`, role: "viewer", status: "pending" as const })) });
    const r = unwrap(await searchUsers(ctx, { q: "bulk" }));
    expect(r.items).toHaveLength(8);
    expect(r.next_cursor).toEqual(expect.any(String));
    expect(unwrap(await searchUsers(ctx, { q: "bulk", limit: 20 })).items).toHaveLength(20);
  });

  it("is for admins: other roles and visitors are refused", async () => {
    const viewer = await makeUser({ role: "viewer" });
    const editor = await makeUser({ role: "editor" });
    for (const ctx of [ctxOf(viewer), ctxOf(editor)]) expect(await searchUsers(ctx, { q: "a" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await searchUsers(ctxOf(null), { q: "a" })).toMatchObject({ ok: false, code: "unauthorized" });
  });

  it("refuses empty, long, control-character and badly paged queries with a clear message", async () => {
    const { ctx } = await adminCtx({ username: "root" });
    const err = async (input: unknown) => {
      const r = await searchUsers(ctx, input);
      if (r.ok) throw new Error(`accepted ${JSON.stringify(input)}`);
      return [r.code, r.message];
    };
    expect(await err({ q: "   " })).toEqual(["validation", "Type part of a username or email"]);
    expect(await err({})).toEqual(["validation", expect.any(String)]);
    expect(await err({ q: "x".repeat(101) })).toEqual(["validation", "q must be at most 100 characters"]);
    expect(await err({ q: "a\u0000b" })).toEqual(["validation", "q must not contain control characters"]);
    expect(await err({ q: "a", limit: 1 })).toEqual(["validation", "limit must be from 2 to 20"]);
    expect(await err({ q: "a", after: "not-a-cursor" })).toEqual(["validation", "after is not a valid cursor"]);
    expect(await err(["q"])).toEqual(["validation", expect.any(String)]);
  });
});
