import { closeTestDb, adminCtx, resetDb, unwrap } from "../helpers";
import { pool } from "@/lib/server/db";
import { deliverDue } from "@/lib/server/email/sender";
import { acceptInvitation } from "@/lib/server/invitations/accept";
import { createUser } from "@/lib/server/users/create-user";
import { freePort, linkInText, resetEmailEnv, startSilentServer, startSmtp, tokenOf, useEmailEnv } from "./support";

type Row = { status: string; attempts: number; last_error: string | null; next_attempt_at: Date; payload: Record<string, unknown>; delivery_status: string; inv_error: string | null; sent_at: Date | null };
async function outboxOf(email: string): Promise<Row> {
  const { rows } = await pool().query<Row>(
    `SELECT o.status, o.attempts, o.last_error, o.next_attempt_at, o.payload, i.delivery_status, i.last_error AS inv_error, i.sent_at
       FROM email_outbox o JOIN invitations i ON i.id = o.invitation_id WHERE o.to_address = $1`,
    [email],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

const smtpEnv = (port: number, extra: Record<string, string> = {}) =>
  useEmailEnv({ EMAIL_PROVIDER: "smtp", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(port), SMTP_SECURE: "false", SMTP_TIMEOUT_MS: "1000", EMAIL_FROM: "SEL Admin <admin@sel.test>", ...extra });

async function invite(email: string, role: "admin" | "editor" | "viewer" = "editor") {
  const { ctx } = await adminCtx();
  return unwrap(await createUser(ctx, { username: email.split("@")[0], email, role }));
}

beforeEach(resetDb);
afterEach(resetEmailEnv);
afterAll(closeTestDb);

describe("invitation email over SMTP", () => {
  it("delivers the invitation, and its link activates the account", async () => {
    const smtp = await startSmtp();
    try {
      smtpEnv(smtp.port);
      const user = await invite("jane@example.org");
      expect((await outboxOf("jane@example.org")).delivery_status).toBe("queued");

      expect(await deliverDue()).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0];
      expect(mail.subject).toBe("You've been invited to SEL Admin");
      expect(mail.to).toEqual(["jane@example.org"]);
      expect(mail.from).toBe("admin@sel.test");
      expect(mail.text).toContain("Hi jane,");
      expect(mail.text).toContain("as an Editor.");
      const link = linkInText(mail.text);
      expect(link.startsWith("http://sel.test/admin/accept-invitation?token=")).toBe(true);
      expect(mail.html).toContain(link.replace(/&/g, "&amp;"));

      const row = await outboxOf("jane@example.org");
      expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null, delivery_status: "sent", inv_error: null });
      expect(row.sent_at).toBeInstanceOf(Date);
      // The token left with the email; the database keeps only non-secret fields.
      expect(row.payload.link).toBeUndefined();
      expect(row.payload).toMatchObject({ username: "jane", role: "editor" });

      // Nothing is sent twice.
      expect(await deliverDue()).toMatchObject({ claimed: 0 });
      expect(smtp.received).toHaveLength(1);

      const accepted = await acceptInvitation({ actor: null, meta: { ip: "198.51.100.1", userAgent: "jest" } }, { token: tokenOf(link), password: "Velvet-Orbit-2026!" });
      expect(accepted).toMatchObject({ ok: true, data: { user: { id: user.id, username: "jane" } } });
    } finally {
      await smtp.close();
    }
  });

  it("reports a failed SMTP login actionably, keeps the email and retries it later", async () => {
    const smtp = await startSmtp({ user: "mailer", password: "right-password" });
    try {
      smtpEnv(smtp.port, { SMTP_USER: "mailer", SMTP_PASSWORD: "wrong-password" });
      await invite("ann@example.org");
      expect(await deliverDue()).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
      const failed = await outboxOf("ann@example.org");
      const message = "SMTP authentication failed (check SMTP_USER/SMTP_PASSWORD; Gmail needs an App Password)";
      expect(failed).toMatchObject({ status: "pending", attempts: 1, last_error: message, delivery_status: "failed", inv_error: message });
      expect(failed.payload.link).toEqual(expect.any(String));
      // Backoff: not again right away...
      expect(failed.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
      expect(await deliverDue()).toMatchObject({ claimed: 0 });

      // ...but once the admin fixes the password and the retry is due, it goes out.
      smtpEnv(smtp.port, { SMTP_USER: "mailer", SMTP_PASSWORD: "right-password" });
      expect(await deliverDue({ now: new Date(Date.now() + 60_000) })).toMatchObject({ claimed: 1, sent: 1 });
      expect(smtp.received.map((m) => m.to)).toEqual([["ann@example.org"]]);
      expect(await outboxOf("ann@example.org")).toMatchObject({ status: "sent", attempts: 2, delivery_status: "sent", inv_error: null, last_error: null });
    } finally {
      await smtp.close();
    }
  });

  it("names the host and port when the connection is refused", async () => {
    const port = await freePort();
    smtpEnv(port);
    await invite("bob@example.org");
    expect(await deliverDue()).toMatchObject({ failed: 1 });
    expect(await outboxOf("bob@example.org")).toMatchObject({
      status: "pending",
      delivery_status: "failed",
      last_error: `connection refused by 127.0.0.1:${port} (wrong SMTP host/port or a firewall)`,
    });
  });

  it("gives up waiting for a server that never answers", async () => {
    const silent = await startSilentServer();
    try {
      smtpEnv(silent.port, { SMTP_TIMEOUT_MS: "300" });
      await invite("cat@example.org");
      expect(await deliverDue()).toMatchObject({ failed: 1 });
      expect(await outboxOf("cat@example.org")).toMatchObject({ status: "pending", last_error: `timeout connecting to 127.0.0.1:${silent.port}` });
    } finally {
      await silent.close();
    }
  });

  it("stops retrying an address the server rejects, and forgets its link", async () => {
    const smtp = await startSmtp({ rejectRecipient: (a) => a.startsWith("ghost") });
    try {
      smtpEnv(smtp.port);
      await invite("ghost@example.org");
      expect(await deliverDue()).toMatchObject({ claimed: 1, dead: 1 });
      const row = await outboxOf("ghost@example.org");
      expect(row.status).toBe("dead");
      expect(row.delivery_status).toBe("failed");
      expect(row.last_error).toMatch(/^recipient address rejected: 550 5\.1\.1 No such user here/);
      expect(row.payload.link).toBeUndefined();
      expect(await deliverDue({ now: new Date(Date.now() + 3_600_000) })).toMatchObject({ claimed: 0 });
    } finally {
      await smtp.close();
    }
  });
});
