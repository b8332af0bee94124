import { GET as restExport } from "@/app/api/v1/admin/activity/export.csv/route";
import { GET as restList } from "@/app/api/v1/admin/activity/route";
import { GET as restUserActivity } from "@/app/api/v1/admin/users/[id]/activity/route";
import { CSV_COLUMNS, exportActivityCsv } from "@/lib/server/activity/export-csv";
import { openSession } from "@/lib/server/auth/sessions";
import { pool } from "@/lib/server/db";
import { deleteUser } from "@/lib/server/users/delete-user";
import { adminCtx, closeTestDb, ctxOf, makeUser, resetDb, unwrap } from "../helpers";
import { insertLogs, parseCsv, readAll } from "./activity-support";

beforeEach(resetDb);
afterAll(closeTestDb);

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, "");

describe("exportActivityCsv", () => {
  it("writes the guide's header and one escaped row per entry, newest first", async () => {
    const { user, ctx } = await adminCtx({ username: "admin_user" });
    const gone = await makeUser({ username: "leaver" });
    await insertLogs([
      { at: "2026-02-05T14:30:00Z", actor: user, eventType: "event.updated", resourceType: "event", resourceId: "01HQDEF7890000000000000000", ip: "192.168.1.100", details: { changed_fields: ["name", "start_date"] } },
      { at: "2026-02-05T15:00:00Z", actor: null, eventType: "user.login_failed", details: { username: 'evil, "quoted"\nname' } },
      { at: "2026-02-05T16:00:00Z", actor: null, eventType: "user.login_failed", details: { username: "x" }, ip: "=1+2" },
      { at: "2026-02-05T17:00:00Z", actor: gone, eventType: "user.login" },
    ]);
    unwrap(await deleteUser(ctx, gone.id));
    const out = unwrap(await exportActivityCsv(ctx, { start_date: "2026-02-05", end_date: "2026-02-05" }));
    expect(out.filename).toBe(`activity_log_${today()}.csv`);
    const { text } = await readAll(out.stream);
    expect(text.split("\n")[0]).toBe("Timestamp,User,Event Type,Resource,IP Address,Details");
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows.slice(1)).toEqual([
      ["2026-02-05T17:00:00.000Z", "[Deleted User]", "user.login", "", "198.51.100.1", "Logged in"],
      ["2026-02-05T16:00:00.000Z", "", "user.login_failed", "", "'=1+2", 'Failed login as "x"'],
      ["2026-02-05T15:00:00.000Z", "", "user.login_failed", "", "198.51.100.1", 'Failed login as "evil, "quoted"\nname"'],
      ["2026-02-05T14:30:00.000Z", "admin_user", "event.updated", "event:01HQDEF7890000000000000000", "192.168.1.100", "Changed: name, start_date"],
    ]);
    // The raw text quotes what needs it, as RFC 4180 says.
    expect(text).toContain('"Failed login as ""evil, ""quoted""\nname"""');
    expect(text).toContain('"Changed: name, start_date"');
  });

  it("streams large logs from one cursor in batches, from one snapshot, instead of loading the table", async () => {
    const { ctx } = await adminCtx();
    const base = Date.UTC(2026, 0, 1);
    await insertLogs(Array.from({ length: 1201 }, (_, i) => ({ at: new Date(base + i * 1000), details: { n: i } })));
    const busy = () => pool().totalCount - pool().idleCount;
    const out = unwrap(await exportActivityCsv(ctx, {}, { batchSize: 500 }));
    const reader = out.stream.getReader();
    const first = await reader.read();
    // One batch of 500 (plus the header), not the whole table.
    expect(new TextDecoder().decode(first.value).trimEnd().split("\n")).toHaveLength(501);
    // Rows written once the export runs are not mixed in.
    await insertLogs([{ at: new Date(base - 1000), details: { n: -1 } }]);
    reader.releaseLock();
    const rest = await readAll(out.stream);
    expect(rest.chunks).toHaveLength(2);
    const rows = parseCsv(new TextDecoder().decode(first.value) + rest.text).slice(1);
    expect(rows).toHaveLength(1201);
    expect(rows[0][0]).toBe(new Date(base + 1200_000).toISOString());
    expect(rows[1200][0]).toBe(new Date(base).toISOString());
    expect(new Set(rows.map((r) => r[0])).size).toBe(1201);
    expect(busy()).toBe(0);
  });

  it("gives its connection back when the client stops reading", async () => {
    const { ctx } = await adminCtx();
    await insertLogs(Array.from({ length: 50 }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1) + i) })));
    const out = unwrap(await exportActivityCsv(ctx, {}, { batchSize: 10 }));
    const reader = out.stream.getReader();
    await reader.read();
    expect(pool().totalCount - pool().idleCount).toBe(1);
    await reader.cancel();
    expect(pool().totalCount - pool().idleCount).toBe(0);
    // Nothing is held before the body is read at all.
    unwrap(await exportActivityCsv(ctx, {}));
    expect(pool().totalCount - pool().idleCount).toBe(0);
  });

  it("applies the filters, and an empty result is just the header", async () => {
    const { user, ctx } = await adminCtx();
    await insertLogs([
      { at: "2026-02-01T00:00:00Z", actor: user, eventType: "user.login" },
      { at: "2026-02-02T00:00:00Z", actor: user, eventType: "user.logout" },
    ]);
    const logins = parseCsv((await readAll(unwrap(await exportActivityCsv(ctx, { event_type: "user.login" })).stream)).text);
    expect(logins.map((r) => r[2])).toEqual(["Event Type", "user.login"]);
    const none = await readAll(unwrap(await exportActivityCsv(ctx, { start_date: "2030-01-01" })).stream);
    expect(none.text).toBe("Timestamp,User,Event Type,Resource,IP Address,Details\n");
  });

  it("refuses non-admins and bad filters before sending anything", async () => {
    const { ctx } = await adminCtx();
    const editor = await makeUser({ role: "editor" });
    expect(await exportActivityCsv(ctxOf(editor), {})).toMatchObject({ ok: false, code: "forbidden" });
    expect(await exportActivityCsv(ctx, { start_date: "2026-02-05", end_date: "2026-02-01" })).toMatchObject({
      ok: false,
      code: "validation",
      message: "The end date must be on or after the start date",
    });
  });
});

