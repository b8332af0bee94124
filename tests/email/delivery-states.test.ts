// What the console says about an invitation email is what happened: with no
// provider (EMAIL_PROVIDER=log) "not sent" from the start and a link an admin
// may copy (recorded); with a real one queued, then sent or failed with the
// server's reason, and a resend retries.
import { db, pool } from "@/lib/server/db";
import { deliverDue } from "@/lib/server/email/sender";
import { acceptInvitation } from "@/lib/server/invitations/accept";
import { createUser } from "@/lib/server/users/create-user";
import { getUser } from "@/lib/server/users/get-user";
import { copyInvitationLink, LINK_NEEDS_LOG_MODE } from "@/lib/server/users/invitation-link";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import { sendPasswordReset } from "@/lib/server/users/send-password-reset";
import { adminCtx, closeTestDb, ctxOf, makeUser, resetDb, unwrap } from "../helpers";
import { activities, errOf, expectUnchanged, openInvitations, UNKNOWN_ID } from "../integration/users-support";
import { resetEmailEnv, startSmtp, tokenOf, useEmailEnv } from "./support";

const STRONG = "Delivery-States-Pass-91!";
let ctx: Awaited<ReturnType<typeof adminCtx>>["ctx"];
let admin: Awaited<ReturnType<typeof adminCtx>>["user"];
beforeEach(async () => {
  await resetDb();
  resetEmailEnv();
  ({ ctx, user: admin } = await adminCtx({ username: "boss" }));
});
afterAll(async () => {
  resetEmailEnv();
  await closeTestDb();
});

const delivery = async (id: string) => unwrap(await getUser(ctx, id)).invitation;

describe("with EMAIL_PROVIDER=log", () => {
  it("says nothing was sent, before and after the log line", async () => {
    const u = unwrap(await createUser(ctx, { username: "nomail", email: "nomail@x.org" }));
    expect(u.invitation).toMatchObject({ delivery: "not_sent", sent_at: null, last_error: null });
    expect(await deliverDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await delivery(u.id)).toMatchObject({ delivery: "not_sent", sent_at: null, last_error: null });
  });

  it("hands an admin a fresh link that works, kills the logged one, queues no email and records who took it", async () => {
    const u = unwrap(await createUser(ctx, { username: "handed", email: "handed@x.org" }));
    const logged = (await db().emailOutbox.findFirstOrThrow()).payload as { link: string };
    const r = unwrap(await copyInvitationLink(ctx, u.id));
    expect(r.link).toMatch(/^http:\/\/sel\.test\/admin\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/);
    expect(r.user).toMatchObject({ id: u.id, status: "pending", invitation: { delivery: "not_sent", expires_at: r.expires_at } });
    expect(await openInvitations(u.id)).toHaveLength(1);
    expect(await db().emailOutbox.count()).toBe(1); // only the creation's, now cancelled
    expect((await db().emailOutbox.findFirstOrThrow()).status).toBe("cancelled");
    const acts = await activities("user.invitation_link_copied", u.id);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ actorId: admin.id, actorUsername: "boss", resourceType: "user" });
    expect(acts[0].details).toEqual({ username: "handed", email: "handed@x.org", expires_at: r.expires_at });
    // Nothing secret in the activity row.
    expect(JSON.stringify(acts[0])).not.toContain(tokenOf(r.link));

    const anon = ctxOf(null);
    expect(errOf(await acceptInvitation(anon, { token: tokenOf(logged.link), password: STRONG })).code).toBe("invalid_invitation");
    expect(unwrap(await acceptInvitation(anon, { token: tokenOf(r.link), password: STRONG })).user.id).toBe(u.id);
  });

  it("refuses non-pending users, unknown ids and other roles, changing nothing", async () => {
    const active = await makeUser({ status: "active" });
    const inactive = await makeUser({ status: "inactive" });
    const pending = await makeUser({ status: "pending" });
    const viewer = await makeUser({ role: "viewer" });
    const cases: [unknown, string, unknown][] = [
      [ctx, "validation", active.id],
      [ctx, "validation", inactive.id],
      [ctx, "not_found", UNKNOWN_ID],
      [ctx, "validation", "nope"],
      [ctxOf(viewer), "forbidden", pending.id],
      [ctxOf(null), "unauthorized", pending.id],
    ];
    for (const [c, code, id] of cases) {
      const r = await expectUnchanged(() => copyInvitationLink(c as typeof ctx, id));
      expect(errOf(r).code).toBe(code);
    }
  });

  it("says so in the resend and password reset answers", async () => {
    const u = unwrap(await createUser(ctx, { username: "again", email: "again@x.org" }));
    expect(unwrap(await resendInvitation(ctx, u.id)).message).toBe("New invitation link for again@x.org. Email is not configured: copy the invitation link");
    const active = await makeUser({ username: "resetme", email: "resetme@x.org" });
    expect(unwrap(await sendPasswordReset(ctx, active.id)).message).toBe("Email is not configured: no email went to resetme@x.org; the reset link is in the server log");
  });
});

describe("with an SMTP server", () => {
  it("queued, then sent; the link is never handed out in the console", async () => {
    const smtp = await startSmtp();
    try {
      useEmailEnv({ EMAIL_PROVIDER: "smtp", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
      const u = unwrap(await createUser(ctx, { username: "mailed", email: "mailed@x.org" }));
      expect(u.invitation).toMatchObject({ delivery: "queued", sent_at: null });
      const refused = await expectUnchanged(() => copyInvitationLink(ctx, u.id));
      expect(errOf(refused)).toMatchObject({ code: "conflict", message: LINK_NEEDS_LOG_MODE });
      expect(await deliverDue()).toMatchObject({ sent: 1 });
      expect(await delivery(u.id)).toMatchObject({ delivery: "sent", sent_at: expect.any(String), last_error: null });
      expect(smtp.received.map((m) => m.to)).toEqual([["mailed@x.org"]]);
      expect(unwrap(await resendInvitation(ctx, u.id)).message).toBe("Invitation resent to mailed@x.org");
    } finally {
      await smtp.close();
    }
  });

  it("failed with the server's reason; a resend retries and then it is sent", async () => {
    let reject = true;
    const smtp = await startSmtp({ rejectRecipient: () => reject });
    try {
      useEmailEnv({ EMAIL_PROVIDER: "smtp", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) });
      const u = unwrap(await createUser(ctx, { username: "bounce", email: "bounce@x.org" }));
      await deliverDue();
      const failed = await delivery(u.id);
      expect(failed).toMatchObject({ delivery: "failed", sent_at: null });
      expect(failed?.last_error).toMatch(/^recipient address rejected: .*No such user here/);
      reject = false;
      const retried = unwrap(await resendInvitation(ctx, u.id));
      expect(retried.user.invitation).toMatchObject({ delivery: "queued", last_error: null });
      await deliverDue();
      expect(await delivery(u.id)).toMatchObject({ delivery: "sent", last_error: null });
      expect(smtp.received.map((m) => m.to)).toEqual([["bounce@x.org"]]);
      const states = (await pool().query(`SELECT delivery_status FROM invitations WHERE user_id = $1 ORDER BY created_at`, [u.id])).rows;
      expect(states).toEqual([{ delivery_status: "failed" }, { delivery_status: "sent" }]);
    } finally {
      await smtp.close();
    }
  });
});
