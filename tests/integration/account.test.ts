// My account through its services: changing one's own password (the current
// one first, the policy, every other session and token ends, this one stays)
// and listing and ending one's own sessions.
import { changePassword } from "@/lib/server/account/change-password";
import { getAccount } from "@/lib/server/account/get-account";
import { endOtherSessions, endOwnSession, listOwnSessions } from "@/lib/server/account/sessions";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { verifyCredentials } from "@/lib/server/auth/login";
import { actorForBearer, actorForToken } from "@/lib/server/auth/resolve";
import { openSession } from "@/lib/server/auth/sessions";
import { db, pool } from "@/lib/server/db";
import { PASSWORD_CHANGED_MESSAGE, WRONG_CURRENT_PASSWORD } from "@/lib/schemas/account";
import { closeTestDb, makeUser, META, PASSWORD, resetDb, unwrap } from "../helpers";
import { COMMON_PASSWORDS, PRODUCT_PASSWORDS } from "../password-samples";
import { errOf } from "./users-support";

const NEW = "Velvet-Orbit-2026!";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

/** A user signed in three ways: this browser, another browser and an API token. */
async function signedIn(opts: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(opts);
  const here = await openSession(user.id, "browser", { ip: "203.0.113.7", userAgent: CHROME });
  const elsewhere = await openSession(user.id, "browser", { ip: "198.51.100.9", userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1" });
  const api = unwrap(await issueApiToken({ actor: null, meta: { ip: "192.0.2.1", userAgent: "curl/8.5.0" } }, { username: user.username, password: PASSWORD }));
  const ctx = { actor: (await actorForToken("browser", here.token))!, meta: META };
  return { user, here, elsewhere, api, ctx };
}

beforeEach(resetDb);
afterAll(closeTestDb);

describe("change password", () => {
  it("needs the right current password, ends the other sessions and tokens, keeps this one", async () => {
    const { user, here, elsewhere, api, ctx } = await signedIn({ username: "carla" });
    const r = unwrap(await changePassword(ctx, { current_password: PASSWORD, password: NEW, password_confirm: NEW }));
    expect(r).toEqual({ message: PASSWORD_CHANGED_MESSAGE, ended: 2 });

    expect(await actorForToken("browser", here.token)).toMatchObject({ id: user.id, sessionId: here.id });
    expect(await actorForToken("browser", elsewhere.token)).toBeNull();
    expect(await actorForBearer(`Bearer ${api.token}`)).toBeNull();
    // The new password signs in; the old one does not.
    await expect(verifyCredentials({ actor: null, meta: META }, { username: "carla", password: NEW })).resolves.toMatchObject({ id: user.id });
    await expect(verifyCredentials({ actor: null, meta: META }, { username: "carla", password: PASSWORD })).rejects.toMatchObject({ code: "unauthorized" });
    const [act] = await db().activityLog.findMany({ where: { eventType: "user.password_changed" } });
    expect(act).toMatchObject({ actorId: user.id, resourceId: user.id, details: { username: "carla", via: "account", sessions_ended: 2 } });
  });

  it("refuses a wrong current password, changing nothing, and counts it towards the lockout", async () => {
    const { ctx, user } = await signedIn();
    const before = await pool().query(`SELECT password_hash, (SELECT count(*)::int FROM sessions WHERE revoked_at IS NULL) AS live FROM users WHERE id = $1`, [user.id]);
    const r = errOf(await changePassword(ctx, { current_password: "Not-The-Password-1", password: NEW }));
    expect(r).toMatchObject({ code: "validation", message: WRONG_CURRENT_PASSWORD, fieldErrors: { current_password: WRONG_CURRENT_PASSWORD } });
    const after = await pool().query(`SELECT password_hash, (SELECT count(*)::int FROM sessions WHERE revoked_at IS NULL) AS live FROM users WHERE id = $1`, [user.id]);
    expect(after.rows).toEqual(before.rows);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(1);
  });

  it("refuses the current password again, a mismatched confirmation and the common picks", async () => {
    const { ctx } = await signedIn({ username: "dora" });
    expect(errOf(await changePassword(ctx, { current_password: PASSWORD, password: PASSWORD }))).toMatchObject({ code: "weak_password", fieldErrors: { "password.reused": expect.any(String) } });
    expect(errOf(await changePassword(ctx, { current_password: PASSWORD, password: NEW, password_confirm: "other" }))).toMatchObject({ code: "validation", fieldErrors: { password_confirm: "Passwords do not match" } });
    for (const pw of [...COMMON_PASSWORDS, ...PRODUCT_PASSWORDS]) {
      const r = errOf(await changePassword(ctx, { current_password: PASSWORD, password: pw }));
      expect({ pw, code: r.code, rules: Object.keys(r.fieldErrors ?? {}) }).toEqual({ pw, code: "weak_password", rules: ["password.common"] });
    }
    expect(errOf(await changePassword(ctx, { current_password: PASSWORD, password: "Dora-2024-Dora!" }))).toMatchObject({ fieldErrors: { "password.username": expect.any(String) } });
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM sessions WHERE revoked_at IS NOT NULL`);
    expect(rows[0].n).toBe(0);
  });

  it("needs a signed-in user", async () => {
    expect(errOf(await changePassword({ actor: null, meta: META }, { current_password: PASSWORD, password: NEW }))).toMatchObject({ code: "unauthorized" });
  });
});

describe("sessions", () => {
  it("lists the live sessions and tokens with browser, IP and times, the current one marked", async () => {
    const { here, elsewhere, api, ctx, user } = await signedIn();
    const gone = await openSession(user.id, "browser", META);
    await pool().query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [gone.id]);
    const list = await listOwnSessions(ctx);
    expect(list.map((s) => s.id)).toEqual(expect.arrayContaining([here.id, elsewhere.id]));
    expect(list).toHaveLength(3);
    expect(list.find((s) => s.id === here.id)).toMatchObject({ kind: "browser", current: true, ip_address: "203.0.113.7", browser: "Chrome 156 on Linux" });
    expect(list.find((s) => s.id === elsewhere.id)).toMatchObject({ current: false, browser: "Safari 18 on iOS" });
    expect(list.find((s) => s.kind === "api")).toMatchObject({ current: false, ip_address: "192.0.2.1", browser: "API token · curl" });
    expect(JSON.stringify(list)).not.toContain(api.token);
    expect(JSON.stringify(list)).not.toMatch(/token_hash|tokenHash/);
    // Someone else's sessions are not in my list.
    const other = await makeUser();
    await openSession(other.id, "browser", META);
    expect(await listOwnSessions(ctx)).toHaveLength(3);
  });

  it("signs out one other session, not the current one, not someone else's", async () => {
    const { here, elsewhere, api, ctx, user } = await signedIn();
    unwrap(await endOwnSession(ctx, elsewhere.id));
    expect(await actorForToken("browser", elsewhere.token)).toBeNull();
    expect(await actorForToken("browser", here.token)).not.toBeNull();
    expect(await actorForBearer(`Bearer ${api.token}`)).not.toBeNull();
    expect(errOf(await endOwnSession(ctx, elsewhere.id))).toMatchObject({ code: "not_found" });
    expect(errOf(await endOwnSession(ctx, here.id))).toMatchObject({ code: "validation" });
    expect(errOf(await endOwnSession(ctx, "nonsense"))).toMatchObject({ code: "validation" });
    const other = await makeUser();
    const theirs = await openSession(other.id, "browser", META);
    expect(errOf(await endOwnSession(ctx, theirs.id))).toMatchObject({ code: "not_found" });
    expect(await actorForToken("browser", theirs.token)).not.toBeNull();
    expect(await db().activityLog.count({ where: { eventType: "user.sessions_ended", actorId: user.id } })).toBe(1);
  });

  it("signs out everywhere else in one go", async () => {
    const { here, elsewhere, api, ctx } = await signedIn();
    expect(unwrap(await endOtherSessions(ctx))).toEqual({ count: 2 });
    expect(await actorForToken("browser", here.token)).not.toBeNull();
    expect(await actorForToken("browser", elsewhere.token)).toBeNull();
    expect(await actorForBearer(`Bearer ${api.token}`)).toBeNull();
    expect(unwrap(await endOtherSessions(ctx))).toEqual({ count: 0 });
    expect(await db().activityLog.count({ where: { eventType: "user.sessions_ended" } })).toBe(1);
  });

  it("the account page's data: me, my sessions, my recent activity, for every role", async () => {
    for (const role of ["admin", "editor", "viewer"] as const) {
      const { ctx, user } = await signedIn({ role });
      const a = unwrap(await getAccount(ctx));
      expect(a.user).toMatchObject({ id: user.id, username: user.username, email: user.email, role });
      expect(a.sessions).toHaveLength(3);
      expect(a.activity.map((x) => x.event_type)).toContain("user.login");
      expect(a.activity.every((x) => x.user_id === user.id || x.resource_id === user.id)).toBe(true);
      expect(a.passwordInputs).toEqual(expect.arrayContaining([user.username, user.email]));
    }
    expect(errOf(await getAccount({ actor: null, meta: META }))).toMatchObject({ code: "unauthorized" });
  });
});
