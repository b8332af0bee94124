// The activity page's integrity indicator: a verification started by an
// admin runs in the background (one at a time), keeps its progress and
// result in the database, names the first bad row after tampering, and
// leaves the event loop free for requests while it walks.
import { activityIntegrity, startVerification, verificationDone } from "@/lib/server/activity/chain/integrity";
import { pool } from "@/lib/server/db";
import { adminCtx, closeTestDb, ctxOf, makeUser, resetDb, unwrap } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

const sql = (text: string, values: unknown[] = []) => pool().query(text, values);

async function rows(n: number) {
  await sql(
    `INSERT INTO activity_logs (id, event_type, username, ip_address, details)
     SELECT lpad(to_hex(g), 26, '0'), 'user.login', 'user' || g, '192.0.2.1', jsonb_build_object('n', g) FROM generate_series(1, $1) g`,
    [n],
  );
}

describe("the integrity indicator", () => {
  it("is for admins: others are refused and start nothing", async () => {
    const viewer = ctxOf(await makeUser({ role: "viewer" }));
    expect(await startVerification(viewer)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await activityIntegrity(viewer)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await startVerification({ actor: null, meta: { ip: null, userAgent: null } })).toMatchObject({ ok: false, code: "unauthorized" });
    expect((await sql(`SELECT count(*)::int AS n FROM activity_verifications`)).rows[0].n).toBe(0);
  });

  it("shows nothing before the first run, then the run's result: rows verified, the head, who started it", async () => {
    const { user, ctx } = await adminCtx({ username: "verifier" });
    expect(unwrap(await activityIntegrity(ctx))).toEqual({ running: null, last: null });
    await rows(50);
    const started = unwrap(await startVerification(ctx));
    expect(started.running ?? started.last).toMatchObject({ started_by: { id: user.id, username: "verifier" } });
    await verificationDone();
    const { running, last } = unwrap(await activityIntegrity(ctx));
    expect(running).toBeNull();
    expect(last).toMatchObject({ status: "ok", rows_verified: 50, rows_total: 50, head: { seq: 50, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }, problem: null });
    expect(last!.finished_at).not.toBeNull();
  });

  it("names the first bad row after tampering", async () => {
    const { ctx } = await adminCtx();
    await rows(30);
    const { rows: r } = await sql(`UPDATE activity_logs SET ip_address = '198.51.100.9' WHERE chain_seq = 17 RETURNING id`);
    unwrap(await startVerification(ctx));
    await verificationDone();
    const { last } = unwrap(await activityIntegrity(ctx));
    expect(last).toMatchObject({ status: "failed", rows_verified: 16, problem: { kind: "altered", row_id: r[0].id, seq: 17 } });
    expect(last!.problem!.message).toContain(r[0].id);
  });

  it("runs one at a time: starts meanwhile join the running one", async () => {
    const { ctx } = await adminCtx();
    await rows(3000);
    const answers = await Promise.all(Array.from({ length: 5 }, () => startVerification(ctx)));
    for (const a of answers) expect(a.ok).toBe(true);
    await verificationDone();
    expect((await sql(`SELECT count(*)::int AS n FROM activity_verifications`)).rows[0].n).toBe(1);
    expect(unwrap(await activityIntegrity(ctx)).last).toMatchObject({ status: "ok", rows_verified: 3000 });
  });

  it("walks in the background: progress is saved, and the event loop stays free for requests", async () => {
    const { ctx } = await adminCtx();
    await rows(40_000);
    const seen: number[] = [];
    const gaps: number[] = [];
    const t0 = performance.now();
    unwrap(await startVerification(ctx));
    // Requests keep being answered while it walks: none waits for the whole walk.
    let t = performance.now();
    for (;;) {
      const s = unwrap(await activityIntegrity(ctx));
      const now = performance.now();
      gaps.push(now - t);
      t = now;
      if (!s.running) break;
      seen.push(s.running.rows_verified);
      await new Promise((r) => setTimeout(r, 10));
    }
    await verificationDone();
    const walkMs = performance.now() - t0;
    expect(unwrap(await activityIntegrity(ctx)).last).toMatchObject({ status: "ok", rows_verified: 40_000 });
    // The indicator showed the run part way, many times, and no answer waited for more than a fraction of the walk.
    expect(seen.some((v) => v > 0 && v < 40_000)).toBe(true);
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...gaps)).toBeLessThan(walkMs / 3);
  }, 60_000);

  it("a run whose server stopped shows as interrupted, and the next start takes over", async () => {
    const { ctx } = await adminCtx();
    await sql(
      `INSERT INTO activity_verifications (id, started_at, updated_at, status, rows_verified, rows_total) VALUES ('01KBBK7R3A4SE2PY3BFB3E0QAB', now() - interval '10 minutes', now() - interval '9 minutes', 'running', 10, 100)`,
    );
    expect(unwrap(await activityIntegrity(ctx))).toMatchObject({ running: null, last: { status: "interrupted", rows_verified: 10 } });
    unwrap(await startVerification(ctx));
    await verificationDone();
    const { rows: r } = await sql(`SELECT status FROM activity_verifications ORDER BY started_at`);
    expect(r.map((x) => x.status)).toEqual(["interrupted", "ok"]);
  });
});
