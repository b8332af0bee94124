import { actorForBearer, actorForToken } from "@/lib/server/auth/resolve";
import { openSession } from "@/lib/server/auth/sessions";
import { issueApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { verifyCredentials } from "@/lib/server/auth/login";
import { db, pool } from "@/lib/server/db";
import { deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { adminCtx, closeTestDb, makeUser, META, PASSWORD, resetDb, unwrap } from "../helpers";

const anon = { actor: null, meta: META };

async function attempt(username: string, password: string) {
  try {
    return await verifyCredentials(anon, { username, password });
  } catch (e) {
    return e as { code: string; message: string };
  }
}

beforeEach(resetDb);
afterAll(closeTestDb);

describe("login service", () => {
  it("accepts the right password, by username or email, case-insensitively", async () => {
    const u = await makeUser({ username: "Jane.Doe", email: "jane@example.org" });
    for (const name of ["Jane.Doe", "jane.doe", "JANE.DOE", "jane@example.org", "JANE@Example.ORG"]) {
      const r = await attempt(name, PASSWORD);
      expect(r).toMatchObject({ id: u.id, username: "Jane.Doe" });
    }
    const after = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(after.lastLoginAt).not.toBeNull();
    const rows = await db().activityLog.findMany({ where: { eventType: "user.login", actorId: u.id } });
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ ipAddress: META.ip, userAgent: META.userAgent, actorUsername: "Jane.Doe" });
  });

  it("gives one generic message for wrong password, unknown, pending, inactive and deleted users", async () => {
    await makeUser({ username: "active1" });
    await makeUser({ username: "pending1", status: "pending" });
    await makeUser({ username: "inactive1", status: "inactive" });
    await makeUser({ username: "deleted1", deleted: true });
    const results = [
      await attempt("active1", "Wrong-Password-1!"),
      await attempt("nobody", PASSWORD),
      await attempt("pending1", PASSWORD),
      await attempt("inactive1", PASSWORD),
      await attempt("deleted1", PASSWORD),
    ];
    for (const r of results) expect(r).toEqual(expect.objectContaining({ code: "unauthorized", message: "Invalid username or password" }));
    expect(await db().activityLog.count({ where: { eventType: "user.login_failed" } })).toBe(5);
    expect(await db().user.count({ where: { lastLoginAt: { not: null } } })).toBe(0);
  });

  it("rate-limits failed attempts per username (5 a minute)", async () => {
    await makeUser({ username: "target" });
    for (let i = 0; i < 5; i++) await attempt("target", "Wrong-Password-1!");
    const r = await attempt("target", PASSWORD);
    expect(r).toMatchObject({ code: "rate_limited" });
  });
});

describe("sessions end when the user changes", () => {
  it("deactivation, deletion or demotion ends cookie and token access", async () => {
    const { ctx: adm } = await adminCtx();
    await makeUser({ role: "admin" }); // a second admin so demotion is allowed
    for (const change of ["deactivate", "delete", "demote"] as const) {
      const u = await makeUser({ role: "admin" });
      const token = unwrap(await issueApiToken(anon, { username: u.username, password: PASSWORD })).token;
      const browser = await openSession(u.id, "browser", META);
      expect(await actorForToken("browser", browser.token)).toMatchObject({ id: u.id, sessionId: browser.id, sessionKind: "browser" });
      expect(await actorForBearer(`Bearer ${token}`)).toMatchObject({ id: u.id });
      if (change === "deactivate") unwrap(await deactivateUser(adm, u.id));
      if (change === "delete") unwrap(await deleteUser(adm, u.id));
      if (change === "demote") unwrap(await updateUser(adm, u.id, { role: "viewer" }));
      expect(await actorForToken("browser", browser.token)).toBeNull();
      expect(await actorForBearer(`Bearer ${token}`)).toBeNull();
    }
  });

  it("logout revokes the API token", async () => {
    const u = await makeUser({ role: "editor" });
    const { token } = unwrap(await issueApiToken(anon, { username: u.username, password: PASSWORD }));
    const actor = await actorForBearer(`Bearer ${token}`);
    expect(actor).not.toBeNull();
    await revokeApiToken({ actor, meta: META });
    expect(await actorForBearer(`Bearer ${token}`)).toBeNull();
    expect(await db().activityLog.count({ where: { eventType: "user.logout", actorId: u.id } })).toBe(1);
  });
});

describe("login lookups and limits under attack", () => {
  it("treats _ and % in a username literally (no wildcard logins, no wrong-account match)", async () => {
    await makeUser({ username: "admin" });
    for (const name of ["adm_n", "a%", "%min", "_dmin"]) {
      expect(await attempt(name, PASSWORD)).toMatchObject({ code: "unauthorized" });
    }
    const jx = await makeUser({ username: "jxdoe" });
    const jd = await makeUser({ username: "j_doe" });
    expect(await attempt("j_doe", PASSWORD)).toMatchObject({ id: jd.id });
    expect(await attempt("JXDOE", PASSWORD)).toMatchObject({ id: jx.id });
  });

  it("counts each attempt before checking the password: 30 concurrent guesses, at most 5 checked", async () => {
    const u = await makeUser({ username: "victim" });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => verifyCredentials({ actor: null, meta: { ip: `198.51.100.${i}`, userAgent: "x" } }, { username: "victim", password: `Wrong-${i}-Pass!` }).catch((e) => e)),
    );
    expect(results.filter((r) => r.code === "unauthorized")).toHaveLength(5);
    expect(results.filter((r) => r.code === "rate_limited")).toHaveLength(25);
    expect(await db().activityLog.count({ where: { eventType: "user.login_failed", resourceId: u.id } })).toBe(5);
  });

  it("a username and its email share one budget, and successful logins do not use it up", async () => {
    const u = await makeUser({ username: "shared", email: "shared@example.org" });
    for (let i = 0; i < 10; i++) expect(await attempt(i % 2 ? "shared" : "SHARED@example.org", PASSWORD)).toMatchObject({ id: u.id });
    for (let i = 0; i < 5; i++) await attempt(i % 2 ? "shared" : "shared@example.org", "Wrong-Password-1!");
    expect(await attempt("shared@example.org", PASSWORD)).toMatchObject({ code: "rate_limited" });
  });

  it("a NUL byte in the username is a plain failure, not a server error", async () => {
    // Malformed input, like a missing field: a validation error that counts towards no limit
    // (the sign-in form shows its usual "Invalid username or password", the API a 400).
    expect(await attempt("ad\u0000min", PASSWORD)).toMatchObject({ code: "validation" });
    expect((await pool().query(`SELECT key FROM rate_limits`)).rows).toEqual([]);
  });
});
