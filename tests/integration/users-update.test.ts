// updateUser: partial updates, the audit row, uniqueness, role changes ending
// sessions, and the last active admin.
import { db } from "@/lib/server/db";
import { updateUser } from "@/lib/server/users/update-user";
import { adminCtx, closeTestDb, makeUser, META, resetDb, unwrap } from "../helpers";
import { activities, errOf, expectUnchanged, giveApiToken, sessionEnded, UNKNOWN_ID, userRow } from "./users-support";

beforeEach(resetDb);
afterAll(closeTestDb);

describe("updateUser", () => {
  it("changes only the given fields and records old and new values", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "boss" });
    const u = await makeUser({ username: "before", email: "before@x.org", role: "viewer" });
    const dto = unwrap(await updateUser(ctx, u.id, { email: "After@X.org" }));
    expect(dto).toMatchObject({ username: "before", email: "after@x.org", role: "viewer" });
    const row = await userRow(u.id);
    expect(row).toMatchObject({ username: "before", email: "after@x.org", role: "viewer" });

    const acts = await activities("user.updated", u.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: admin.id, actorUsername: "boss", ipAddress: META.ip, userAgent: META.userAgent, resourceType: "user" });
    expect(acts[0].details).toEqual({
      username: "before",
      changed_fields: ["email"],
      old_values: { email: "before@x.org" },
      new_values: { email: "after@x.org" },
    });

    unwrap(await updateUser(ctx, u.id, { username: "renamed", role: "editor" }));
    const second = (await activities("user.updated", u.id))[1];
    expect(second.details).toEqual({
      username: "before",
      changed_fields: ["username", "role"],
      old_values: { username: "before", role: "viewer" },
      new_values: { username: "renamed", role: "editor" },
    });
    expect(await userRow(u.id)).toMatchObject({ username: "renamed", email: "after@x.org", role: "editor" });
  });

  it("ignores blank values and writes nothing for a no-op", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "same", email: "same@x.org", role: "editor" });
    for (const input of [{}, { username: "", email: "  ", role: "" }, { username: null }, { username: "same", email: "SAME@x.org", role: "editor" }]) {
      const dto = unwrap(await expectUnchanged(() => updateUser(ctx, u.id, input)));
      expect(dto).toMatchObject({ username: "same", email: "same@x.org", role: "editor" });
    }
    expect(await db().activityLog.count()).toBe(0);
  });

  it.each([
    ["bad username", { username: "x" }, "username"],
    ["bad email", { email: "nope" }, "email"],
    ["bad role", { role: "superuser" }, "role"],
  ])("rejects %s as validation on that field", async (_n, input, field) => {
    const { ctx } = await adminCtx();
    const u = await makeUser();
    const r = errOf(await expectUnchanged(() => updateUser(ctx, u.id, input)));
    expect(r.code).toBe("validation");
    expect(Object.keys(r.fieldErrors ?? {})).toEqual([field]);
  });

  it("is validation for a malformed id and not_found for unknown or deleted users", async () => {
    const { ctx } = await adminCtx();
    const gone = await makeUser({ deleted: true });
    expect(errOf(await expectUnchanged(() => updateUser(ctx, "nope", { role: "editor" }))).code).toBe("validation");
    expect(errOf(await expectUnchanged(() => updateUser(ctx, UNKNOWN_ID, { role: "editor" }))).code).toBe("not_found");
    expect(errOf(await expectUnchanged(() => updateUser(ctx, gone.id, { role: "editor" }))).code).toBe("not_found");
  });

  it("refuses a username or email taken by anyone else (deleted users included), on that field", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "mover", email: "mover@x.org" });
    await makeUser({ username: "Taken", email: "taken@x.org" });
    await makeUser({ username: "Buried", email: "buried@x.org", deleted: true });
    const cases: [object, string, string][] = [
      [{ username: "taken" }, "username", "Username is already taken"],
      [{ username: "BURIED" }, "username", "Username is already taken"],
      [{ email: "TAKEN@x.org" }, "email", "Email is already taken"],
      [{ email: "buried@X.ORG" }, "email", "Email is already taken"],
    ];
    for (const [input, field, message] of cases) {
      const r = errOf(await expectUnchanged(() => updateUser(ctx, u.id, input)));
      expect(r).toMatchObject({ code: "conflict", message, fieldErrors: { [field]: message } });
    }
  });

  it("allows a case-only change of the user's own username", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ username: "jane.doe" });
    const dto = unwrap(await updateUser(ctx, u.id, { username: "Jane.Doe" }));
    expect(dto.username).toBe("Jane.Doe");
    expect((await activities("user.updated", u.id))[0].details).toMatchObject({ changed_fields: ["username"] });
  });

  it("maps a lost race on a unique index to a conflict on the right field", async () => {
    const { ctx } = await adminCtx();
    const a = await makeUser({ username: "first", email: "first@x.org" });
    const b = await makeUser({ username: "second", email: "second@x.org" });
    for (const [field, value, message] of [
      ["username", "Shared", "Username is already taken"],
      ["email", "shared@x.org", "Email is already taken"],
    ] as const) {
      const results = await Promise.all([updateUser(ctx, a.id, { [field]: value }), updateUser(ctx, b.id, { [field]: value })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const lost = errOf(results.find((r) => !r.ok)!);
      expect(lost).toMatchObject({ code: "conflict", message, fieldErrors: { [field]: message } });
      expect(await db().user.count({ where: { [field]: field === "email" ? value : { equals: value, mode: "insensitive" } } })).toBe(1);
      expect(await activities("user.updated")).toHaveLength(field === "username" ? 1 : 2);
    }
  });

  it("re-sends a pending user's invitation to their corrected email address", async () => {
    const { ctx } = await adminCtx();
    const { createUser } = await import("@/lib/server/users/create-user");
    const p = unwrap(await createUser(ctx, { username: "typo", email: "jane@exmaple.org" }));
    const old = await db().invitation.findFirstOrThrow({ where: { userId: p.id } });
    const dto = unwrap(await updateUser(ctx, p.id, { email: "jane@example.org" }));
    expect(dto).toMatchObject({ email: "jane@example.org", status: "pending", invitation: { delivery: "not_sent" } });
    expect((await db().invitation.findUniqueOrThrow({ where: { id: old.id } })).supersededAt).not.toBeNull();
    const pending = await db().emailOutbox.findMany({ where: { status: "pending" } });
    expect(pending).toHaveLength(1);
    expect(pending[0].toAddress).toBe("jane@example.org");
    expect(await db().emailOutbox.count({ where: { toAddress: "jane@exmaple.org", status: "cancelled" } })).toBe(1);
    // A username-only change leaves the invitation alone.
    unwrap(await updateUser(ctx, p.id, { username: "no-typo" }));
    expect(await db().invitation.count({ where: { userId: p.id, supersededAt: null } })).toBe(1);
  });

  it("ends the user's sessions and API tokens when the role changes, and only then", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser({ role: "viewer" });
    const token = await giveApiToken(u);
    unwrap(await updateUser(ctx, u.id, { username: "renamed-only" }));
    expect(await sessionEnded(token.id)).toBe(false);

    unwrap(await updateUser(ctx, u.id, { role: "editor" }));
    expect(await sessionEnded(token.id)).toBe(true);
  });

  it("refuses to demote the last active admin and changes nothing", async () => {
    const { user: admin, ctx } = await adminCtx();
    await makeUser({ role: "admin", status: "inactive" });
    await makeUser({ role: "admin", status: "pending" });
    await makeUser({ role: "admin", deleted: true });
    await giveApiToken(admin);
    for (const role of ["editor", "viewer"]) {
      const r = errOf(await expectUnchanged(() => updateUser(ctx, admin.id, { role, email: "new-admin@x.org" })));
      expect(r).toMatchObject({ code: "conflict", message: "At least one active admin must remain" });
    }
  });

  it("demotes an admin while another active admin remains", async () => {
    const { ctx } = await adminCtx();
    const other = await makeUser({ role: "admin" });
    const dto = unwrap(await updateUser(ctx, other.id, { role: "viewer" }));
    expect(dto.role).toBe("viewer");
    expect(await db().user.count({ where: { role: "admin", status: "active" } })).toBe(1);
  });

  it("keeps one active admin when the last two demote each other concurrently", async () => {
    for (let round = 0; round < 5; round++) {
      await resetDb();
      const a = await makeUser({ role: "admin" });
      const b = await makeUser({ role: "admin" });
      const { ctxOf } = await import("../helpers");
      const results = await Promise.all([updateUser(ctxOf(a), b.id, { role: "editor" }), updateUser(ctxOf(b), a.id, { role: "viewer" })]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(errOf(results.find((r) => !r.ok)!)).toMatchObject({ code: "conflict", message: "At least one active admin must remain" });
      expect(await db().user.count({ where: { role: "admin", status: "active", deletedAt: null } })).toBe(1);
      expect(await activities("user.updated")).toHaveLength(1);
    }
  });
});
