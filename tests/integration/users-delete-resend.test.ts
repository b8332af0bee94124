// deleteUser (soft delete, sessions and invitations end) and
// resendInvitation (new token, old one dies, email re-queued).
import { db } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import { adminCtx, closeTestDb, makeUser, META, resetDb, unwrap } from "../helpers";
import { activities, DAY_MS, errOf, expectUnchanged, giveApiToken, openInvitations, sessionEnded, UNKNOWN_ID, userRow } from "./users-support";

beforeEach(resetDb);
afterAll(closeTestDb);

describe("deleteUser", () => {
  it("soft-deletes an active user: row kept, sessions and tokens ended, activity recorded", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "boss" });
    const u = await makeUser({ username: "leaver", email: "leaver@x.org", role: "editor" });
    const token = await giveApiToken(u);
    expect(unwrap(await deleteUser(ctx, u.id))).toEqual({ id: u.id, self: false });
    const row = await userRow(u.id);
    expect(row.deletedAt).not.toBeNull();
    expect(row).toMatchObject({ username: "leaver", email: "leaver@x.org" });
    expect(await db().user.count()).toBe(2);
    expect(await sessionEnded(token.id)).toBe(true);
    const acts = await activities("user.deleted", u.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: admin.id, actorUsername: "boss", ipAddress: META.ip, userAgent: META.userAgent, resourceType: "user" });
    expect(acts[0].details).toEqual({ username: "leaver", email: "leaver@x.org", role: "editor" });
  });

  it("is not_found the second time, changing nothing", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser();
    unwrap(await deleteUser(ctx, u.id));
    expect(errOf(await expectUnchanged(() => deleteUser(ctx, u.id)))).toMatchObject({ code: "not_found", message: "User not found" });
    expect(errOf(await expectUnchanged(() => deleteUser(ctx, UNKNOWN_ID)))).toMatchObject({ code: "not_found" });
    expect(errOf(await expectUnchanged(() => deleteUser(ctx, "../etc")))).toMatchObject({ code: "validation" });
  });

  it("supersedes a pending user's open invitation and cancels its unsent email", async () => {
    const { ctx } = await adminCtx();
    const created = unwrap(await createUser(ctx, { username: "invitee", email: "invitee@x.org" }));
    const [inv] = await openInvitations(created.id);
    unwrap(await deleteUser(ctx, created.id));
    expect(await openInvitations(created.id)).toHaveLength(0);
    expect((await db().invitation.findUniqueOrThrow({ where: { id: inv.id } })).supersededAt).not.toBeNull();
    const outbox = await db().emailOutbox.findMany();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ status: "cancelled", payload: {} });
    expect(await db().emailOutbox.count({ where: { status: "pending" } })).toBe(0);
  });

  it("leaves an already-sent invitation email as it was", async () => {
    const { ctx } = await adminCtx();
    const created = unwrap(await createUser(ctx, { username: "mailed", email: "mailed@x.org" }));
    await db().emailOutbox.updateMany({ data: { status: "sent", sentAt: new Date(), payload: {} } });
    unwrap(await deleteUser(ctx, created.id));
    expect((await db().emailOutbox.findFirstOrThrow()).status).toBe("sent");
  });

  it("lets an admin delete themselves (self: true) while another active admin remains", async () => {
    const { user: admin, ctx } = await adminCtx();
    await makeUser({ role: "admin" });
    expect(unwrap(await deleteUser(ctx, admin.id))).toEqual({ id: admin.id, self: true });
    expect((await userRow(admin.id)).deletedAt).not.toBeNull();
  });

  it("never deletes the last active admin, not even oneself", async () => {
    const { user: admin, ctx } = await adminCtx();
    await makeUser({ role: "admin", status: "inactive" });
    await makeUser({ role: "admin", deleted: true });
    await giveApiToken(admin);
    const r = errOf(await expectUnchanged(() => deleteUser(ctx, admin.id)));
    expect(r).toMatchObject({ code: "conflict", message: "At least one active admin must remain" });
  });

  it("deletes inactive and pending admins freely", async () => {
    const { ctx } = await adminCtx();
    const inactive = await makeUser({ role: "admin", status: "inactive" });
    const pending = await makeUser({ role: "admin", status: "pending" });
    unwrap(await deleteUser(ctx, inactive.id));
    unwrap(await deleteUser(ctx, pending.id));
    expect(await activities("user.deleted")).toHaveLength(2);
  });
});

