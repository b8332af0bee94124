// Faults, against the built app on servers of the spec's own:
// 1. PostgreSQL restarted (a fast shutdown, then a crash) while requests
//    run: the app serves again by itself once the database is back, and no
//    user is half-written (each has its invitation, its queued email and its
//    activity row; the trigger-kept counts still match the rows).
// 2. SIGKILL of the app in the middle of a burst of invitations, with the
//    Resend stand-in answering slowly (so emails are in flight when it
//    dies): after a restart each created user has exactly one live
//    invitation and exactly one email delivered.
// The email provider down and back is tests/email/resend.test.ts ("loses
// nothing when 100 users are invited during an outage").
// PROOF_FAULT_ROUNDS (default 1) repeats each scenario.
import { createHash, randomBytes } from "node:crypto";
import { Pool } from "pg";
import { ulid } from "ulid";
import { writeFigures } from "../tests/proof/report";
import { startResendStandIn } from "../tests/support/resend-stand-in";
import { recreateDatabase } from "../scripts/lib/bench-seed";
import { migrateDatabase, startApp, type AppInstance } from "./support/app-instance";
import { E2E_DB_NAME } from "./support/config";
import { expect, test } from "./support/fixtures";
import { startOwnPostgres, type OwnPostgres } from "./support/own-postgres";

const ROUNDS = Number(process.env.PROOF_FAULT_ROUNDS || 1);
const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.describe.configure({ mode: "serial" });

/** An active admin with an API session (its token stored hashed, as login stores it). */
async function adminToken(p: Pool): Promise<string> {
  const id = ulid();
  await p.query(`INSERT INTO users (id, username, email, role, status, password_hash, updated_at, welcomed_at) VALUES ($1,'faultadmin','faultadmin@example.org','admin','active','x',now(),now())`, [id]);
  const token = randomBytes(32).toString("base64url");
  await p.query(`INSERT INTO sessions (id, user_id, kind, token_hash, expires_at) VALUES ($1,$2,'api',$3,now() + interval '12 hours')`, [ulid(), id, createHash("sha256").update(token).digest("hex")]);
  return token;
}

type Outcome = { at: number; status: number | "network"; created?: string };

