// listUsers and getUser: filters, literal search, keyset paging both ways,
// deleted users hidden, bad queries rejected.
import { db } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { getUser } from "@/lib/server/users/get-user";
import { listUsers } from "@/lib/server/users/list-users";
import { adminCtx, closeTestDb, makeUser, resetDb, unwrap } from "../helpers";
import { errOf, expectUnchanged, UNKNOWN_ID } from "./users-support";

beforeEach(resetDb);
afterAll(closeTestDb);

describe("listUsers", () => {
  it("lists newest first and never shows deleted users", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "admin0" });
    const made = [admin];
    for (let i = 1; i <= 5; i++) {
      made.push(await makeUser({ username: `u${i}` }));
      await new Promise((r) => setTimeout(r, 3)); // distinct milliseconds for created_at
    }
    await makeUser({ username: "ghost", deleted: true });
    const page = unwrap(await listUsers(ctx, {}));
    expect(page.items.map((u) => u.username)).toEqual(["u5", "u4", "u3", "u2", "u1", "admin0"]);
    expect(page.total).toBe(6);
    expect(page.next_cursor).toBeNull();
    expect(page.prev_cursor).toBeNull();
    const created = page.items.map((u) => Date.parse(u.created_at));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it("filters by status and role, and total counts every match", async () => {
    const { ctx } = await adminCtx({ username: "root" });
    await makeUser({ username: "ed-active", role: "editor" });
    await makeUser({ username: "ed-inactive", role: "editor", status: "inactive" });
    await makeUser({ username: "ed-pending", role: "editor", status: "pending" });
    await makeUser({ username: "view-pending", status: "pending" });
    await makeUser({ username: "ed-deleted", role: "editor", deleted: true });
    const names = async (q: object) => unwrap(await listUsers(ctx, q)).items.map((u) => u.username).sort();
    expect(await names({ role: "editor" })).toEqual(["ed-active", "ed-inactive", "ed-pending"]);
    expect(await names({ status: "pending" })).toEqual(["ed-pending", "view-pending"]);
    expect(await names({ role: "editor", status: "inactive" })).toEqual(["ed-inactive"]);
    expect(await names({ role: "admin", status: "active" })).toEqual(["root"]);
    expect(await names({ role: "", status: "" })).toHaveLength(5);
    const limited = unwrap(await listUsers(ctx, { role: "editor", limit: 1 }));
    expect(limited.items).toHaveLength(1);
    expect(limited.total).toBe(3);
    expect(limited.next_cursor).toEqual(expect.any(String));
  });

  it("searches a case-insensitive substring of username or email, with % and _ taken literally", async () => {
    const { ctx } = await adminCtx({ username: "root", email: "root@corp.test" });
    await makeUser({ username: "Alice.Smith", email: "alice@home.test" });
    await makeUser({ username: "bob", email: "Bob.Smith@Work.test" });
    await makeUser({ username: "under_score", email: "u1@x.test" });
    await makeUser({ username: "underXscore", email: "u2@x.test" });
    await makeUser({ username: "carol", email: "c100@x.test" });
    await makeUser({ username: "smith-deleted", deleted: true });
    const names = async (search: string) => unwrap(await listUsers(ctx, { search })).items.map((u) => u.username).sort();
    expect(await names("SMITH")).toEqual(["Alice.Smith", "bob"]);
    expect(await names("work.TEST")).toEqual(["bob"]);
    expect(await names("ice.sm")).toEqual(["Alice.Smith"]);
    expect(await names("r_s")).toEqual(["under_score"]);
    expect(await names("_")).toEqual(["under_score"]);
    expect(await names("%")).toEqual([]);
    expect(await names("a%e")).toEqual([]);
    expect(await names("nobody")).toEqual([]);
    expect(await names("\\")).toEqual([]);
    expect(await names("r\\_s")).toEqual([]);
    expect(await names("  bob  ")).toEqual(["bob"]);
    const page = unwrap(await listUsers(ctx, { search: "smith" }));
    expect(page.total).toBe(2);
  });

  it("pages forward with next_cursor and back with prev_cursor, each row exactly once", async () => {
    const { ctx } = await adminCtx({ username: "root" });
    for (let i = 0; i < 11; i++) await makeUser({ username: `p${String(i).padStart(2, "0")}`, role: i % 3 ? "viewer" : "editor" });
    await makeUser({ username: "deleted", deleted: true });
    const all = unwrap(await listUsers(ctx, { limit: 100 })).items.map((u) => u.id);
    expect(all).toHaveLength(12);

    const forward: string[][] = [];
    let page = unwrap(await listUsers(ctx, { limit: 5 }));
    expect(page.prev_cursor).toBeNull();
    const pages = [page];
    forward.push(page.items.map((u) => u.id));
    while (page.next_cursor) {
      page = unwrap(await listUsers(ctx, { limit: "5", after: page.next_cursor }));
      expect(page.total).toBe(12);
      expect(page.prev_cursor).toEqual(expect.any(String));
      pages.push(page);
      forward.push(page.items.map((u) => u.id));
    }
    expect(forward.map((p) => p.length)).toEqual([5, 5, 2]);
    expect(forward.flat()).toEqual(all);

    // Back from the last page: the same pages in reverse, ending with no prev_cursor.
    const backward: string[][] = [];
    let back = pages[pages.length - 1];
    while (back.prev_cursor) {
      back = unwrap(await listUsers(ctx, { limit: 5, before: back.prev_cursor }));
      expect(back.next_cursor).toEqual(expect.any(String));
      backward.unshift(back.items.map((u) => u.id));
    }
    expect(backward).toEqual(forward.slice(0, -1));
    expect(back.prev_cursor).toBeNull();

    // Paging with a filter stays within the filter.
    const editors: string[] = [];
    let ep = unwrap(await listUsers(ctx, { role: "editor", limit: 2 }));
    editors.push(...ep.items.map((u) => u.id));
    while (ep.next_cursor) {
      ep = unwrap(await listUsers(ctx, { role: "editor", limit: 2, after: ep.next_cursor }));
      editors.push(...ep.items.map((u) => u.id));
    }
    expect(editors).toHaveLength(4);
    expect(new Set(editors).size).toBe(4);
  });

  it.each([
    ["limit 0", { limit: 0 }, "limit"],
    ["limit 101", { limit: 101 }, "limit"],
    ["limit not a number", { limit: "lots" }, "limit"],
    ["limit fractional", { limit: 2.5 }, "limit"],
    ["unknown status", { status: "deleted" }, "status"],
    ["unknown role", { role: "owner" }, "role"],
    ["role not a string", { role: 7 }, "role"],
    ["garbage after cursor", { after: "not-a-cursor" }, "after"],
    ["garbage before cursor", { before: "%%%" }, "before"],
    ["forged cursor", { after: Buffer.from("u:'; DROP TABLE users;--").toString("base64url") }, "after"],
    ["search too long", { search: "x".repeat(101) }, "search"],
  ])("rejects %s as validation", async (_n, q, field) => {
    const { ctx } = await adminCtx();
    const r = errOf(await listUsers(ctx, q));
    expect(r.code).toBe("validation");
    expect(r.fieldErrors?.[field]).toEqual(expect.any(String));
  });

  it("rejects a query that is not an object", async () => {
    const { ctx } = await adminCtx();
    expect(errOf(await listUsers(ctx, "not an object")).code).toBe("validation");
  });

  it("rejects after and before together", async () => {
    const { ctx } = await adminCtx();
    const c = unwrap(await listUsers(ctx, { limit: 1 }));
    expect(errOf(await listUsers(ctx, { after: "x", before: "y" })).code).toBe("validation");
    expect(c.items).toHaveLength(1);
  });

  it("gives pending users their open invitation's expiry and delivery state", async () => {
    const { ctx } = await adminCtx();
    const created = unwrap(await createUser(ctx, { username: "invitee", email: "invitee@x.org" }));
    const page = unwrap(await listUsers(ctx, { status: "pending" }));
    expect(page.items).toHaveLength(1);
    expect(page.items[0].invitation).toEqual({
      expires_at: created.invitation!.expires_at,
      sent_at: null,
      // The tests run with EMAIL_PROVIDER=log: nothing will be sent.
      delivery: "not_sent",
      last_error: null,
    });
    const active = unwrap(await listUsers(ctx, { status: "active" }));
    for (const u of active.items) expect(u).not.toHaveProperty("invitation");
  });
});

