// createUser: the pending user, invitation, outbox email and activity row
// appear together or not at all; uniqueness holds under races.
import { db } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { adminCtx, closeTestDb, makeUser, META, resetDb, unwrap } from "../helpers";
import { activities, DAY_MS, errOf, expectUnchanged, openInvitations, userRow } from "./users-support";
import { writeFigures } from "../proof/report";

beforeEach(resetDb);
afterAll(closeTestDb);

describe("createUser", () => {
  it("creates a pending user with one open invitation, one queued email and one activity row", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "boss" });
    const started = Date.now();
    const dto = unwrap(await createUser(ctx, { username: " Jane.Doe ", email: " Jane@Example.ORG ", role: "editor" }));

    expect(dto).toMatchObject({ username: "Jane.Doe", email: "jane@example.org", role: "editor", status: "pending", is_active: false });
    // The tests run with EMAIL_PROVIDER=log: the email is queued for the log line, and nothing will be sent.
    expect(dto.invitation).toMatchObject({ delivery: "not_sent", sent_at: null });
    expect(dto).not.toHaveProperty("passwordHash");
    const row = await userRow(dto.id);
    expect(row).toMatchObject({ status: "pending", deletedAt: null, failedLoginCount: 0, lockedUntil: null });
    expect(await db().user.count()).toBe(2);

    const invs = await openInvitations(dto.id);
    expect(invs).toHaveLength(1);
    const inv = invs[0];
    expect(inv.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(inv.invitedById).toBe(admin.id);
    expect(inv.deliveryStatus).toBe("not_sent");
    const ttl = inv.expiresAt.getTime() - started;
    expect(ttl).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * DAY_MS + 60_000);
    expect(dto.invitation?.expires_at).toBe(inv.expiresAt.toISOString());

    const outbox = await db().emailOutbox.findMany();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ kind: "invitation", toAddress: "jane@example.org", status: "pending", invitationId: inv.id });
    const payload = outbox[0].payload as { link: string; username: string; role: string };
    expect(payload).toMatchObject({ username: "Jane.Doe", role: "editor" });
    expect(payload.link).toMatch(/^http:\/\/sel\.test\/admin\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/);
    // Only the hash of the link's token is stored.
    const token = decodeURIComponent(payload.link.split("token=")[1]);
    const { hashToken } = await import("@/lib/server/auth/tokens");
    expect(hashToken(token)).toBe(inv.tokenHash);

    const acts = await db().activityLog.findMany();
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({
      eventType: "user.created",
      resourceType: "user",
      resourceId: dto.id,
      actorId: admin.id,
      actorUsername: "boss",
      ipAddress: META.ip,
      userAgent: META.userAgent,
    });
    expect(acts[0].details).toMatchObject({ username: "Jane.Doe", email: "jane@example.org", role: "editor" });
  });

  it("defaults the role to viewer", async () => {
    const { ctx } = await adminCtx();
    const dto = unwrap(await createUser(ctx, { username: "plain", email: "plain@example.org" }));
    expect(dto.role).toBe("viewer");
    expect((await userRow(dto.id)).role).toBe("viewer");
  });

  it.each([
    ["username too short", { username: "ab", email: "a@example.org" }, "username"],
    ["username with a space", { username: "bad name", email: "a@example.org" }, "username"],
    ["username ending in a dot", { username: "name.", email: "a@example.org" }, "username"],
    ["username too long", { username: "a".repeat(51), email: "a@example.org" }, "username"],
    ["missing username", { email: "a@example.org" }, "username"],
    ["username not a string", { username: 42, email: "a@example.org" }, "username"],
    ["bad email", { username: "good", email: "not-an-email" }, "email"],
    ["blank email", { username: "good", email: "   " }, "email"],
    ["email too long", { username: "good", email: `${"a".repeat(250)}@x.org` }, "email"],
    ["unknown role", { username: "good", email: "a@example.org", role: "root" }, "role"],
  ])("rejects %s as validation on that field and writes nothing", async (_name, input, field) => {
    const { ctx } = await adminCtx();
    const r = errOf(await expectUnchanged(() => createUser(ctx, input)));
    expect(r.code).toBe("validation");
    expect(r.fieldErrors?.[field]).toEqual(expect.any(String));
    expect(Object.keys(r.fieldErrors ?? {})).toEqual([field]);
  });

  it.each([[null], ["a string"], [[1, 2]], [undefined]])("rejects a non-object body %p as validation", async (input) => {
    const { ctx } = await adminCtx();
    const r = errOf(await expectUnchanged(() => createUser(ctx, input)));
    expect(r.code).toBe("validation");
  });

  it.each([
    ["username, other case", { username: "JANE", email: "other@example.org" }, "username", "Username is already taken"],
    ["username, same case", { username: "Jane", email: "other@example.org" }, "username", "Username is already taken"],
    ["email, upper case", { username: "other", email: "JANE@X.ORG" }, "email", "Email is already taken"],
    ["email, mixed case", { username: "other", email: "Jane@x.org" }, "email", "Email is already taken"],
  ])("refuses a duplicate %s with a 409 on the field", async (_n, input, field, message) => {
    const { ctx } = await adminCtx();
    await makeUser({ username: "Jane", email: "jane@x.org" });
    const r = errOf(await expectUnchanged(() => createUser(ctx, input)));
    expect(r).toMatchObject({ code: "conflict", message, fieldErrors: { [field]: message } });
  });

  it("keeps a soft-deleted user's username and email reserved", async () => {
    const { ctx } = await adminCtx();
    await makeUser({ username: "gone", email: "gone@x.org", deleted: true });
    const byEmail = errOf(await expectUnchanged(() => createUser(ctx, { username: "fresh", email: "GONE@x.org" })));
    expect(byEmail).toMatchObject({ code: "conflict", message: "Email is already taken", fieldErrors: { email: "Email is already taken" } });
    const byName = errOf(await expectUnchanged(() => createUser(ctx, { username: "Gone", email: "fresh@x.org" })));
    expect(byName).toMatchObject({ code: "conflict", message: "Username is already taken", fieldErrors: { username: "Username is already taken" } });
  });

  it("lets exactly one of 20 concurrent creates with one email through; the rest are clean conflicts", async () => {
    const { ctx } = await adminCtx();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(ctx, { username: `racer${i}`, email: i % 2 ? "Race@X.org" : "race@x.org" })),
    );
    const oks = results.filter((r) => r.ok);
    const errs = results.filter((r) => !r.ok);
    expect(oks).toHaveLength(1);
    expect(errs).toHaveLength(19);
    for (const e of errs) expect(e).toMatchObject({ code: "conflict", message: "Email is already taken", fieldErrors: { email: "Email is already taken" } });

    const users = await db().user.findMany({ where: { email: "race@x.org" } });
    expect(users).toHaveLength(1);
    expect(await db().user.count()).toBe(2);
    expect(await db().invitation.count()).toBe(1);
    expect(await db().invitation.count({ where: { userId: users[0].id } })).toBe(1);
    expect(await db().emailOutbox.count()).toBe(1);
    expect(await activities("user.created")).toHaveLength(1);
    expect(await db().activityLog.count()).toBe(1);
    writeFigures("race-create-one-email", { concurrent: 20, created: oks.length, conflicts: errs.length, users: users.length, invitations: 1, emailsQueued: 1 });
  });

  it("lets exactly one of 10 concurrent creates with one username (case variants) through", async () => {
    const { ctx } = await adminCtx();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createUser(ctx, { username: i % 2 ? "Twin" : "twin", email: `twin${i}@x.org` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const e of results.filter((r) => !r.ok)) {
      expect(e).toMatchObject({ code: "conflict", fieldErrors: { username: "Username is already taken" } });
    }
    expect(await db().user.count()).toBe(2);
    expect(await db().invitation.count()).toBe(1);
    expect(await db().emailOutbox.count()).toBe(1);
    expect(await db().activityLog.count()).toBe(1);
  });
});
