import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";
import { pool } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { transport } from "@/lib/server/email/providers";
import { backoffMs, deliverDue, LEASE_SECONDS, MAX_ATTEMPTS } from "@/lib/server/email/sender";
import { startOutboxWorker, stopOutboxWorker } from "@/lib/server/email/worker";
import { logger } from "@/lib/server/logger";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { freePort, resetEmailEnv, tokenOf, useEmailEnv } from "./support";

const later = (ms: number) => new Date(Date.now() + ms);
const row = async (email: string) =>
  (await pool().query(`SELECT o.*, i.delivery_status, i.last_error AS inv_error FROM email_outbox o JOIN invitations i ON i.id = o.invitation_id WHERE o.to_address = $1`, [email])).rows[0];

/** Every log line written while fn runs, as text. */
async function logsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spies = (["info", "warn", "error"] as const).map((level) =>
    jest.spyOn(logger(), level).mockImplementation(((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    }) as never),
  );
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines;
}

let ctx: Awaited<ReturnType<typeof adminCtx>>["ctx"];
beforeEach(async () => {
  await resetDb();
  delete process.env.OUTBOX_POLL_SECONDS;
  resetEmailEnv();
  ctx = (await adminCtx()).ctx;
});
afterAll(async () => {
  await stopOutboxWorker();
  await closeTestDb();
});

const invite = async (username: string) => unwrap(await createUser(ctx, { username, email: `${username}@example.org`, role: "admin" }));

describe("the outbox sender", () => {
  it("with EMAIL_PROVIDER=log writes one greppable line with the link and sends nothing", async () => {
    await invite("logan");
    const link = (await row("logan@example.org")).payload.link as string;
    const lines = await logsDuring(() => deliverDue());
    const matching = lines.filter((l) => l.includes("invitation email not sent (EMAIL_PROVIDER=log): share this link with logan@example.org: "));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toContain(link);
    expect(lines.filter((l) => l.includes(tokenOf(link)))).toHaveLength(1);
    // The outbox row is done; the invitation says what happened: nothing was sent.
    expect(await row("logan@example.org")).toMatchObject({ status: "sent", delivery_status: "not_sent", sent_at: expect.any(Date) });
    expect((await pool().query(`SELECT sent_at FROM invitations`)).rows).toEqual([{ sent_at: null }]);
    expect(lines.filter((l) => /invitation email sent\b/.test(l))).toEqual([]);
  });

  it("EMAIL_ENABLED=false means the log provider whatever EMAIL_PROVIDER says", () => {
    useEmailEnv({ EMAIL_ENABLED: "false", EMAIL_PROVIDER: "smtp", SMTP_HOST: "127.0.0.1" });
    expect(env().emailProvider).toBe("log");
    expect(transport().name).toBe("log");
  });

  it("never writes the token to a log line or last_error when sending fails", async () => {
    useEmailEnv({ EMAIL_PROVIDER: "smtp", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(await freePort()), SMTP_TIMEOUT_MS: "500" });
    await invite("tess");
    const link = (await row("tess@example.org")).payload.link as string;
    const lines = await logsDuring(() => deliverDue());
    const failure = lines.find((l) => l.includes("invitation email failed: connection refused by 127.0.0.1:"));
    expect(failure).toBeDefined();
    expect(failure).toContain("tess@example.org");
    expect(failure).toContain((await row("tess@example.org")).id);
    expect(lines.join("\n")).not.toContain(tokenOf(link));
    expect(JSON.stringify(await row("tess@example.org")).replace(link, "")).not.toContain(tokenOf(link));
  });

  it("cancels, without sending, the email of a user deleted before it went out", async () => {
    const user = await invite("dora");
    unwrap(await deleteUser(ctx, user.id));
    const lines = await logsDuring(() => deliverDue());
    expect(lines.some((l) => l.includes("share this link"))).toBe(false);
    const r = (await pool().query(`SELECT status, payload FROM email_outbox WHERE to_address = 'dora@example.org'`)).rows[0];
    expect(r.status).toBe("cancelled");
    expect(r.payload.link).toBeUndefined();
  });

  it("cancels the email of an invitation that is no longer open when its turn comes", async () => {
    await invite("nora");
    // E.g. the link was used (shared by hand) while the email waited.
    await pool().query(`UPDATE invitations SET used_at = now()`);
    expect(await deliverDue()).toMatchObject({ claimed: 1, sent: 0, cancelled: 1 });
    const r = await row("nora@example.org");
    expect(r).toMatchObject({ status: "cancelled", last_error: "invitation no longer open" });
    expect(r.payload.link).toBeUndefined();
  });

  it("does not send a link that expired while the email waited", async () => {
    await invite("ezra");
    await pool().query(`UPDATE invitations SET expires_at = now() - interval '1 minute'`);
    expect(await deliverDue()).toMatchObject({ claimed: 1, sent: 0, cancelled: 1 });
    expect(await row("ezra@example.org")).toMatchObject({ status: "cancelled", last_error: "invitation expired before the email could be sent" });
  });

  it("gives up after the last attempt", async () => {
    useEmailEnv({ EMAIL_PROVIDER: "smtp", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(await freePort()) });
    await invite("finn");
    await pool().query(`UPDATE email_outbox SET attempts = $1`, [MAX_ATTEMPTS - 1]);
    expect(await deliverDue()).toMatchObject({ dead: 1 });
    const r = await row("finn@example.org");
    expect(r).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, delivery_status: "failed" });
    expect(r.payload.link).toBeUndefined();
  });

  it("leaves a row claimed by a crashed instance alone until its lease ends, then sends it", async () => {
    await invite("gail");
    // What a claim leaves behind when the process dies before recording the outcome.
    await pool().query(`UPDATE email_outbox SET attempts = 1, next_attempt_at = now() + make_interval(secs => $1)`, [LEASE_SECONDS]);
    expect(await deliverDue({ now: later((LEASE_SECONDS - 5) * 1000) })).toMatchObject({ claimed: 0 });
    expect(await deliverDue({ now: later((LEASE_SECONDS + 1) * 1000) })).toMatchObject({ sent: 1 });
    expect(await row("gail@example.org")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("backs off exponentially up to 15 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 10, 20].map(backoffMs)).toEqual([30e3, 60e3, 120e3, 240e3, 480e3, 900e3, 900e3, 900e3]);
  });
});

describe("the outbox worker", () => {
  it("sends right after the commit that queued the email, once per start", async () => {
    useEmailEnv({ OUTBOX_POLL_SECONDS: "3600" }); // only the nudge can be the reason it goes out
    const lines = await logsDuring(async () => {
      startOutboxWorker();
      startOutboxWorker();
      await invite("hugo");
      for (let i = 0; i < 50 && (await row("hugo@example.org")).status !== "sent"; i++) await new Promise((r) => setTimeout(r, 100));
      await stopOutboxWorker();
    });
    expect(await row("hugo@example.org")).toMatchObject({ status: "sent", delivery_status: "not_sent" });
    expect(lines.filter((l) => l.includes("outbox worker started"))).toHaveLength(1);
    expect(lines.filter((l) => l.includes("share this link with hugo@example.org"))).toHaveLength(1);
  });

  it("picks up emails left over from before it started", async () => {
    await invite("iris");
    startOutboxWorker();
    for (let i = 0; i < 50 && (await row("iris@example.org")).status !== "sent"; i++) await new Promise((r) => setTimeout(r, 100));
    await stopOutboxWorker();
    expect((await row("iris@example.org")).status).toBe("sent");
  });
});