describe("the REST doors", () => {
  async function bearer(user: { id: string }) {
    const { token } = await openSession(user.id, "api", { ip: null, userAgent: "jest" });
    return { authorization: `Bearer ${token}` };
  }
  const call = (handler: (req: Request, seg: { params: Promise<never> }) => Promise<Response>, url: string, headers: Record<string, string> = {}, params: object = {}) =>
    handler(new Request(`http://sel.test${url}`, { headers }), { params: Promise.resolve(params as never) });

  it("GET /activity and /activity/export.csv answer admins, 401 without a token, 403 for others", async () => {
    const { user } = await adminCtx();
    await insertLogs([{ at: "2026-02-01T00:00:00Z", actor: user }]);
    const auth = await bearer(user);
    const list = await call(restList, "/api/v1/admin/activity?event_type=user.login&limit=5", auth);
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.items).toHaveLength(1);
    expect(body.next_cursor).toBeNull();

    const csv = await call(restExport, "/api/v1/admin/activity/export.csv", auth);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="activity_log_${today()}.csv"`);
    expect(csv.headers.get("x-ratelimit-limit")).toBeTruthy();
    expect((await csv.text()).split("\n")[0]).toBe("Timestamp,User,Event Type,Resource,IP Address,Details");

    expect((await call(restList, "/api/v1/admin/activity")).status).toBe(401);
    expect((await call(restExport, "/api/v1/admin/activity/export.csv")).status).toBe(401);
    const editor = await bearer(await makeUser({ role: "editor" }));
    const denied = await call(restExport, "/api/v1/admin/activity/export.csv", editor);
    expect(denied.status).toBe(403);
    expect(denied.headers.get("content-type")).toBe("application/problem+json");
  });

  it("bad query values are 400 problem+json naming the field", async () => {
    const { user } = await adminCtx();
    const auth = await bearer(user);
    const r = await call(restList, "/api/v1/admin/activity?start_date=2026-02-31", auth);
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({
      type: "https://sel.events/problems/validation-error",
      status: 400,
      detail: "start_date is not a valid calendar date",
      errors: [{ field: "start_date", message: "start_date is not a valid calendar date" }],
    });
    const csv = await call(restExport, "/api/v1/admin/activity/export.csv?limit=5&user_id=x", auth);
    expect(csv.status).toBe(400);
  });

  it("GET /users/{id}/activity: 200 for a user, 404 unknown, 400 malformed", async () => {
    const { user } = await adminCtx();
    const auth = await bearer(user);
    await insertLogs([{ at: "2026-02-01T00:00:00Z", actor: user }]);
    const ok = await call(restUserActivity, `/api/v1/admin/users/${user.id}/activity`, auth, { id: user.id });
    expect(ok.status).toBe(200);
    expect((await ok.json()).items).toHaveLength(1);
    const unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    expect((await call(restUserActivity, `/api/v1/admin/users/${unknown}/activity`, auth, { id: unknown })).status).toBe(404);
    expect((await call(restUserActivity, "/api/v1/admin/users/abc/activity", auth, { id: "abc" })).status).toBe(400);
  });
});