describe("resendInvitation", () => {
  it("issues a new token and 7-day expiry, supersedes the old one and re-queues the email", async () => {
    const { user: admin, ctx } = await adminCtx({ username: "boss" });
    const created = unwrap(await createUser(ctx, { username: "invitee", email: "invitee@x.org", role: "editor" }));
    const [old] = await openInvitations(created.id);
    // Pretend the first one is old, so the new expiry is visibly later.
    await db().invitation.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() + DAY_MS) } });
    const started = Date.now();

    const r = unwrap(await resendInvitation(ctx, created.id));
    expect(r.message).toBe("New invitation link for invitee@x.org. Email is not configured: copy the invitation link");
    expect(r.user).toMatchObject({ id: created.id, status: "pending", invitation: { delivery: "not_sent" } });

    const open = await openInvitations(created.id);
    expect(open).toHaveLength(1);
    const fresh = open[0];
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(fresh.tokenHash).not.toBe(old.tokenHash);
    expect(fresh.invitedById).toBe(admin.id);
    const ttl = fresh.expiresAt.getTime() - started;
    expect(ttl).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * DAY_MS + 60_000);
    expect(r.user.invitation?.expires_at).toBe(fresh.expiresAt.toISOString());
    expect((await db().invitation.findUniqueOrThrow({ where: { id: old.id } })).supersededAt).not.toBeNull();
    expect(await db().invitation.count({ where: { userId: created.id } })).toBe(2);

    const oldMail = await db().emailOutbox.findFirstOrThrow({ where: { invitationId: old.id } });
    expect(oldMail).toMatchObject({ status: "cancelled", payload: {} });
    const newMail = await db().emailOutbox.findMany({ where: { invitationId: fresh.id } });
    expect(newMail).toHaveLength(1);
    expect(newMail[0]).toMatchObject({ status: "pending", toAddress: "invitee@x.org" });
    expect((newMail[0].payload as { link: string }).link).toMatch(/accept-invitation\?token=/);
    expect(await db().emailOutbox.count({ where: { status: "pending" } })).toBe(1);

    const acts = await activities("user.invitation_resent", created.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: admin.id, actorUsername: "boss", ipAddress: META.ip, userAgent: META.userAgent });
    expect(acts[0].details).toMatchObject({ username: "invitee", email: "invitee@x.org", expires_at: fresh.expiresAt.toISOString() });
    expect((await userRow(created.id)).status).toBe("pending");
  });

  it("works for a pending user created without the service (no earlier invitation)", async () => {
    const { ctx } = await adminCtx();
    const p = await makeUser({ status: "pending" });
    unwrap(await resendInvitation(ctx, p.id));
    expect(await openInvitations(p.id)).toHaveLength(1);
    expect(await db().emailOutbox.count({ where: { status: "pending" } })).toBe(1);
  });

  it("refuses active, inactive, deleted and unknown users, changing nothing", async () => {
    const { ctx } = await adminCtx();
    const active = await makeUser();
    const inactive = await makeUser({ status: "inactive" });
    const deleted = await makeUser({ status: "pending", deleted: true });
    expect(errOf(await expectUnchanged(() => resendInvitation(ctx, active.id)))).toMatchObject({ code: "validation", message: "User is already active" });
    const ri = errOf(await expectUnchanged(() => resendInvitation(ctx, inactive.id)));
    expect(ri.code).toBe("validation");
    expect(ri.message).toMatch(/deactivated/i);
    expect(errOf(await expectUnchanged(() => resendInvitation(ctx, deleted.id)))).toMatchObject({ code: "not_found" });
    expect(errOf(await expectUnchanged(() => resendInvitation(ctx, UNKNOWN_ID)))).toMatchObject({ code: "not_found" });
    expect(errOf(await expectUnchanged(() => resendInvitation(ctx, 12)))).toMatchObject({ code: "validation" });
  });

  it("leaves exactly one open invitation after concurrent resends", async () => {
    const { ctx } = await adminCtx();
    const created = unwrap(await createUser(ctx, { username: "busy", email: "busy@x.org" }));
    const results = await Promise.all(Array.from({ length: 5 }, () => resendInvitation(ctx, created.id)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await openInvitations(created.id)).toHaveLength(1);
    expect(await db().emailOutbox.count({ where: { status: "pending" } })).toBe(1);
    expect(await db().emailOutbox.count({ where: { status: "cancelled" } })).toBe(5);
  });
});
