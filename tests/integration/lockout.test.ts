// Account lockout through the login service: 10 wrong passwords within the
// window lock the account, the answer stays the generic failure, an admin can
// unlock, and concurrent failures (as from several app instances, which share
// nothing but the database) neither miscount nor lock twice.
import { verifyCredentials } from "@/lib/server/auth/login";
import { db, pool } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { getUser } from "@/lib/server/users/get-user";
import { unlockUser } from "@/lib/server/users/unlock-user";
import { adminCtx, closeTestDb, makeUser, PASSWORD, resetDb, unwrap } from "../helpers";
import { errOf } from "./users-support";

// The per-IP and per-account minute limits would stop a run of failures long
// before the lockout; they have tests of their own, so this file lifts them.
process.env.RATE_LIMIT_LOGIN_PER_MINUTE = "1000";

let ipSeq = 0;
async function attempt(username: string, password: string) {
  const ctx = { actor: null, meta: { ip: `198.51.100.${(ipSeq++ % 250) + 1}`, userAgent: "jest" } };
  try {
    return await verifyCredentials(ctx, { username, password });
  } catch (e) {
    return e as { code: string; message: string };
  }
}
const fail = (username: string) => attempt(username, "Wrong-Password-1!");
const row = (id: string) => db().user.findUniqueOrThrow({ where: { id } });

beforeEach(resetDb);
afterAll(closeTestDb);

describe("lockout", () => {
  it("locks after 10 failures, with the same generic answer before and after, even for the right password", async () => {
    const u = await makeUser({ username: "target" });
    for (let i = 0; i < 9; i++) expect(await fail("target")).toMatchObject({ code: "unauthorized", message: "Invalid username or password" });
    expect((await row(u.id)).lockedUntil).toBeNull();
    const tenth = await fail("target");
    expect(tenth).toMatchObject({ code: "unauthorized", message: "Invalid username or password" });
    const locked = await row(u.id);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(locked.lockedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    // The right password is refused in the same words while locked, and the lock is not extended.
    expect(await attempt("target", PASSWORD)).toMatchObject({ code: "unauthorized", message: "Invalid username or password" });
    expect(await fail("target")).toMatchObject({ code: "unauthorized" });
    expect((await row(u.id)).lockedUntil).toEqual(locked.lockedUntil);

    const acts = await db().activityLog.findMany({ where: { eventType: "user.locked" } });
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: null, resourceId: u.id, details: { username: "target", failed_logins: 10 } });
    const reasons = (await db().activityLog.findMany({ where: { eventType: "user.login_failed" }, orderBy: { id: "asc" } })).map((a) => (a.details as { reason: string }).reason);
    expect(reasons.slice(-2)).toEqual(["user_locked", "user_locked"]);

    // The users table and detail page read locked_until from the DTO.
    const { ctx } = await adminCtx();
    expect(unwrap(await getUser(ctx, u.id)).locked_until).toBe(locked.lockedUntil!.toISOString());
  });

  it("a lock runs out by itself; a success forgets earlier failures", async () => {
    const u = await makeUser({ username: "patient" });
    for (let i = 0; i < 9; i++) await fail("patient");
    expect(await attempt("patient", PASSWORD)).toMatchObject({ id: u.id });
    expect((await row(u.id)).failedLoginCount).toBe(0);
    for (let i = 0; i < 10; i++) await fail("patient");
    expect(await attempt("patient", PASSWORD)).toMatchObject({ code: "unauthorized" });
    await pool().query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.id]);
    expect(await attempt("patient", PASSWORD)).toMatchObject({ id: u.id });
  });

  it("failures older than the window start the count over", async () => {
    const u = await makeUser({ username: "slow" });
    for (let i = 0; i < 9; i++) await fail("slow");
    await pool().query(`UPDATE users SET failed_login_since = now() - interval '16 minutes' WHERE id = $1`, [u.id]);
    await fail("slow");
    expect(await row(u.id)).toMatchObject({ failedLoginCount: 1, lockedUntil: null });
  });

  it("reads its threshold and durations from the environment", async () => {
    process.env.LOCKOUT_THRESHOLD = "3";
    process.env.LOCKOUT_MINUTES = "60";
    resetEnvForTests();
    try {
      const u = await makeUser({ username: "strict" });
      for (let i = 0; i < 3; i++) await fail("strict");
      expect((await row(u.id)).lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    } finally {
      delete process.env.LOCKOUT_THRESHOLD;
      delete process.env.LOCKOUT_MINUTES;
      resetEnvForTests();
    }
  });

  it("unknown usernames lock nothing and say the same", async () => {
    for (let i = 0; i < 12; i++) expect(await fail("nobody-here")).toMatchObject({ code: "unauthorized", message: "Invalid username or password" });
    expect(await db().activityLog.count({ where: { eventType: "user.locked" } })).toBe(0);
  });

  it("30 concurrent failures from 30 addresses count exactly and lock once", async () => {
    const u = await makeUser({ username: "swarm" });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => verifyCredentials({ actor: null, meta: { ip: `192.0.2.${i + 1}`, userAgent: "x" } }, { username: "swarm", password: `Wrong-${i}-Pass!` }).catch((e) => e)),
    );
    expect(results.map((r) => r.code)).toEqual(Array(30).fill("unauthorized"));
    expect(await db().activityLog.count({ where: { eventType: "user.locked" } })).toBe(1);
    expect((await row(u.id)).lockedUntil).not.toBeNull();
  }, 60_000);
});

describe("unlock", () => {
  it("an admin unlocks at once; the user signs in again", async () => {
    const { ctx, user: admin } = await adminCtx();
    const u = await makeUser({ username: "freed" });
    for (let i = 0; i < 10; i++) await fail("freed");
    const dto = unwrap(await unlockUser(ctx, u.id));
    expect(dto.locked_until).toBeNull();
    expect(await row(u.id)).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect(await attempt("freed", PASSWORD)).toMatchObject({ id: u.id });
    const [act] = await db().activityLog.findMany({ where: { eventType: "user.unlocked" } });
    expect(act).toMatchObject({ actorId: admin.id, resourceId: u.id, details: { username: "freed" } });
    expect(errOf(await unlockUser(ctx, u.id))).toMatchObject({ code: "validation", message: "User is not locked" });
  });

  it("only admins may unlock", async () => {
    const u = await makeUser({ username: "still" });
    for (let i = 0; i < 10; i++) await fail("still");
    const editor = await makeUser({ role: "editor" });
    const { ctxOf } = await import("../helpers");
    expect(errOf(await unlockUser(ctxOf(editor), u.id))).toMatchObject({ code: "forbidden" });
    expect((await row(u.id)).lockedUntil).not.toBeNull();
  });
});
