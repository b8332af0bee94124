// The authorization matrix over HTTP: every page and route handler found in
// app/ x every kind of caller, against the built app, compared with
// tests/proof/access-table.ts. Callers: anonymous, viewer, editor, admin, the
// still-held cookie and token of four admins who were then deactivated,
// deleted, demoted and made to change their password, and an admin's
// credential sent to the door that must ignore it. Server actions have their
// own matrix in Jest (tests/proof/action-matrix.test.ts).
import { CALLER_CLASSES, expected, httpRow, orphanRows, ACTIONS, type CallerClass, type HttpOutcome } from "../tests/proof/access-table";
import { duplicateKeys, scanDoors } from "../tests/proof/doors";
import { headerText, recordExchange, writeFigures } from "../tests/proof/report";
import { expectProblem, resetRateLimits, uniq } from "./support/api";
import { BASE_URL } from "./support/config";
import { bothLogins, cookieLogin, credentialHeaders, NONE, tokenLogin, type Credentials } from "./support/credentials";
import { doorRequest, resetToken, send, type Fixtures } from "./support/door-requests";
import { createUser, expect, test } from "./support/fixtures";

const scan = scanDoors();
const httpDoors = scan.doors.filter((d) => d.kind !== "action");

test.describe.configure({ mode: "serial" });
test.beforeAll(resetRateLimits);
test.afterAll(resetRateLimits);

test("every page, route method and server action has a row in the access table", () => {
  expect(scan.inlineServerActions, "inline \"use server\" functions: move them into a \"use server\" file so the table can see them").toEqual([]);
  expect(duplicateKeys(scan.doors)).toEqual([]);
  const missing = httpDoors.filter((d) => !httpRow(d.key)).map((d) => `${d.key} (${d.file})`);
  const actionsMissing = scan.doors.filter((d) => d.kind === "action" && !ACTIONS[d.target]).map((d) => `${d.key} (${d.file})`);
  expect([...missing, ...actionsMissing], "add these doors to tests/proof/access-table.ts").toEqual([]);
  expect(orphanRows(scan.doors.map((d) => d.key)), "these rows name doors that no longer exist").toEqual([]);
});

/** Outcome of one answer: "login" for a redirect to the login page, else the status. */
function outcomeOf(res: Response): HttpOutcome {
  const loc = res.headers.get("location");
  if (res.status >= 300 && res.status < 400 && loc && new URL(loc, BASE_URL).pathname === "/admin/login") return "login";
  return res.status;
}

type Callers = Record<CallerClass, Credentials>;

/** Signs every caller in, then changes the four stale ones through the API as another admin. */
async function callers(): Promise<Callers> {
  const mk = async (role: "viewer" | "editor" | "admin") => {
    const u = await createUser({ role, username: uniq(`mx${role}`) });
    return { user: u, creds: await bothLogins(BASE_URL, u.username) };
  };
  const [viewer, editor, admin, boss] = [await mk("viewer"), await mk("editor"), await mk("admin"), await mk("admin")];
  const stale = { deactivated: await mk("admin"), deleted: await mk("admin"), demoted: await mk("admin"), "password-changed": await mk("admin") };
  await resetRateLimits();

  const api = (method: string, path: string, json?: unknown) =>
    fetch(BASE_URL + path, {
      method,
      headers: { authorization: `Bearer ${boss.creds.token}`, "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  const must = async (res: Promise<Response>, status: number) => expect((await res).status).toBe(status);
  await must(api("POST", `/api/v1/admin/users/${stale.deactivated.user.id}/deactivate`), 200);
  await must(api("DELETE", `/api/v1/admin/users/${stale.deleted.user.id}`), 204);
  await must(api("PUT", `/api/v1/admin/users/${stale.demoted.user.id}`, { role: "viewer" }), 200);
  // A password change through the reset door (the service that sets a new password).
  const token = await resetToken(stale["password-changed"].user.id);
  const reset = await fetch(`${BASE_URL}/api/v1/password-reset/confirm`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token, password: "Changed-Pass-word-77!" }),
  });
  expect(reset.status, await reset.text()).toBe(200);
  await resetRateLimits();

  return {
    anon: NONE,
    viewer: viewer.creds,
    editor: editor.creds,
    admin: admin.creds,
    "stale-deactivated": stale.deactivated.creds,
    "stale-deleted": stale.deleted.creds,
    "stale-demoted": stale.demoted.creds,
    "stale-password-changed": stale["password-changed"].creds,
    // The admin's cookie to the API (bearer only) and the admin's token everywhere else.
    crossed: admin.creds,
  };
}

