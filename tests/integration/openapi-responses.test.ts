// Every operation of the OpenAPI document, called through its route handler
// on the real database: a success and its expected failures, each answer
// validated against the document (status listed, media type, body schema,
// JSON Schema 2020-12 with formats). The end-to-end API specs validate every
// answer they receive the same way (e2e/support/fixtures.ts); this file makes
// sure each operation is exercised at least once with a success and a failure.
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { buildOpenApiDocument } from "@/lib/server/api/openapi";
import { db } from "@/lib/server/db";
import { closeTestDb, makeUser, PASSWORD, resetDb } from "../helpers";
import { OpenApiValidator } from "../support/openapi-validator";
import { verificationDone } from "@/lib/server/activity/chain/integrity";

const doc = buildOpenApiDocument() as ConstructorParameters<typeof OpenApiValidator>[0];
const validator = new OpenApiValidator(doc);
const STRONG = "Quartz-Lantern-Orbit-97!";

beforeAll(resetDb);
afterAll(closeTestDb);

type Call = { token?: string; body?: unknown; raw?: string; query?: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of many shapes, each checked against its schema before use
type Seen = { status: number; json: any; text: string; headers: Headers };

const seen = new Map<string, Set<number>>();
const problems: string[] = [];

/** Calls the route file of `template` as Next.js would, and validates the answer. */
async function call(method: string, template: string, params: Record<string, string> = {}, c: Call = {}): Promise<Seen> {
  const concrete = template.replace(/\{(\w+)\}/g, (_, k: string) => params[k]);
  const file = path.join(process.cwd(), "app", template.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handler = (require(file) as Record<string, (req: Request, seg: { params: Promise<unknown> }) => Promise<Response>>)[method];
  const url = new URL("http://localhost" + concrete);
  for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.9", "user-agent": "jest" };
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  const body = c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await res.text();
  const found = validator.check({ method, path: concrete, status: res.status, contentType: res.headers.get("content-type") ?? undefined, body: text });
  if (found === null) throw new Error(`${method} ${concrete} is no operation of the document`);
  problems.push(...found);
  const key = `${method} ${template}`;
  seen.set(key, (seen.get(key) ?? new Set()).add(res.status));
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // CSV or empty
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function tokenOf(username: string): Promise<string> {
  const r = await call("POST", "/api/v1/admin/login", {}, { body: { username, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r.json.token;
}

const UNKNOWN_ID = "01HQXYZ123456789ABCDEFGHJK";

describe("answers validate against the OpenAPI document", () => {
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    const a = await makeUser({ role: "admin" });
    const v = await makeUser({ role: "viewer" });
    admin = await tokenOf(a.username);
    viewer = await tokenOf(v.username);
  });

  afterEach(() => {
    const found = problems.splice(0);
    expect(found).toEqual([]);
  });

  it("authentication", async () => {
    const u = await makeUser({ role: "editor" });
    expect((await call("POST", "/api/v1/admin/login", {}, { body: { username: u.username, password: "wrong-password" } })).status).toBe(401);
    expect((await call("POST", "/api/v1/admin/login", {}, { body: { username: "" } })).status).toBe(400);
    expect((await call("POST", "/api/v1/admin/login", {}, { raw: "{not json" })).status).toBe(400);
    const token = await tokenOf(u.username);
    expect((await call("POST", "/api/v1/admin/logout", {}, { token })).status).toBe(204);
    expect((await call("POST", "/api/v1/admin/logout", {}, { token })).status).toBe(401);
    expect((await call("POST", "/api/v1/admin/logout")).status).toBe(401);
  });

  it("users: list, create, read, update, delete", async () => {
    const list = "/api/v1/admin/users";
    expect((await call("GET", list, {}, { token: admin, query: { limit: "2" } })).status).toBe(200);
    expect((await call("GET", list, {}, { token: admin, query: { limit: "0" } })).status).toBe(400);
    expect((await call("GET", list, {}, { token: viewer })).status).toBe(403);
    expect((await call("GET", list)).status).toBe(401);

    const created = await call("POST", list, {}, { token: admin, body: { username: "openapi.jane", email: "Jane.OpenAPI@example.org", role: "editor" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/admin/users/${created.json.id}`);
    expect((await call("POST", list, {}, { token: admin, body: { username: "openapi.jane", email: "other@example.org" } })).status).toBe(409);
    expect((await call("POST", list, {}, { token: admin, body: { username: "x", email: "nope" } })).status).toBe(400);

    const one = "/api/v1/admin/users/{id}";
    const id = created.json.id as string;
    expect((await call("GET", one, { id }, { token: admin })).json.invitation).toBeDefined();
    expect((await call("GET", one, { id: UNKNOWN_ID }, { token: admin })).status).toBe(404);
    expect((await call("GET", one, { id: "not-an-id" }, { token: admin })).status).toBe(400);
    expect((await call("PUT", one, { id }, { token: admin, body: { role: "viewer" } })).status).toBe(200);
    const other = await makeUser();
    expect((await call("PUT", one, { id }, { token: admin, body: { username: other.username } })).status).toBe(409);
    expect((await call("PUT", one, { id }, { token: admin, body: { email: "bad" } })).status).toBe(400);
    expect((await call("DELETE", one, { id }, { token: admin })).status).toBe(204);
    expect((await call("DELETE", one, { id }, { token: admin })).status).toBe(404);
  });

  it("user state changes", async () => {
    const u = await makeUser();
    const pending = await makeUser({ status: "pending" });
    const base = "/api/v1/admin/users/{id}";
    expect((await call("POST", `${base}/deactivate`, { id: u.id }, { token: admin })).status).toBe(200);
    expect((await call("POST", `${base}/deactivate`, { id: u.id }, { token: admin })).status).toBe(400);
    expect((await call("POST", `${base}/activate`, { id: u.id }, { token: admin })).status).toBe(200);
    expect((await call("POST", `${base}/activate`, { id: u.id }, { token: admin })).status).toBe(400);
    expect((await call("POST", `${base}/unlock`, { id: u.id }, { token: admin })).status).toBe(400);
    await db().user.update({ where: { id: u.id }, data: { lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 10 } });
    const unlocked = await call("POST", `${base}/unlock`, { id: u.id }, { token: admin });
    expect([unlocked.status, unlocked.json.locked_until]).toEqual([200, null]);
    expect((await call("POST", `${base}/send-password-reset`, { id: u.id }, { token: admin })).status).toBe(200);
    expect((await call("POST", `${base}/send-password-reset`, { id: pending.id }, { token: admin })).status).toBe(400);
    expect((await call("POST", `${base}/deactivate`, { id: UNKNOWN_ID }, { token: viewer })).status).toBe(403);
    expect((await call("POST", `${base}/reset-2fa`, { id: u.id }, { token: admin })).status).toBe(400);
    await db().user.update({ where: { id: u.id }, data: { totpSecret: "v1.sealed", totpEnabledAt: new Date() } });
    const reset = await call("POST", `${base}/reset-2fa`, { id: u.id }, { token: admin });
    expect([reset.status, reset.json.two_factor]).toEqual([200, false]);
  });

  it("activity chain verification: start, status", async () => {
    const verify = "/api/v1/admin/activity/verify";
    expect((await call("POST", verify, {}, { token: viewer })).status).toBe(403);
    expect((await call("GET", verify, {}, { token: viewer })).status).toBe(403);
    expect((await call("POST", verify, {}, { token: admin })).status).toBe(202);
    await verificationDone();
    const status = await call("GET", verify, {}, { token: admin });
    expect([status.status, status.json.last?.status]).toEqual([200, "ok"]);
  });

  it("invitations: resend, copy the link, revoke, accept", async () => {
    const created = await call("POST", "/api/v1/admin/users", {}, { token: admin, body: { username: "openapi.invitee", email: "invitee@example.org" } });
    const id = created.json.id as string;
    const active = await makeUser();
    const base = "/api/v1/admin/users/{id}";
    expect((await call("POST", `${base}/resend-invitation`, { id }, { token: admin })).status).toBe(200);
    expect((await call("POST", `${base}/resend-invitation`, { id: active.id }, { token: admin })).status).toBe(400);
    const link = await call("POST", `${base}/invitation-link`, { id }, { token: admin });
    expect(link.status).toBe(200);
    expect((await call("POST", `${base}/invitation-link`, { id: active.id }, { token: admin })).status).toBe(400);
    const token = new URL(link.json.link).searchParams.get("token")!;

    const accept = "/api/v1/accept-invitation";
    expect((await call("POST", accept, {}, { body: { token, password: "short" } })).json.type).toMatch(/weak-password$/);
    expect((await call("POST", accept, {}, { body: { token: "x".repeat(43), password: STRONG } })).json.type).toMatch(/invalid-invitation$/);
    expect((await call("POST", accept, {}, { body: {} })).status).toBe(400);
    expect((await call("POST", accept, {}, { raw: JSON.stringify({ token, password: "p".repeat(2 * 1024 * 1024) }) })).status).toBe(413);
    expect((await call("POST", accept, {}, { body: { token, password: STRONG, password_confirm: STRONG } })).status).toBe(200);

    const again = await call("POST", "/api/v1/admin/users", {}, { token: admin, body: { username: "openapi.revoked", email: "revoked@example.org" } });
    expect((await call("POST", `${base}/revoke-invitation`, { id: again.json.id }, { token: admin })).status).toBe(200);
    expect((await call("POST", `${base}/revoke-invitation`, { id: again.json.id }, { token: admin })).status).toBe(400);
  });

  it("password reset", async () => {
    const u = await makeUser();
    expect((await call("POST", "/api/v1/password-reset", {}, { body: { email: u.email } })).status).toBe(202);
    expect((await call("POST", "/api/v1/password-reset", {}, { body: { email: "not an address" } })).status).toBe(400);
    const token = randomBytes(32).toString("base64url");
    await db().passwordReset.create({
      data: { userId: u.id, tokenHash: createHash("sha256").update(token).digest("hex"), expiresAt: new Date(Date.now() + 3600_000) },
    });
    const confirm = "/api/v1/password-reset/confirm";
    expect((await call("POST", confirm, {}, { body: { token: "unknown", password: STRONG } })).json.type).toMatch(/invalid-token$/);
    expect((await call("POST", confirm, {}, { body: { token, password: "weak" } })).json.type).toMatch(/weak-password$/);
    expect((await call("POST", confirm, {}, { body: { token, password: STRONG } })).status).toBe(200);
  });

  it("activity: the log, a user's timeline, the CSV export", async () => {
    const u = await makeUser();
    expect((await call("GET", "/api/v1/admin/activity", {}, { token: admin, query: { limit: "5" } })).json.items.length).toBeGreaterThan(0);
    expect((await call("GET", "/api/v1/admin/activity", {}, { token: admin, query: { start_date: "2026-02-05", end_date: "2026-02-01" } })).status).toBe(400);
    expect((await call("GET", "/api/v1/admin/users/{id}/activity", { id: u.id }, { token: admin })).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/users/{id}/activity", { id: UNKNOWN_ID }, { token: admin })).status).toBe(404);
    const csv = await call("GET", "/api/v1/admin/activity/export.csv", {}, { token: admin });
    expect([csv.status, csv.text.split("\n")[0]]).toEqual([200, "Timestamp,User,Event Type,Resource,IP Address,Details"]);
    expect((await call("GET", "/api/v1/admin/activity/export.csv", {}, { token: viewer })).status).toBe(403);
    expect((await call("GET", "/api/v1/admin/activity/export.csv", {}, { token: admin, query: { start_date: "soon" } })).status).toBe(400);
  });

  it("the document itself", async () => {
    expect((await call("GET", "/api/v1/openapi.json")).json.openapi).toMatch(/^3\.1/);
  });

  it("exercised every operation with a success and a failure", () => {
    const missing: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const m of Object.keys(ops)) {
        const key = `${m.toUpperCase()} ${p}`;
        const statuses = [...(seen.get(key) ?? [])];
        if (!statuses.some((s) => s < 300)) missing.push(`${key}: no success`);
        if (p !== "/api/v1/openapi.json" && !statuses.some((s) => s >= 400)) missing.push(`${key}: no failure`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("the validator", () => {
  const user = {
    id: UNKNOWN_ID,
    username: "jane",
    email: "jane@example.org",
    role: "viewer",
    status: "active",
    is_active: true,
    created_at: "2026-02-05T14:30:00.000Z",
    updated_at: "2026-02-05T14:30:00.000Z",
    last_login_at: null,
    last_active_at: null,
    locked_until: null,
    two_factor: false,
  };
  const answer = (status: number, body: unknown, contentType = "application/json") => ({
    method: "GET",
    path: `/api/v1/admin/users/${UNKNOWN_ID}`,
    status,
    contentType,
    body: JSON.stringify(body),
  });

  it("accepts a conforming answer", () => {
    expect(validator.check(answer(200, user))).toEqual([]);
  });

  it("rejects a missing field, an extra one (a leak), a wrong type, an undocumented status or media type", () => {
    const { email: _email, ...noEmail } = user;
    expect(validator.check(answer(200, noEmail))!.join()).toMatch(/email/);
    expect(validator.check(answer(200, { ...user, password_hash: "x" }))!.join()).toMatch(/additional/);
    expect(validator.check(answer(200, { ...user, created_at: "yesterday" }))!.join()).toMatch(/created_at/);
    expect(validator.check(answer(201, user))!.join()).toMatch(/status not documented/);
    expect(validator.check(answer(200, user, "text/html"))!.join()).toMatch(/content-type/);
    const problem = { type: "https://sel.events/problems/conflict", title: "Conflict", status: 404, detail: "x", instance: "/" };
    expect(validator.check(answer(404, problem, "application/problem+json"))!.join()).toMatch(/type|status/);
  });

  it("knows which requests are no operation", () => {
    expect(validator.check({ method: "PATCH", path: "/api/v1/admin/users", status: 405, contentType: "application/problem+json", body: "{}" })).toBeNull();
    expect(validator.operationOf("GET", "/api/v1/admin/users/X/activity")).toBe("GET /api/v1/admin/users/{id}/activity");
  });
});
