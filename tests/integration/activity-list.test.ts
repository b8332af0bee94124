import { listActivity, userActivity } from "@/lib/server/activity/list-activity";
import { activityFilterOptions } from "@/lib/server/activity/filter-options";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { updateUser } from "@/lib/server/users/update-user";
import { db } from "@/lib/server/db";
import { adminCtx, closeTestDb, ctxOf, makeUser, META, resetDb, unwrap } from "../helpers";
import { insertLogs } from "./activity-support";

beforeEach(resetDb);
afterAll(closeTestDb);

const errOf = (r: { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string> }) => {
  if (r.ok) throw new Error("expected an error");
  return r as { ok: false; code: string; message: string; fieldErrors?: Record<string, string> };
};

describe("listActivity", () => {
  it("returns API items newest first, with every field", async () => {
    const { user, ctx } = await adminCtx({ username: "boss" });
    const [oldId, newId] = await insertLogs([
      { at: "2026-02-01T10:00:00Z", actor: user, ip: "192.0.2.1" },
      { at: "2026-02-05T14:30:00Z", actor: user, eventType: "user.updated", resourceType: "user", resourceId: user.id, details: { changed_fields: ["role"] } },
    ]);
    const page = unwrap(await listActivity(ctx, {}));
    expect(page.items.map((i) => i.id)).toEqual([newId, oldId]);
    expect(page.items[0]).toEqual({
      id: newId,
      timestamp: "2026-02-05T14:30:00.000Z",
      user_id: user.id,
      username: "boss",
      event_type: "user.updated",
      resource_type: "user",
      resource_id: user.id,
      ip_address: "198.51.100.1",
      user_agent: "jest",
      details: { changed_fields: ["role"] },
    });
    expect(page.items[1]).toMatchObject({ ip_address: "192.0.2.1", resource_type: null, details: null });
    expect(page.next_cursor).toBeNull();
  });

  it("filters by user, event type and resource type", async () => {
    const { user: a, ctx } = await adminCtx();
    const b = await makeUser();
    await insertLogs([
      { at: "2026-02-01T00:00:00Z", actor: a, eventType: "user.login" },
      { at: "2026-02-01T00:01:00Z", actor: b, eventType: "user.login" },
      { at: "2026-02-01T00:02:00Z", actor: a, eventType: "user.created", resourceType: "user", resourceId: b.id },
      { at: "2026-02-01T00:03:00Z", actor: null, eventType: "user.login_failed", details: { username: "ghost" } },
    ]);
    const of = async (q: Record<string, unknown>) => unwrap(await listActivity(ctx, q)).items;
    expect((await of({ user_id: a.id })).map((i) => i.event_type)).toEqual(["user.created", "user.login"]);
    expect((await of({ user_id: a.id.toLowerCase() })).length).toBe(2);
    expect((await of({ event_type: "user.login" })).map((i) => i.user_id)).toEqual([b.id, a.id]);
    expect((await of({ user_id: b.id, event_type: "user.login" })).length).toBe(1);
    expect((await of({ resource_type: "user" })).map((i) => i.resource_id)).toEqual([b.id]);
    const failed = await of({ event_type: "user.login_failed" });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ user_id: null, username: null });
    expect(await of({ event_type: "event.created" })).toEqual([]);
    expect((await of({ event_type: "", user_id: "  " })).length).toBe(4);
  });

  it("treats start_date and end_date as inclusive whole UTC days", async () => {
    const { ctx } = await adminCtx();
    await insertLogs([
      { at: "2026-01-31T23:59:59.999Z", details: { n: 0 } },
      { at: "2026-02-01T00:00:00.000Z", details: { n: 1 } },
      { at: "2026-02-03T12:00:00.000Z", details: { n: 2 } },
      { at: "2026-02-05T23:59:59.999Z", details: { n: 3 } },
      { at: "2026-02-06T00:00:00.000Z", details: { n: 4 } },
    ]);
    const ns = async (q: Record<string, unknown>) => unwrap(await listActivity(ctx, q)).items.map((i) => (i.details as { n: number }).n);
    expect(await ns({ start_date: "2026-02-01", end_date: "2026-02-05" })).toEqual([3, 2, 1]);
    expect(await ns({ start_date: "2026-02-06" })).toEqual([4]);
    expect(await ns({ end_date: "2026-01-31" })).toEqual([0]);
    expect(await ns({ start_date: "2026-02-03", end_date: "2026-02-03" })).toEqual([2]);
  });

  it("pages by keyset with opaque cursors, forwards and back, without gaps or repeats", async () => {
    const { ctx } = await adminCtx();
    const ids = await insertLogs(Array.from({ length: 7 }, (_, i) => ({ at: new Date(Date.UTC(2026, 1, 1, 0, i)) })));
    const newestFirst = [...ids].reverse();
    const p1 = unwrap(await listActivity(ctx, { limit: 3 }));
    const p2 = unwrap(await listActivity(ctx, { limit: "3", after: p1.next_cursor }));
    const p3 = unwrap(await listActivity(ctx, { limit: 3, after: p2.next_cursor }));
    expect([...p1.items, ...p2.items, ...p3.items].map((i) => i.id)).toEqual(newestFirst);
    expect(p1.prev_cursor).toBeNull();
    expect(p3.next_cursor).toBeNull();
    expect(p1.next_cursor).not.toContain(p1.items[2].id); // opaque, not the raw id
    const back = unwrap(await listActivity(ctx, { limit: 3, before: p3.prev_cursor }));
    expect(back.items.map((i) => i.id)).toEqual(p2.items.map((i) => i.id));
    const first = unwrap(await listActivity(ctx, { limit: 3, before: back.prev_cursor }));
    expect(first.items.map((i) => i.id)).toEqual(p1.items.map((i) => i.id));
    expect(first.prev_cursor).toBeNull();
    // Filters and cursors combine.
    const filtered = unwrap(await listActivity(ctx, { limit: 2, start_date: "2026-02-01", after: p1.next_cursor }));
    expect(filtered.items.map((i) => i.id)).toEqual(newestFirst.slice(3, 5));
  });

  it("shows a deleted actor as [Deleted User] and keeps the id", async () => {
    const { user: admin, ctx } = await adminCtx();
    const gone = await makeUser({ username: "leaver" });
    await insertLogs([{ at: "2026-02-01T00:00:00Z", actor: gone }]);
    unwrap(await deleteUser(ctx, gone.id));
    const items = unwrap(await listActivity(ctx, {})).items;
    const login = items.find((i) => i.event_type === "user.login")!;
    expect(login).toMatchObject({ user_id: gone.id, username: "[Deleted User]" });
    // The admin who deleted them is live and keeps their name; the snapshot stays in the table.
    expect(items.find((i) => i.event_type === "user.deleted")).toMatchObject({ user_id: admin.id, username: admin.username });
    expect(await db().activityLog.count({ where: { actorUsername: "leaver" } })).toBe(1);
    expect(unwrap(await listActivity(ctx, { user_id: gone.id })).items).toHaveLength(1);
  });

  it("is for admins only", async () => {
    await insertLogs([{ at: "2026-02-01T00:00:00Z" }]);
    for (const role of ["editor", "viewer"] as const) {
      const r = errOf(await listActivity(ctxOf(await makeUser({ role })), {}));
      expect(r.code).toBe("forbidden");
    }
    expect(errOf(await listActivity({ actor: null, meta: META }, {})).code).toBe("unauthorized");
    expect(errOf(await activityFilterOptions(ctxOf(await makeUser({ role: "editor" })))).code).toBe("forbidden");
  });

  it("refuses bad input with a clear 400 message", async () => {
    const { ctx } = await adminCtx();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ user_id: "not-a-ulid" }, "user_id", "user_id must be a user id (26-character ULID)"],
      [{ event_type: "DROP TABLE" }, "event_type", "event_type must look like user.login"],
      [{ resource_type: "x".repeat(40) }, "resource_type", "resource_type must be at most 32 characters"],
      [{ start_date: "02/01/2026" }, "start_date", "start_date must be a date in the form YYYY-MM-DD"],
      [{ end_date: "2026-02-30" }, "end_date", "end_date is not a valid calendar date"],
      [{ start_date: "2026-02-05", end_date: "2026-02-01" }, "end_date", "The end date must be on or after the start date"],
      [{ limit: "0" }, "limit", "limit must be from 1 to 100"],
      [{ limit: 101 }, "limit", "limit must be from 1 to 100"],
      [{ limit: "ten" }, "limit", "limit must be a number from 1 to 100"],
      [{ limit: "2.5" }, "limit", "limit must be a whole number"],
      [{ after: "garbage" }, "after", "after is not a valid cursor"],
      [{ after: Buffer.from("u:01HQXYZ123456789ABCDEFGHJ").toString("base64url") }, "after", "after is not a valid cursor"],
    ];
    for (const [q, field, message] of cases) {
      const r = errOf(await listActivity(ctx, q));
      expect({ q, code: r.code, message: r.message }).toEqual({ q, code: "validation", message });
      expect(r.fieldErrors?.[field]).toBeDefined();
    }
  });
});

