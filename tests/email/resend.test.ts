import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";
import { pool } from "@/lib/server/db";
import { deliverDue } from "@/lib/server/email/sender";
import { createUser } from "@/lib/server/users/create-user";
import { resetEmailEnv, startResendStandIn, useEmailEnv } from "./support";

type StandIn = Awaited<ReturnType<typeof startResendStandIn>>;
let resend: StandIn;

const later = (ms: number) => new Date(Date.now() + ms);
async function stateOf(email: string) {
  const { rows } = await pool().query(
    `SELECT o.status, o.attempts, o.last_error, i.delivery_status FROM email_outbox o JOIN invitations i ON i.id = o.invitation_id WHERE o.to_address = $1`,
    [email],
  );
  return rows[0];
}

beforeAll(async () => {
  resend = await startResendStandIn();
});
beforeEach(async () => {
  await resetDb();
  resend.requests.length = 0;
  resend.setMode("ok");
  useEmailEnv({ EMAIL_PROVIDER: "resend", RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: resend.url, SMTP_TIMEOUT_MS: "400", EMAIL_FROM: "SEL Admin <admin@sel.test>" });
});
afterAll(async () => {
  resetEmailEnv();
  await resend.close();
  await closeTestDb();
});

async function invite(username: string) {
  const { ctx } = await adminCtx();
  return unwrap(await createUser(ctx, { username, email: `${username}@example.org`, role: "viewer" }));
}

describe("invitation email through Resend", () => {
  it("posts the message with the API key", async () => {
    await invite("rita");
    expect(await deliverDue()).toMatchObject({ sent: 1 });
    expect(resend.requests).toHaveLength(1);
    const [req] = resend.requests;
    expect(req.authorization).toBe("Bearer re_test_key");
    expect(req.idempotencyKey).toMatch(/^outbox-[0-9A-Z]{26}$/);
    expect(req.body).toMatchObject({ from: "SEL Admin <admin@sel.test>", to: "rita@example.org", subject: "You've been invited to SEL Admin" });
    expect(req.body.text).toContain("Your Role: viewer");
    expect(req.body.text).toMatch(/^http:\/\/sel\.test\/admin\/accept-invitation\?token=\S+$/m);
    expect(req.body.html).toContain("Read-only access to the system");
    expect(await stateOf("rita@example.org")).toMatchObject({ status: "sent", delivery_status: "sent" });
  });

  it.each([
    [500, "Resend unavailable: HTTP 500 Internal server error"],
    ["hang" as const, "Resend unavailable: no answer within 400 ms"],
  ])("keeps the email queued through a %s and delivers it once Resend is back", async (mode, message) => {
    await invite("sam");
    resend.setMode(mode);
    expect(await deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await stateOf("sam@example.org")).toMatchObject({ status: "pending", attempts: 1, last_error: message, delivery_status: "failed" });

    resend.setMode("ok");
    expect(await deliverDue()).toMatchObject({ claimed: 0 }); // not due yet
    expect(await deliverDue({ now: later(31_000) })).toMatchObject({ sent: 1 });
    expect(resend.deliveredTo().get("sam@example.org")).toBe(1);
    expect(await stateOf("sam@example.org")).toMatchObject({ status: "sent", attempts: 2, last_error: null, delivery_status: "sent" });
  });

  it("keeps retrying a rejected API key (the admin fixes the configuration)", async () => {
    await invite("kim");
    resend.setMode(401);
    expect(await deliverDue()).toMatchObject({ failed: 1, dead: 0 });
    expect((await stateOf("kim@example.org")).last_error).toMatch(/^Resend rejected the API key/);
    expect((await stateOf("kim@example.org")).last_error).not.toContain("re_test_key");
  });

  it("gives up on a message Resend refuses as invalid", async () => {
    await invite("lou");
    resend.setMode(422);
    expect(await deliverDue()).toMatchObject({ dead: 1 });
    expect(await stateOf("lou@example.org")).toMatchObject({ status: "dead", delivery_status: "failed", last_error: "Resend rejected the message: Invalid `to` field" });
  });

  it("loses nothing when 100 users are invited during an outage, and sends each exactly once", async () => {
    resend.setMode(500);
    const { ctx } = await adminCtx();
    for (let i = 0; i < 100; i++) unwrap(await createUser(ctx, { username: `bulk${i}`, email: `bulk${i}@example.org`, role: "viewer" }));
    // Two instances sweep at once while the provider is down.
    const down = await Promise.all([deliverDue({ limit: 100 }), deliverDue({ limit: 100 })]);
    expect(down[0].claimed + down[1].claimed).toBe(100);
    const { rows: during } = await pool().query(
      `SELECT i.delivery_status, o.status, count(*)::int AS n FROM invitations i JOIN email_outbox o ON o.invitation_id = i.id GROUP BY 1, 2`,
    );
    expect(during).toEqual([{ delivery_status: "failed", status: "pending", n: 100 }]);

    resend.setMode("ok");
    const when = later(5 * 60_000);
    const up = await Promise.all([deliverDue({ limit: 30, now: when }), deliverDue({ limit: 30, now: when })]);
    while ((await deliverDue({ limit: 30, now: when })).claimed > 0);
    expect(up[0].sent + up[1].sent).toBe(60);
    const delivered = resend.deliveredTo();
    expect(delivered.size).toBe(100);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    const { rows: after } = await pool().query(
      `SELECT i.delivery_status, o.status, count(*)::int AS n FROM invitations i JOIN email_outbox o ON o.invitation_id = i.id GROUP BY 1, 2`,
    );
    expect(after).toEqual([{ delivery_status: "sent", status: "sent", n: 100 }]);
  });

  it("never sends one email twice when two instances deliver at the same time", async () => {
    const { ctx } = await adminCtx();
    for (let i = 0; i < 40; i++) unwrap(await createUser(ctx, { username: `pair${i}`, email: `pair${i}@example.org`, role: "editor" }));
    const runs = await Promise.all([deliverDue({ limit: 7 }), deliverDue({ limit: 7 }), deliverDue({ limit: 7 })]);
    while ((await deliverDue({ limit: 7 })).claimed > 0);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(21);
    expect(resend.requests).toHaveLength(40);
    expect(resend.deliveredTo().size).toBe(40);
  });
});