function credentialsFor(who: CallerClass, c: Callers, path: string): Credentials {
  const creds = c[who];
  if (who !== "crossed") return creds;
  return path.startsWith("/api/v1/") ? { cookie: creds.cookie, token: null } : { cookie: null, token: creds.token };
}

test("every door answers every caller as the table says", async () => {
  test.setTimeout(240_000);
  const c = await callers();
  const fx: Fixtures = {
    base: BASE_URL,
    someone: await createUser({ username: uniq("someone") }),
    loginUser: await createUser({ username: uniq("signin") }),
  };
  // Logout revokes the token it is sent: run it last.
  const doors = [...httpDoors].sort((a, b) => Number(a.key === "POST /api/v1/admin/logout") - Number(b.key === "POST /api/v1/admin/logout"));
  const mismatches: string[] = [];
  let cells = 0;
  for (const door of doors) {
    const row = httpRow(door.key)!;
    for (const who of CALLER_CLASSES) {
      if (door.key.includes("accept-invitation") || door.key.includes("password-reset") || door.key.includes("login") || door.key.startsWith("POST /api/auth")) await resetRateLimits();
      const req = await doorRequest(door.key, fx);
      const creds = credentialsFor(who, c, req.path);
      const res = await send(BASE_URL, req, credentialHeaders(creds));
      const body = await res.text();
      recordExchange("matrix", { source: `matrix ${door.key} as ${who}`, sent: JSON.stringify({ req, creds }), status: res.status, headers: headerText(res), body });
      const got = outcomeOf(res);
      const want = expected(row, who);
      cells += 1;
      if (got !== want) mismatches.push(`${door.key} as ${who}: expected ${want}, got ${got} ${body.slice(0, 160)}`);
    }
  }
  // next-auth's own session read answers 200 to everyone; only a live cookie reads as a session.
  for (const who of CALLER_CLASSES) {
    const res = await fetch(`${BASE_URL}/api/auth/session`, { headers: credentialHeaders(credentialsFor(who, c, "/api/auth/session")) });
    const session = (await res.json()) as { user?: { name?: string } };
    const live = ["viewer", "editor", "admin"].includes(who);
    cells += 1;
    if (Boolean(session.user) !== live) mismatches.push(`GET /api/auth/session as ${who}: expected ${live ? "a session" : "none"}, got ${JSON.stringify(session)}`);
  }
  writeFigures("matrix-http", {
    doors: doors.length,
    pages: doors.filter((d) => d.kind === "page").length,
    routeMethods: doors.filter((d) => d.kind === "route").length,
    callerClasses: CALLER_CLASSES.length,
    cells,
    mismatches: mismatches.length,
    mismatchList: mismatches,
  });
  console.log(`authorization matrix (HTTP): ${doors.length} doors x ${CALLER_CLASSES.length} callers = ${cells} cells, ${mismatches.length} mismatches`);
  expect(mismatches).toEqual([]);
});

test("API answers to the refused callers are problem+json", async ({ request }) => {
  // The matrix compares statuses; the shape of a refusal is the contract's too.
  const viewer = await createUser({ role: "viewer", username: uniq("mxshape") });
  const token = await tokenLogin(BASE_URL, viewer.username);
  await expectProblem(await request.get("/api/v1/admin/users"), 401, "unauthorized");
  await expectProblem(await request.get("/api/v1/admin/users", { headers: { authorization: `Bearer ${token}` } }), 403, "forbidden");
  const admin = await createUser({ role: "admin", username: uniq("mxshape") });
  const cookie = await cookieLogin(BASE_URL, admin.username);
  await expectProblem(await request.get("/api/v1/admin/users", { headers: { cookie } }), 401, "unauthorized");
  await resetRateLimits();
});
