// The admin's security actions on a user: sending a password reset link and
// revoking a pending invitation (the unlock has its own file, lockout.test.ts).
import { acceptInvitation, checkInvitation, REVOKED_MESSAGE } from "@/lib/server/invitations/accept";
import { checkPasswordReset, confirmPasswordReset } from "@/lib/server/password-reset/confirm";
import { db, pool } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import { revokeInvitation } from "@/lib/server/users/revoke-invitation";
import { sendPasswordReset } from "@/lib/server/users/send-password-reset";
import { adminCtx, closeTestDb, ctxOf, makeUser, PASSWORD, resetDb, unwrap } from "../helpers";
import { COMMON_PASSWORDS } from "../password-samples";
import { errOf, expectUnchanged, UNKNOWN_ID } from "./users-support";

const STRONG = "Velvet-Orbit-2026!";
const visitor = (n = 1) => ({ actor: null, meta: { ip: `198.51.100.${n}`, userAgent: "jest" } });
const pendingLink = async (to: string, kind: string) => {
  const { rows } = await pool().query(`SELECT payload FROM email_outbox WHERE to_address = $1 AND kind = $2 AND status = 'pending' ORDER BY id DESC LIMIT 1`, [to, kind]);
  return rows[0] ? new URL(rows[0].payload.link).searchParams.get("token")! : null;
};

beforeEach(resetDb);
afterAll(closeTestDb);

describe("admin-sent password reset", () => {
  it("emails an active user a working one-hour link, with the admin as actor", async () => {
    const { ctx, user: admin } = await adminCtx();
    const u = await makeUser({ username: "forgetful" });
    const r = unwrap(await sendPasswordReset(ctx, u.id));
    expect(r.message).toBe(`Email is not configured: no email went to ${u.email}; the reset link is in the server log`);
    expect(r.user).toMatchObject({ id: u.id, status: "active" });
    const token = (await pendingLink(u.email, "password_reset"))!;
    expect(await checkPasswordReset(token)).toMatchObject({ state: "valid", username: "forgetful" });
    const [act] = await db().activityLog.findMany({ where: { eventType: "user.password_reset_requested" } });
    expect(act).toMatchObject({ actorId: admin.id, resourceId: u.id, details: { username: "forgetful", via: "admin" } });
    // The same rules as self-service: the current password and the common picks are refused, a strong one works.
    expect(errOf(await confirmPasswordReset(visitor(), { token, password: PASSWORD }))).toMatchObject({ code: "weak_password", fieldErrors: { "password.reused": expect.any(String) } });
    for (const pw of COMMON_PASSWORDS.slice(0, 8)) expect(errOf(await confirmPasswordReset(visitor(), { token, password: pw }))).toMatchObject({ code: "weak_password", fieldErrors: { "password.common": expect.any(String) } });
    unwrap(await confirmPasswordReset(visitor(), { token, password: STRONG }));
  });

  it("a second send kills the first link", async () => {
    const { ctx } = await adminCtx();
    const u = await makeUser();
    unwrap(await sendPasswordReset(ctx, u.id));
    const first = (await pendingLink(u.email, "password_reset"))!;
    unwrap(await sendPasswordReset(ctx, u.id));
    expect(await checkPasswordReset(first)).toEqual({ state: "invalid" });
  });

  it("refuses pending, inactive, deleted and unknown users and non-admins, changing nothing", async () => {
    const { ctx } = await adminCtx();
    const pending = await makeUser({ status: "pending" });
    const inactive = await makeUser({ status: "inactive" });
    const deleted = await makeUser({ deleted: true });
    const active = await makeUser({ role: "editor" });
    await expectUnchanged(async () => {
      expect(errOf(await sendPasswordReset(ctx, pending.id))).toMatchObject({ code: "validation", message: expect.stringContaining("resend the invitation") });
      expect(errOf(await sendPasswordReset(ctx, inactive.id))).toMatchObject({ code: "validation", message: expect.stringContaining("deactivated") });
      expect(errOf(await sendPasswordReset(ctx, deleted.id))).toMatchObject({ code: "not_found" });
      expect(errOf(await sendPasswordReset(ctx, UNKNOWN_ID))).toMatchObject({ code: "not_found" });
      expect(errOf(await sendPasswordReset(ctx, "bad id"))).toMatchObject({ code: "validation" });
      expect(errOf(await sendPasswordReset(ctxOf(active), active.id))).toMatchObject({ code: "forbidden" });
    });
  });
});

describe("revoke invitation", () => {
  it("kills the link at once and cancels its unsent email; the user stays pending until resent", async () => {
    const { ctx, user: admin } = await adminCtx();
    const u = unwrap(await createUser(ctx, { username: "notyet", email: "notyet@example.org", role: "viewer" }));
    const token = (await pendingLink("notyet@example.org", "invitation"))!;
    const r = unwrap(await revokeInvitation(ctx, u.id));
    expect(r.message).toBe("Invitation of notyet revoked");
    expect(r.user).toMatchObject({ status: "pending" });
    expect(r.user.invitation).toBeUndefined();
    expect(await checkInvitation(token)).toEqual({ state: "revoked" });
    expect(errOf(await acceptInvitation(visitor(), { token, password: STRONG }))).toMatchObject({ code: "invalid_invitation", message: REVOKED_MESSAGE });
    const { rows } = await pool().query(`SELECT status, payload FROM email_outbox WHERE to_address = 'notyet@example.org'`);
    expect(rows).toEqual([{ status: "cancelled", payload: {} }]);
    const [act] = await db().activityLog.findMany({ where: { eventType: "user.invitation_revoked" } });
    expect(act).toMatchObject({ actorId: admin.id, resourceId: u.id, details: { username: "notyet", email: "notyet@example.org" } });
    expect(errOf(await revokeInvitation(ctx, u.id))).toMatchObject({ code: "validation", message: "User has no open invitation to revoke" });

    // Resending brings a fresh link that works; the revoked one stays dead.
    unwrap(await resendInvitation(ctx, u.id));
    const fresh = (await pendingLink("notyet@example.org", "invitation"))!;
    expect(await checkInvitation(token)).toEqual({ state: "revoked" });
    unwrap(await acceptInvitation(visitor(2), { token: fresh, password: STRONG }));
  });

  it("refuses active and inactive users and non-admins", async () => {
    const { ctx } = await adminCtx();
    const active = await makeUser();
    const inactive = await makeUser({ status: "inactive" });
    const pending = unwrap(await createUser(ctx, { username: "waiting", email: "waiting@example.org", role: "viewer" }));
    await expectUnchanged(async () => {
      expect(errOf(await revokeInvitation(ctx, active.id))).toMatchObject({ code: "validation", message: "User is already active" });
      expect(errOf(await revokeInvitation(ctx, inactive.id))).toMatchObject({ code: "validation" });
      expect(errOf(await revokeInvitation(ctxOf(active), pending.id))).toMatchObject({ code: "forbidden" });
    });
  });
});