/** POST a new user; the status, or "network" when no answer came. */
async function invite(base: string, token: string, name: string, timeoutMs = 30_000): Promise<Outcome> {
  try {
    const res = await fetch(`${base}/api/v1/admin/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ username: name, email: `${name}@example.org`, role: "viewer" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { at: Date.now(), status: res.status, created: res.status === 201 ? body.id : undefined };
  } catch {
    return { at: Date.now(), status: "network" };
  }
}

/** What must hold of every user whatever happened: nothing half-written. */
async function halfWritten(p: Pool): Promise<Record<string, number>> {
  const one = async (sql: string) => Number((await p.query(sql)).rows[0].n);
  return {
    pendingWithoutOneOpenInvitation: await one(`SELECT count(*) AS n FROM users u WHERE u.status = 'pending' AND (SELECT count(*) FROM invitations i WHERE i.user_id = u.id AND i.used_at IS NULL AND i.superseded_at IS NULL) <> 1`),
    invitationsWithoutOneEmail: await one(`SELECT count(*) AS n FROM invitations i WHERE (SELECT count(*) FROM email_outbox o WHERE o.invitation_id = i.id) <> 1`),
    usersWithoutCreatedRow: await one(`SELECT count(*) AS n FROM users u WHERE u.username <> 'faultadmin' AND NOT EXISTS (SELECT 1 FROM activity_logs a WHERE a.event_type = 'user.created' AND a.resource_id = u.id)`),
    countsOff: await one(`SELECT count(*) AS n FROM (SELECT role, status, count(*) AS c FROM users WHERE deleted_at IS NULL GROUP BY 1, 2) r FULL JOIN user_counts k USING (role, status) WHERE coalesce(r.c, 0) <> coalesce(k.n, 0)`),
  };
}

const NO_HALF_WRITES = { pendingWithoutOneOpenInvitation: 0, invitationsWithoutOneEmail: 0, usersWithoutCreatedRow: 0, countsOff: 0 };

test("PostgreSQL restarted under load: the app recovers by itself and nothing is half-written", async () => {
  test.setTimeout(120_000 + ROUNDS * 60_000);
  let pg: OwnPostgres | undefined;
  let app: AppInstance | undefined;
  let p: Pool | undefined;
  try {
    pg = await startOwnPostgres();
    const url = await pg.url("sel");
    migrateDatabase(url);
    p = new Pool({ connectionString: url, max: 2 });
    p.on("error", () => undefined);
    const token = await adminToken(p);
    app = await startApp({ name: "proof-faults-restart", databaseUrl: url, env: { RATE_LIMIT_API_PER_MINUTE: "1000000", OUTBOX_POLL_SECONDS: "1" } });

    const outcomes: Outcome[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const read = Math.random() < 0.5;
        if (read) {
          const res = await fetch(`${app!.base}/api/v1/admin/users?limit=5`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) }).catch(() => null);
          outcomes.push({ at: Date.now(), status: res ? res.status : "network" });
          await res?.text().catch(() => undefined);
        } else outcomes.push(await invite(app!.base, token, `load${++n}`));
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    const outages: { mode: string; down: number; up: number; firstOkAfterUp: number | null }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ["fast", "immediate"] as const) {
        await sleep(1500);
        const down = Date.now();
        await pg.stop(mode);
        await sleep(1500);
        await pg.start();
        outages.push({ mode, down, up: Date.now(), firstOkAfterUp: null });
      }
    }
    // Load goes on until 40 requests made from 3 s after the last restart have all succeeded.
    const lastUp = outages[outages.length - 1].up;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await sleep(500);
      const after = outcomes.filter((o) => o.at > lastUp + 3000);
      if (after.length >= 40 && after.every((o) => o.status !== "network" && o.status < 500)) break;
    }
    running = false;
    await Promise.all(workers);

    for (const o of outages) o.firstOkAfterUp = (outcomes.find((x) => x.at >= o.up && x.status !== "network" && x.status < 500)?.at ?? NaN) - o.up;
    const recovered = outcomes.filter((o) => o.at > lastUp + 3000);
    const statuses: Record<string, number> = {};
    for (const o of outcomes) statuses[o.status] = (statuses[o.status] ?? 0) + 1;
    const createdIds = outcomes.flatMap((o) => (o.created ? [o.created] : []));
    const missing = Number((await p.query(`SELECT count(*) AS n FROM unnest($1::text[]) id WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = id)`, [createdIds])).rows[0].n);
    const checks = await halfWritten(p);
    const users = Number((await p.query(`SELECT count(*) AS n FROM users WHERE username <> 'faultadmin'`)).rows[0].n);
    writeFigures("faults-db-restart", {
      restarts: outages.length,
      outages: outages.map((o) => ({ mode: o.mode, downMs: o.up - o.down, firstSuccessAfterUpMs: o.firstOkAfterUp })),
      requests: outcomes.length,
      statuses,
      afterRecovery: { requests: recovered.length, failed: recovered.filter((o) => o.status === "network" || o.status >= 500).length },
      createdAnswered: createdIds.length,
      usersInDatabase: users,
      answeredButMissing: missing,
      ...checks,
    });
    expect(recovered.length).toBeGreaterThan(0);
    expect(recovered.filter((o) => o.status === "network" || o.status >= 500)).toEqual([]);
    expect(outages.every((o) => Number.isFinite(o.firstOkAfterUp))).toBe(true);
    expect(missing).toBe(0);
    expect(checks).toEqual(NO_HALF_WRITES);
  } finally {
    await app?.stop();
    await p?.end();
    await pg?.destroy();
  }
});

test("SIGKILL during a burst of invitations: after a restart, one live invitation and one email per user", async () => {
  test.setTimeout(120_000 + ROUNDS * 60_000);
  const resend = await startResendStandIn({ delayMs: 150 });
  const url = await recreateDatabase(ADMIN_URL, `${E2E_DB_NAME}_kill`);
  migrateDatabase(url);
  const p = new Pool({ connectionString: url, max: 2 });
  let app: AppInstance | undefined;
  try {
    const token = await adminToken(p);
    const env = { RATE_LIMIT_API_PER_MINUTE: "1000000", OUTBOX_POLL_SECONDS: "1", EMAIL_PROVIDER: "resend", RESEND_API_KEY: "re_proof_key", RESEND_BASE_URL: resend.url };
    const figures: Record<string, unknown>[] = [];
    let n = 0;
    for (let round = 0; round < ROUNDS; round++) {
      app = await startApp({ name: "proof-faults-kill", databaseUrl: url, env });
      // 8 clients invite as fast as they can; the app dies after the 12th answer.
      const outcomes: Outcome[] = [];
      let killedAt = 0;
      const client = async () => {
        for (let i = 0; i < 6; i++) {
          const o = await invite(app!.base, token, `burst${round}x${++n}`);
          outcomes.push(o);
          if (!killedAt && outcomes.length >= 12) {
            killedAt = Date.now();
            app!.child.kill("SIGKILL");
          }
          if (killedAt) return;
        }
      };
      await Promise.all(Array.from({ length: 8 }, client));
      await app.stop();
      const pendingAtKill = Number((await p.query(`SELECT count(*) AS n FROM email_outbox WHERE status = 'pending'`)).rows[0].n);

      app = await startApp({ name: "proof-faults-kill", databaseUrl: url, env });
      // A claimed email keeps its lease (120 s) after a crash; move the clock past it instead of waiting.
      await p.query(`UPDATE email_outbox SET next_attempt_at = now() WHERE status = 'pending'`);
      const deadline = Date.now() + 30_000;
      while (Number((await p.query(`SELECT count(*) AS n FROM email_outbox WHERE status = 'pending'`)).rows[0].n) > 0) {
        if (Date.now() > deadline) throw new Error("the outbox did not drain after the restart");
        await sleep(250);
      }
      await app.stop();
      app = undefined;

      const users = (await p.query<{ id: string; email: string; open: number; sent: number }>(
        `SELECT u.id, u.email,
                (SELECT count(*)::int FROM invitations i WHERE i.user_id = u.id AND i.used_at IS NULL AND i.superseded_at IS NULL) AS open,
                (SELECT count(*)::int FROM email_outbox o JOIN invitations i ON i.id = o.invitation_id WHERE i.user_id = u.id AND o.status = 'sent') AS sent
           FROM users u WHERE u.username LIKE $1`,
        [`burst${round}x%`],
      )).rows;
      const delivered = resend.deliveredTo();
      const createdIds = outcomes.flatMap((o) => (o.created ? [o.created] : []));
      const ids = new Set(users.map((u) => u.id));
      const addresses = new Set(users.map((u) => u.email));
      figures.push({
        round,
        requestsAnswered: outcomes.filter((o) => o.status !== "network").length,
        lostToTheKill: outcomes.filter((o) => o.status === "network").length,
        created: users.length,
        emailsPendingAtKill: pendingAtKill,
        // Emails the provider had accepted when the app died before recording them: retried with the same key, not sent twice.
        replayedByIdempotencyKey: resend.requests.filter((r) => r.replay && [r.body.to].flat().some((to) => to.startsWith(`burst${round}x`))).length,
        usersWithOneLiveInvitation: users.filter((u) => u.open === 1).length,
        usersWithOneEmailDelivered: users.filter((u) => delivered.get(u.email) === 1).length,
      });
      expect(createdIds.filter((id) => !ids.has(id))).toEqual([]);
      expect(users.filter((u) => u.open !== 1 || u.sent !== 1 || delivered.get(u.email) !== 1)).toEqual([]);
      expect([...delivered.keys()].filter((to) => to.startsWith(`burst${round}x`) && !addresses.has(to))).toEqual([]);
      expect(await halfWritten(p)).toEqual(NO_HALF_WRITES);
    }
    writeFigures("faults-sigkill", { rounds: ROUNDS, perRound: figures });
  } finally {
    await app?.stop();
    await p.end();
    await resend.close();
  }
});
