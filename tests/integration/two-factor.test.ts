// Two-factor sign-in through its services and doors: setup and confirm with
// a code computed here from the secret the setup showed, sign-in with a
// code (web service and REST, with its otp-required problem), a code
// refused the second time, recovery codes that work once, disable, an
// admin's reset, the node's policy for admins, and no secret in any answer,
// activity row or log line.
import { Secret, TOTP } from "otpauth";
import { POST as restLogin } from "@/app/api/v1/admin/login/route";
import { POST as restReset } from "@/app/api/v1/admin/users/[id]/reset-2fa/route";
import { GET as restUsers } from "@/app/api/v1/admin/users/route";
import { getAccount } from "@/lib/server/account/get-account";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { verifyCredentials } from "@/lib/server/auth/login";
import { actorForToken } from "@/lib/server/auth/resolve";
import { openSession } from "@/lib/server/auth/sessions";
import { db, pool } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { unseal } from "@/lib/server/two-factor/seal";
import {
  confirmTwoFactorSetup,
  sealSetup,
  SETUP_EXPIRED,
  SETUP_TTL_MS,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
  resetUserTwoFactor,
  startTwoFactorSetup,
} from "@/lib/server/two-factor/service";
import { listUsers } from "@/lib/server/users/list-users";
import { adminCtx, closeTestDb, ctxOf, makeUser, META, PASSWORD, resetDb, unwrap } from "../helpers";
import { errOf } from "./users-support";

process.env.RATE_LIMIT_LOGIN_PER_MINUTE = "1000";

const codeAt = (secret: string, ms = Date.now()) =>
  new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

/** A signed-in user's context (a real browser session, so the actor is what a request resolves). */
async function signedIn(opts: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(opts);
  const s = await openSession(user.id, "browser", META);
  const ctx = async () => ({ actor: (await actorForToken("browser", s.token))!, meta: META });
  return { user, ctx };
}

/**
 * The code of the next time step: accepted (one step of drift) and newer
 * than the step the setup was confirmed with, whenever in its 30 s the test runs.
 */
const nextCode = (secret: string) => codeAt(secret, Date.now() + 30_000);

/** Sets up and confirms two-factor for the user; returns the secret and the recovery codes. */
async function enrol(ctx: Awaited<ReturnType<typeof signedIn>>["ctx"]) {
  const setup = unwrap(await startTwoFactorSetup(await ctx()));
  const codes = unwrap(await confirmTwoFactorSetup(await ctx(), { setup_token: setup.setup_token, password: PASSWORD, code: codeAt(setup.secret) })).recovery_codes;
  return { secret: setup.secret, setup, codes };
}

