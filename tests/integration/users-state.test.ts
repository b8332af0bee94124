// deactivateUser / activateUser: allowed transitions, their audit rows and
// session ends, and the last active admin under concurrency.
import { db } from "@/lib/server/db";
import { isLastActiveAdmin } from "@/lib/schemas/user";
import { countActiveAdmins } from "@/lib/server/users/active-admins";
import { deleteUser } from "@/lib/server/users/delete-user";
import { activateUser, deactivateUser } from "@/lib/server/users/set-user-active";
import { adminCtx, closeTestDb, ctxOf, makeUser, META, resetDb, unwrap } from "../helpers";
import { activities, errOf, expectUnchanged, giveApiToken, sessionEnded, UNKNOWN_ID, userRow } from "./users-support";
import { writeFigures } from "../proof/report";

beforeEach(resetDb);
afterAll(closeTestDb);

const LAST_ADMIN = { code: "conflict", message: "At least one active admin must remain" };
const liveActiveAdmins = () => db().user.count({ where: { role: "admin", status: "active", deletedAt: null } });

describe("deactivateUser", () => {
  it("turns an active user inactive, ends their sessions and tokens, and records it", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "boss" });
    const u = await makeUser({ username: "worker", role: "editor" });
    const token = await giveApiToken(u);
    const dto = unwrap(await deactivateUser(ctx, u.id));
    expect(dto).toMatchObject({ id: u.id, status: "inactive", is_active: false });
    expect(await userRow(u.id)).toMatchObject({ status: "inactive", deletedAt: null });
    expect(await sessionEnded(token.id)).toBe(true);
    const acts = await activities("user.deactivated", u.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: admin.id, actorUsername: "boss", ipAddress: META.ip, userAgent: META.userAgent, resourceType: "user" });
    expect(acts[0].details).toEqual({ username: "worker" });
    expect(await db().activityLog.count()).toBe(1);
  });

  it("refuses inactive and pending users with clear messages, changing nothing", async () => {
    const { ctx } = await adminCtx();
    const inactive = await makeUser({ status: "inactive" });
    const pending = await makeUser({ status: "pending" });
    expect(errOf(await expectUnchanged(() => deactivateUser(ctx, inactive.id)))).toMatchObject({ code: "validation", message: "User is already inactive" });
    expect(errOf(await expectUnchanged(() => deactivateUser(ctx, pending.id)))).toMatchObject({ code: "validation", message: "User has not accepted the invitation" });
  });

  it("is validation for a malformed id, not_found for unknown and deleted users", async () => {
    const { ctx } = await adminCtx();
    const gone = await makeUser({ deleted: true });
    expect(errOf(await expectUnchanged(() => deactivateUser(ctx, "x")))).toMatchObject({ code: "validation" });
    expect(errOf(await expectUnchanged(() => deactivateUser(ctx, UNKNOWN_ID)))).toMatchObject({ code: "not_found" });
    expect(errOf(await expectUnchanged(() => deactivateUser(ctx, gone.id)))).toMatchObject({ code: "not_found" });
  });

  it("never deactivates the last active admin (inactive, pending and deleted admins do not count)", async () => {
    const { user: admin, ctx } = await adminCtx();
    await makeUser({ role: "admin", status: "inactive" });
    await makeUser({ role: "admin", status: "pending" });
    await makeUser({ role: "admin", deleted: true });
    expect(errOf(await expectUnchanged(() => deactivateUser(ctx, admin.id)))).toMatchObject(LAST_ADMIN);
  });

  it("deactivates an admin, even oneself, while another active admin remains", async () => {
    const { user: admin, ctx } = await adminCtx();
    await makeUser({ role: "admin" });
    unwrap(await deactivateUser(ctx, admin.id));
    expect(await liveActiveAdmins()).toBe(1);
  });
});

describe("activateUser", () => {
  it("turns an inactive user active and records it", async () => {
    const { user: admin, ctx } = await adminCtx();
    const u = await makeUser({ username: "sleeper", status: "inactive" });
    const dto = unwrap(await activateUser(ctx, u.id));
    expect(dto).toMatchObject({ status: "active", is_active: true });
    expect(await userRow(u.id)).toMatchObject({ status: "active" });
    const acts = await activities("user.activated", u.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: admin.id, ipAddress: META.ip, details: { username: "sleeper" } });
  });

  it("refuses active and pending users, changing nothing", async () => {
    const { ctx } = await adminCtx();
    const active = await makeUser();
    const pending = await makeUser({ status: "pending" });
    expect(errOf(await expectUnchanged(() => activateUser(ctx, active.id)))).toMatchObject({ code: "validation", message: "User is already active" });
    expect(errOf(await expectUnchanged(() => activateUser(ctx, pending.id)))).toMatchObject({ code: "validation", message: "User has not accepted the invitation" });
    expect(errOf(await expectUnchanged(() => activateUser(ctx, UNKNOWN_ID)))).toMatchObject({ code: "not_found" });
    expect(errOf(await expectUnchanged(() => activateUser(ctx, "bad id")))).toMatchObject({ code: "validation" });
  });

  it("round-trips: deactivate then activate", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser();
    unwrap(await deactivateUser(ctx, u.id));
    unwrap(await activateUser(ctx, u.id));
    expect(await userRow(u.id)).toMatchObject({ status: "active" });
    expect((await db().activityLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.eventType)).toEqual(["user.deactivated", "user.activated"]);
  });
});

