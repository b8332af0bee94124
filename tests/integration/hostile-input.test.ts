// Input PostgreSQL itself would refuse (NUL bytes, year 0) must be a clean
// 400 before it reaches the database, never a server error.
import { listActivity } from "@/lib/server/activity/list-activity";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";
import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

describe("hostile input", () => {
  it("a NUL or control character in a search is a validation error", async () => {
    const { ctx } = await adminCtx();
    for (const search of ["a\u0000b", "x\u0007"]) {
      const r = await listUsers(ctx, { search });
      expect(r).toMatchObject({ ok: false, code: "validation" });
    }
  });

  it("dates outside 1970-9999 (PostgreSQL has no year 0) are validation errors", async () => {
    const { ctx } = await adminCtx();
    for (const q of [{ start_date: "0000-01-01" }, { end_date: "0000-12-31" }, { start_date: "1969-12-31" }]) {
      expect(await listActivity(ctx, q)).toMatchObject({ ok: false, code: "validation" });
    }
    unwrap(await listActivity(ctx, { start_date: "1970-01-01", end_date: "9999-12-31" }));
  });

  it("usernames with _ do not clash with look-alikes", async () => {
    const { ctx } = await adminCtx();
    unwrap(await createUser(ctx, { username: "jxdoe", email: "jx@example.org" }));
    unwrap(await createUser(ctx, { username: "j_doe", email: "jd@example.org" }));
    expect(await createUser(ctx, { username: "J_DOE", email: "other@example.org" })).toMatchObject({ ok: false, code: "conflict" });
  });
});