let ip = 0;
const anon = () => ({ actor: null, meta: { ip: `198.51.100.${(ip++ % 250) + 1}`, userAgent: "jest" } });
const login = async (input: Record<string, unknown>) => {
  try {
    return await verifyCredentials(anon(), input);
  } catch (e) {
    return e as { code: string; message: string };
  }
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const post = (handler: (req: Request, seg: { params: Promise<any> }) => Promise<Response>, url: string, body: unknown, headers: Record<string, string> = {}, params: object = {}) =>
  handler(new Request(`http://sel.test${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } }), {
    params: Promise.resolve(params as never),
  });

beforeEach(async () => {
  delete process.env.REQUIRE_2FA_FOR_ADMINS;
  resetEnvForTests();
  await resetDb();
});
afterAll(async () => {
  delete process.env.REQUIRE_2FA_FOR_ADMINS;
  resetEnvForTests();
  await closeTestDb();
});

describe("two-factor setup", () => {
  it("shows the secret once (text, otpauth URI, QR), stores it sealed, and turns on only with a current code and the password", async () => {
    const { user, ctx } = await signedIn({ username: "alice" });
    const setup = unwrap(await startTwoFactorSetup(await ctx()));
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauth_uri).toMatch(/^otpauth:\/\/totp\/SEL%20Admin:alice\?.*secret=/);
    expect(setup.otpauth_uri).toContain("algorithm=SHA1");
    expect(setup.otpauth_uri).toContain("digits=6");
    expect(setup.otpauth_uri).toContain("period=30");
    expect(setup.qr_code).toMatch(/^data:image\/png;base64,/);

    expect(setup.setup_token).not.toContain(setup.secret);
    // Nothing is stored until the setup is confirmed: sign-in still needs the password only.
    const before = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { totpSecret: false } });
    expect(before).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await login({ username: "alice", password: PASSWORD })).toMatchObject({ username: "alice" });

    const confirm = (over: Record<string, unknown>) => confirmTwoFactorSetup(ctx0, { setup_token: setup.setup_token, password: PASSWORD, code: codeAt(setup.secret), ...over });
    const ctx0 = await ctx();
    expect(errOf(await confirm({ code: "000000" === codeAt(setup.secret) ? "111111" : "000000" }))).toMatchObject({ code: "validation", fieldErrors: { code: expect.any(String) } });
    expect(errOf(await confirm({ password: "Wrong-Password-1!" }))).toMatchObject({ code: "validation", fieldErrors: { password: expect.any(String) } });
    expect(errOf(await confirm({ code: "12ab" }))).toMatchObject({ code: "validation" });
    expect(errOf(await confirm({ setup_token: undefined }))).toMatchObject({ code: "validation" });
    // A tampered token, another user's, or an expired one does not open.
    const tampered = setup.setup_token.slice(0, -2) + (setup.setup_token.endsWith("AA") ? "BB" : "AA");
    expect(errOf(await confirm({ setup_token: tampered })).message).toBe(SETUP_EXPIRED);
    const other = await makeUser();
    expect(errOf(await confirm({ setup_token: sealSetup(setup.secret, other.id) })).message).toBe(SETUP_EXPIRED);
    expect(errOf(await confirm({ setup_token: sealSetup(setup.secret, user.id, Date.now() - SETUP_TTL_MS - 1) })).message).toBe(SETUP_EXPIRED);

    const codes = unwrap(await confirm({})).recovery_codes;
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { totpSecret: false } });
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(setup.secret);
    expect(unseal(row.totpSecret!, user.id)).toBe(setup.secret);
    // Bound to its user: the sealed value does not open for another row, nor as a setup token.
    expect(unseal(row.totpSecret!, other.id)).toBeNull();
    expect(errOf(await confirm({ setup_token: row.totpSecret })).message).toBe(SETUP_EXPIRED);
    // On already: a second confirmation (a fresh token for another secret) changes nothing.
    const again = sealSetup("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", user.id);
    expect(errOf(await confirm({ setup_token: again, code: codeAt("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP") })).code).toBe("conflict");
    expect(row.totpEnabledAt).not.toBeNull();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
    const stored = await db().recoveryCode.findMany({ where: { userId: user.id }, omit: { codeHash: false } });
    expect(stored).toHaveLength(10);
    for (const s of stored) expect(codes.map((c) => c.replace("-", ""))).not.toContain(s.codeHash);

    expect(unwrap(await getTwoFactorStatus(await ctx()))).toMatchObject({ enabled: true, recovery_codes_left: 10, required: false });
    // Already on: no second setup (it would replace the secret in force).
    expect(errOf(await startTwoFactorSetup(await ctx()))).toMatchObject({ code: "conflict" });
    const acts = await db().activityLog.findMany({ where: { eventType: "user.2fa_enabled" } });
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: user.id, resourceId: user.id, details: { username: "alice" } });
  });

  it("two setups confirmed at once: one wins, the other is told it is already on", async () => {
    const { ctx } = await signedIn();
    const [a, b] = [unwrap(await startTwoFactorSetup(await ctx())), unwrap(await startTwoFactorSetup(await ctx()))];
    expect(b.secret).not.toBe(a.secret);
    const c = await ctx();
    const results = await Promise.all([a, b].map((s) => confirmTwoFactorSetup(c, { setup_token: s.setup_token, password: PASSWORD, code: codeAt(s.secret) })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === "conflict")).toHaveLength(1);
  });
});

describe("two-factor sign-in", () => {
  it("asks for the code after the right password, accepts a code computed from the secret once, and refuses its replay", async () => {
    const { user, ctx } = await signedIn({ username: "bob" });
    const { secret } = await enrol(ctx);

    const noCode = await login({ username: "bob", password: PASSWORD });
    expect(noCode).toMatchObject({ code: "otp_required" });
    // The wrong password still gets the generic answer: the code step reveals nothing more.
    expect(await login({ username: "bob", password: "Wrong-Password-1!", otp: codeAt(secret) })).toMatchObject({ code: "unauthorized", message: "Invalid username or password" });

    const code = nextCode(secret);
    expect(await login({ username: "bob", password: PASSWORD, otp: code })).toMatchObject({ id: user.id, username: "bob" });
    expect(await login({ username: "bob", password: PASSWORD, otp: code })).toMatchObject({ code: "otp_required", message: expect.stringMatching(/not valid/) });
    // Nor an older code of the window once a newer step was used.
    expect(await login({ username: "bob", password: PASSWORD, otp: codeAt(secret) })).toMatchObject({ code: "otp_required" });

    const failed = await db().activityLog.findMany({ where: { eventType: "user.login_failed", resourceId: user.id }, orderBy: { id: "asc" } });
    expect(failed.map((f) => (f.details as { reason: string }).reason)).toEqual(["invalid_credentials", "otp", "otp"]);
    const ok = await db().activityLog.findMany({ where: { eventType: "user.login", resourceId: user.id } });
    expect(ok).toHaveLength(1);
    expect(ok[0].details).toMatchObject({ two_factor: "totp" });
  });

  it("concurrent sign-ins with the same code: exactly one gets in", async () => {
    const { ctx } = await signedIn({ username: "carol" });
    const { secret } = await enrol(ctx);
    const code = nextCode(secret);
    const results = await Promise.all(Array.from({ length: 5 }, () => login({ username: "carol", password: PASSWORD, otp: code })));
    expect(results.filter((r) => "username" in r)).toHaveLength(1);
    expect(results.filter((r) => "code" in r && r.code === "otp_required")).toHaveLength(4);
  });

  it("wrong codes count toward the lockout (reason otp)", async () => {
    const { user, ctx } = await signedIn({ username: "dave" });
    const { secret } = await enrol(ctx);
    const right = codeAt(secret);
    const wrong = right === "000000" ? "000001" : "000000";
    for (let i = 0; i < 10; i++) await login({ username: "dave", password: PASSWORD, otp: wrong });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Locked: even the right password and code get the generic failure.
    expect(await login({ username: "dave", password: PASSWORD, otp: right })).toMatchObject({ code: "unauthorized" });
    expect(await db().activityLog.count({ where: { eventType: "user.locked", resourceId: user.id } })).toBe(1);
  });

  it("a recovery code signs in once (any case, with or without the dash) and is logged with how many are left", async () => {
    const { user, ctx } = await signedIn({ username: "erin" });
    const { codes } = await enrol(ctx);
    const typed = codes[3].toUpperCase().replace("-", " ");
    expect(await login({ username: "erin", password: PASSWORD, otp: typed })).toMatchObject({ id: user.id });
    expect(await login({ username: "erin", password: PASSWORD, otp: codes[3] })).toMatchObject({ code: "otp_required" });
    const used = await db().activityLog.findMany({ where: { eventType: "user.recovery_code_used" } });
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ resourceId: user.id, details: { username: "erin", remaining: 9 } });
    expect(unwrap(await getTwoFactorStatus(await ctx())).recovery_codes_left).toBe(9);

    // New codes: the old ones stop working.
    const fresh = unwrap(await regenerateRecoveryCodes(await ctx(), { password: PASSWORD })).recovery_codes;
    expect(await login({ username: "erin", password: PASSWORD, otp: codes[4] })).toMatchObject({ code: "otp_required" });
    expect(await login({ username: "erin", password: PASSWORD, otp: fresh[0] })).toMatchObject({ id: user.id });
    expect(errOf(await regenerateRecoveryCodes(await ctx(), { password: "Wrong-Password-1!" })).code).toBe("validation");
  });

  it("REST: 401 otp-required without the code, a token with it", async () => {
    const { ctx } = await signedIn({ username: "frank" });
    const { secret } = await enrol(ctx);
    const missing = await post(restLogin, "/api/v1/admin/login", { username: "frank", password: PASSWORD });
    expect(missing.status).toBe(401);
    const body = await missing.json();
    expect(body).toMatchObject({ type: "https://sel.events/problems/otp-required", status: 401 });
    const wrong = await post(restLogin, "/api/v1/admin/login", { username: "frank", password: PASSWORD, otp: nextCode(secret) === "123456" ? "654321" : "123456" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).type).toBe("https://sel.events/problems/otp-required");
    const bad = await post(restLogin, "/api/v1/admin/login", { username: "frank", password: PASSWORD, otp: 123456 });
    expect(bad.status).toBe(400);
    const good = await post(restLogin, "/api/v1/admin/login", { username: "frank", password: PASSWORD, otp: nextCode(secret) });
    expect(good.status).toBe(200);
    expect((await good.json()).token).toEqual(expect.any(String));
    // Wrong password with a code: the generic credentials failure, not the code problem.
    const pw = await post(restLogin, "/api/v1/admin/login", { username: "frank", password: "Wrong-Password-1!", otp: codeAt(secret) });
    expect(pw.status).toBe(401);
    expect((await pw.json()).type).toBe("https://sel.events/problems/unauthorized");
  });
});

describe("turning it off", () => {
  it("needs the password and a code; afterwards the password alone signs in", async () => {
    const { user, ctx } = await signedIn({ username: "gina" });
    const { secret, codes } = await enrol(ctx);
    expect(errOf(await disableTwoFactor(await ctx(), { password: PASSWORD, code: "99999-99999" })).fieldErrors).toHaveProperty("code");
    expect(errOf(await disableTwoFactor(await ctx(), { password: "Wrong-Password-1!", code: codeAt(secret) })).fieldErrors).toHaveProperty("password");
    expect(unwrap(await disableTwoFactor(await ctx(), { password: PASSWORD, code: codes[0] })).enabled).toBe(false);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { totpSecret: false } });
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await login({ username: "gina", password: PASSWORD })).toMatchObject({ id: user.id });
    expect(await db().activityLog.count({ where: { eventType: "user.2fa_disabled", resourceId: user.id } })).toBe(1);
  });
});

describe("admin reset", () => {
  it("an admin resets another user's two-factor (never seeing it); the user signs in with the password and sets it up again", async () => {
    const { user: admin } = await adminCtx({ username: "boss" });
    const { user, ctx } = await signedIn({ username: "hank" });
    await enrol(ctx);
    const bossCtx = ctxOf(admin);
    const listed = unwrap(await listUsers(bossCtx, {})).items.find((u) => u.id === user.id)!;
    expect(listed.two_factor).toBe(true);

    const dto = unwrap(await resetUserTwoFactor(bossCtx, user.id));
    expect(dto).toMatchObject({ id: user.id, two_factor: false });
    expect(await login({ username: "hank", password: PASSWORD })).toMatchObject({ id: user.id });
    expect(await db().activityLog.findFirst({ where: { eventType: "user.2fa_reset" } })).toMatchObject({ actorId: admin.id, resourceId: user.id, details: { username: "hank" } });
    expect(errOf(await resetUserTwoFactor(bossCtx, user.id))).toMatchObject({ code: "validation" });
    expect(errOf(await resetUserTwoFactor(bossCtx, admin.id))).toMatchObject({ code: "validation" });
    expect(errOf(await resetUserTwoFactor(await ctx(), admin.id))).toMatchObject({ code: "forbidden" });
    expect(unwrap(await startTwoFactorSetup(await ctx())).secret).toMatch(/^[A-Z2-7]+$/);
  });

  it("REST POST /users/{id}/reset-2fa: 200 for an admin, 403 for others, 400 without a second factor", async () => {
    const { user: admin } = await adminCtx({ username: "boss2" });
    const { user, ctx } = await signedIn({ username: "ivy" });
    await enrol(ctx);
    const token = unwrap(await issueApiToken(anon(), { username: "boss2", password: PASSWORD })).token;
    const viewerToken = (await openSession(user.id, "api", META)).token;
    const path = `/api/v1/admin/users/${user.id}/reset-2fa`;
    expect((await post(restReset, path, {}, { authorization: `Bearer ${viewerToken}` }, { id: user.id })).status).toBe(403);
    const r = await post(restReset, path, {}, { authorization: `Bearer ${token}` }, { id: user.id });
    expect(r.status).toBe(200);
    expect((await r.json()).two_factor).toBe(false);
    expect((await post(restReset, path, {}, { authorization: `Bearer ${token}` }, { id: user.id })).status).toBe(400);
    expect(admin.id).toBeTruthy();
  });
});

describe("REQUIRE_2FA_FOR_ADMINS", () => {
  it("an admin without a second factor may only use My account (403 two-factor-required elsewhere) until it is set up; other roles are not held", async () => {
    process.env.REQUIRE_2FA_FOR_ADMINS = "true";
    resetEnvForTests();
    const { user: admin, ctx } = await signedIn({ username: "root", role: "admin" });
    const { ctx: viewer } = await signedIn({ role: "viewer" });
    expect(errOf(await listUsers(await ctx(), {}))).toMatchObject({ code: "two_factor_required" });
    const account = unwrap(await getAccount(await ctx()));
    expect(account.twoFactor).toMatchObject({ enabled: false, required: true, required_for_admins: true });
    expect(unwrap(await getTwoFactorStatus(await viewer())).required).toBe(false);

    const token = (await openSession(admin.id, "api", META)).token;
    const r = await restUsers(new Request("http://sel.test/api/v1/admin/users", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) } as never);
    expect(r.status).toBe(403);
    expect((await r.json()).type).toBe("https://sel.events/problems/two-factor-required");

    const { secret } = await enrol(ctx);
    expect(unwrap(await listUsers(await ctx(), {})).items.length).toBeGreaterThan(0);
    // Required: it cannot be turned off.
    expect(errOf(await disableTwoFactor(await ctx(), { password: PASSWORD, code: codeAt(secret) })).code).toBe("conflict");
  });
});

describe("secrets", () => {
  it("neither the secret nor a recovery code nor a hash appears in any later answer, activity row or stored column in plain", async () => {
    const { user, ctx } = await signedIn({ username: "jill" });
    const { secret, codes } = await enrol(ctx);
    await login({ username: "jill", password: PASSWORD, otp: nextCode(secret) });
    await login({ username: "jill", password: PASSWORD, otp: codes[0] });
    await login({ username: "jill", password: PASSWORD, otp: "000000" });
    const { user: admin } = await adminCtx();
    const hashes = (await db().recoveryCode.findMany({ where: { userId: user.id }, omit: { codeHash: false } })).map((r) => r.codeHash);
    const sealed = (await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { totpSecret: false } })).totpSecret!;
    const answers = JSON.stringify([
      await getAccount(await ctx()),
      await listUsers(ctxOf(admin), {}),
      await getTwoFactorStatus(await ctx()),
      await (await post(restLogin, "/api/v1/admin/login", { username: "jill", password: PASSWORD })).json(),
    ]);
    const activity = JSON.stringify((await pool().query("SELECT * FROM activity_logs")).rows);
    for (const hay of [answers, activity]) {
      expect(hay).not.toContain(secret);
      expect(hay).not.toContain(sealed);
      for (const c of codes) expect(hay.toLowerCase()).not.toContain(c);
      for (const h of hashes) expect(hay).not.toContain(h);
    }
    // The users table has no plain copy of the secret either.
    expect(JSON.stringify((await pool().query("SELECT * FROM users")).rows)).not.toContain(secret);
  });
});