describe("the last two active admins under concurrency", () => {
  it("lets exactly one of two concurrent deactivations through (10 rounds)", async () => {
    let through = 0;
    for (let round = 0; round < 10; round++) {
      await resetDb();
      const a = await makeUser({ role: "admin" });
      const b = await makeUser({ role: "admin" });
      // Each deactivates the other, and also each themselves, in a different order per round.
      const pairs = round % 2 ? [deactivateUser(ctxOf(a), b.id), deactivateUser(ctxOf(b), a.id)] : [deactivateUser(ctxOf(a), a.id), deactivateUser(ctxOf(a), b.id)];
      const results = await Promise.all(pairs);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(errOf(results.find((r) => !r.ok)!)).toMatchObject(LAST_ADMIN);
      expect(await liveActiveAdmins()).toBe(1);
      expect(await db().activityLog.count()).toBe(1);
      through += results.filter((r) => r.ok).length;
    }
    writeFigures("race-last-two-admins", { rounds: 10, deactivationsThrough: through, refused: 20 - through, activeAdminsLeftEachRound: 1 });
  });

  it("lets exactly one of a concurrent delete and deactivate through (10 rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      await resetDb();
      const a = await makeUser({ role: "admin" });
      const b = await makeUser({ role: "admin" });
      const ops = [deleteUser(ctxOf(a), b.id), deactivateUser(ctxOf(b), a.id)];
      const results = await Promise.all(round % 2 ? ops : ops.reverse());
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(errOf(results.find((r) => !r.ok)!)).toMatchObject(LAST_ADMIN);
      expect(await liveActiveAdmins()).toBe(1);
      expect(await db().activityLog.count()).toBe(1);
    }
  });

  it("lets exactly one of two concurrent deletes through (5 rounds)", async () => {
    for (let round = 0; round < 5; round++) {
      await resetDb();
      const a = await makeUser({ role: "admin" });
      const b = await makeUser({ role: "admin" });
      const results = await Promise.all([deleteUser(ctxOf(a), b.id), deleteUser(ctxOf(b), a.id)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(errOf(results.find((r) => !r.ok)!)).toMatchObject(LAST_ADMIN);
      expect(await liveActiveAdmins()).toBe(1);
      expect(await db().user.count({ where: { deletedAt: { not: null } } })).toBe(1);
    }
  });
});

describe("countActiveAdmins", () => {
  it("reads the trigger-kept count: active live admins only, following every change", async () => {
    const { ctx } = await adminCtx();
    await makeUser({ role: "admin", status: "inactive" });
    await makeUser({ role: "admin", status: "pending" });
    await makeUser({ role: "admin", deleted: true });
    await makeUser({ role: "editor" });
    expect(unwrap(await countActiveAdmins(ctx))).toBe(1);
    expect(isLastActiveAdmin({ role: "admin", status: "active" }, 1)).toBe(true);
    const other = await makeUser({ role: "admin" });
    expect(unwrap(await countActiveAdmins(ctx))).toBe(2);
    unwrap(await deactivateUser(ctx, other.id));
    expect(unwrap(await countActiveAdmins(ctx))).toBe(1);
    unwrap(await activateUser(ctx, other.id));
    unwrap(await deleteUser(ctx, other.id));
    expect(unwrap(await countActiveAdmins(ctx))).toBe(await liveActiveAdmins());
    expect(await liveActiveAdmins()).toBe(1);
    // Only an active admin is ever "the last one".
    expect(isLastActiveAdmin({ role: "admin", status: "pending" }, 1)).toBe(false);
    expect(isLastActiveAdmin({ role: "editor", status: "active" }, 1)).toBe(false);
    expect(isLastActiveAdmin({ role: "admin", status: "active" }, 2)).toBe(false);
  });

  it("is for those who may read users", async () => {
    const viewer = await makeUser({ role: "viewer" });
    expect(errOf(await countActiveAdmins(ctxOf(viewer)))).toMatchObject({ code: "forbidden" });
    expect(errOf(await countActiveAdmins(ctxOf(null)))).toMatchObject({ code: "unauthorized" });
  });
});