describe("getUser", () => {
  it("returns a live user without secrets", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "target", role: "editor" });
    const dto = unwrap(await getUser(ctx, u.id));
    expect(dto).toMatchObject({ id: u.id, username: "target", role: "editor", status: "active", is_active: true });
    expect(Object.keys(dto)).not.toContain("passwordHash");
    expect(Object.keys(dto)).not.toContain("password_hash");
    // Ids are accepted in any case (ULIDs are case-insensitive).
    expect(unwrap(await getUser(ctx, u.id.toLowerCase())).id).toBe(u.id);
  });

  it.each([["short"], [""], [null], [42], ["01ARZ3NDEKTSV4RRFFQ69G5FA!"], ["01ARZ3NDEKTSV4RRFFQ69G5FAU"]])(
    "rejects malformed id %p as validation",
    async (id) => {
      const { ctx } = await adminCtx();
      const r = errOf(await expectUnchanged(() => getUser(ctx, id)));
      expect(r.code).toBe("validation");
      expect(r.fieldErrors).toHaveProperty("id");
    },
  );

  it("is not_found for unknown and deleted users", async () => {
    const { ctx } = await adminCtx();
    const gone = await makeUser({ deleted: true });
    expect(errOf(await getUser(ctx, UNKNOWN_ID))).toMatchObject({ code: "not_found", message: "User not found" });
    expect(errOf(await getUser(ctx, gone.id))).toMatchObject({ code: "not_found", message: "User not found" });
    expect(await db().user.count()).toBe(2);
  });
});