describe("userActivity", () => {
  it("lists the user's activity as actor or as target, newest first", async () => {
    const { user: admin, ctx } = await adminCtx();
    const created = unwrap(await createUser(ctx, { username: "jane", email: "jane@example.org", role: "viewer" }));
    unwrap(await updateUser(ctx, created.id, { role: "editor" }));
    const jane = { id: created.id, username: "jane" };
    const other = await makeUser();
    await insertLogs([
      { at: new Date(Date.now() + 1000), actor: jane, eventType: "user.login" },
      { at: new Date(Date.now() + 2000), actor: other, eventType: "user.login" },
      { at: new Date(Date.now() + 3000), actor: admin, eventType: "user.updated", resourceType: "user", resourceId: other.id },
    ]);
    const items = unwrap(await userActivity(ctx, created.id, {})).items;
    expect(items.map((i) => i.event_type)).toEqual(["user.login", "user.updated", "user.created"]);
    expect(items[0].user_id).toBe(jane.id);
    expect(items.slice(1).every((i) => i.user_id === admin.id && i.resource_id === jane.id)).toBe(true);
    // Filters and paging apply within the timeline.
    expect(unwrap(await userActivity(ctx, created.id, { event_type: "user.created" })).items).toHaveLength(1);
    const p1 = unwrap(await userActivity(ctx, created.id, { limit: 2 }));
    const p2 = unwrap(await userActivity(ctx, created.id, { limit: 2, after: p1.next_cursor }));
    expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it("keeps a deleted user's timeline readable; unknown ids are 404, malformed 400, non-admins 403", async () => {
    const { ctx } = await adminCtx();
    const gone = await makeUser({ username: "gone" });
    await insertLogs([{ at: "2026-02-01T00:00:00Z", actor: gone }]);
    unwrap(await deleteUser(ctx, gone.id));
    const items = unwrap(await userActivity(ctx, gone.id, {})).items;
    expect(items.map((i) => i.event_type)).toEqual(["user.deleted", "user.login"]);
    expect(items[1].username).toBe("[Deleted User]");
    expect(errOf(await userActivity(ctx, "01HQXYZ123456789ABCDEFGHJK", {})).code).toBe("not_found");
    expect(errOf(await userActivity(ctx, "nope", {}))).toMatchObject({ code: "validation", message: "Not a valid user id" });
    expect(errOf(await userActivity(ctx, gone.id, { start_date: "2026-13-01" })).code).toBe("validation");
    expect(errOf(await userActivity(ctxOf(await makeUser({ role: "viewer" })), gone.id, {})).code).toBe("forbidden");
  });
});

describe("activityFilterOptions", () => {
  it("names the user the view is filtered by, and only that user", async () => {
    const { ctx } = await adminCtx({ username: "zed" });
    const amy = await makeUser({ username: "amy" });
    const gone = await makeUser({ username: "gone", deleted: true });
    expect(unwrap(await activityFilterOptions(ctx)).selectedUser).toBeNull();
    expect(unwrap(await activityFilterOptions(ctx, amy.id.toLowerCase())).selectedUser).toEqual({ id: amy.id, label: "amy" });
    expect(unwrap(await activityFilterOptions(ctx, gone.id)).selectedUser).toEqual({ id: gone.id, label: "[Deleted User]" });
    // Not a user (or not an id): named by what the URL says; the list explains an invalid one.
    expect(unwrap(await activityFilterOptions(ctx, "01ARZ3NDEKTSV4RRFFQ69G5FAV")).selectedUser).toEqual({ id: "01ARZ3NDEKTSV4RRFFQ69G5FAV", label: "User 01ARZ3NDEKTSV4RRFFQ69G5FAV" });
    expect(unwrap(await activityFilterOptions(ctx, "nope")).selectedUser).toEqual({ id: "NOPE", label: "User NOPE" });
  });
});
