import "server-only";
import { setImmediate as yieldToRequests } from "node:timers/promises";
import { Client } from "pg";
import { ulid } from "ulid";
import { authorize, type Ctx } from "../../auth/actor";
import { pool } from "../../db";
import { env } from "../../env";
import { logger, logUnexpected } from "../../logger";
import { run, type Result } from "../../result";
import { LOCKS } from "../../sql";
import { writeAnchor } from "./anchor";
import type { ChainProblem } from "./diagnose";
import { verifyChain } from "./verify";

// The console's integrity indicator: verifications of the activity chain run
// in the background of the server, one at a time, with their progress and
// result kept in activity_verifications (so every server process, and the
// next start, shows the same). The walk is the verifier's own
// (./verify.ts) on a connection of its own, in batches of BATCH rows with a
// turn of the event loop between them, so requests are served meanwhile. The
// runner holds the advisory lock LOCKS.activityVerify on that connection
// for the whole walk: a second start joins the running one, and a run whose
// server stopped (lock gone, no heartbeat) is shown as interrupted. After an
// intact walk the head goes to the audit stream as an anchor.

const BATCH = 500;
/** Progress is written at most this often. */
const HEARTBEAT_MS = 1000;
/** A running row without a heartbeat for this long belongs to a server that stopped. */
const STALE_MS = 30_000;

export type VerificationStatus = "running" | "ok" | "failed" | "error" | "interrupted";

export type VerificationRun = {
  id: string;
  status: VerificationStatus;
  started_at: string;
  finished_at: string | null;
  started_by: { id: string | null; username: string | null };
  rows_verified: number;
  rows_total: number;
  head: { seq: number; hash: string } | null;
  problem: { kind: ChainProblem["kind"]; row_id: string | null; seq: number | null; message: string } | null;
  error: string | null;
};

export type Integrity = {
  /** The verification running now, if any. */
  running: VerificationRun | null;
  /** The last one that ended (intact, broken, or could not check). */
  last: VerificationRun | null;
};

type Row = {
  id: string;
  status: VerificationStatus;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  started_by: string | null;
  started_by_username: string | null;
  rows_verified: string;
  rows_total: string;
  head_seq: string | null;
  head_hash: string | null;
  problem: { kind: ChainProblem["kind"]; rowId: string | null; seq: number | null; message: string } | null;
  error: string | null;
};

function toRun(r: Row, now = Date.now()): VerificationRun {
  const stale = r.status === "running" && now - r.updated_at.getTime() > STALE_MS;
  return {
    id: r.id,
    status: stale ? "interrupted" : r.status,
    started_at: r.started_at.toISOString(),
    finished_at: r.finished_at?.toISOString() ?? (stale ? r.updated_at.toISOString() : null),
    started_by: { id: r.started_by, username: r.started_by_username },
    rows_verified: Number(r.rows_verified),
    rows_total: Number(r.rows_total),
    head: r.head_seq !== null && r.head_hash ? { seq: Number(r.head_seq), hash: r.head_hash } : null,
    problem: r.problem ? { kind: r.problem.kind, row_id: r.problem.rowId, seq: r.problem.seq, message: r.problem.message } : null,
    error: r.error,
  };
}

async function readIntegrity(): Promise<Integrity> {
  const { rows } = await pool().query<Row>(
    `(SELECT * FROM activity_verifications WHERE status = 'running' ORDER BY started_at DESC LIMIT 1)
     UNION ALL
     (SELECT * FROM activity_verifications WHERE status <> 'running' ORDER BY finished_at DESC LIMIT 1)`,
  );
  const now = Date.now();
  const runs = rows.map((r) => toRun(r, now));
  const running = runs.find((r) => r.status === "running") ?? null;
  // A run whose server stopped is the last one that ended, unless a later one ended since.
  const ended = runs.filter((r) => r.status !== "running").sort((a, b) => (b.finished_at ?? "").localeCompare(a.finished_at ?? ""));
  return { running, last: ended[0] ?? null };
}

/** The indicator: the running verification and the last result. */
export function activityIntegrity(ctx: Ctx): Promise<Result<Integrity>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    return readIntegrity();
  });
}

type Job = { id: string; done: Promise<void> };
// On globalThis so every bundle of this server process sees the run it started.
const holder = globalThis as unknown as { __selVerify?: Job };

/**
 * Starts a verification in the background and answers at once with the
 * indicator's state. While one runs (in this process or another), starting
 * again joins it: the answer shows the running one.
 */
export function startVerification(ctx: Ctx): Promise<Result<Integrity>> {
  return run(async () => {
    const actor = authorize(ctx, "activity:verify");
    if (!holder.__selVerify) await launch(actor);
    return readIntegrity();
  });
}

async function launch(actor: { id: string; username: string }): Promise<void> {
  const c = new Client({ connectionString: env().databaseUrl, application_name: "sel-admin activity verify" });
  await c.connect();
  let handedOver = false;
  try {
    const { rows } = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [LOCKS.activityVerify]);
    if (!rows[0].ok) return; // another process walks the chain right now
    if (holder.__selVerify) return; // this process started one meanwhile (its lock is on another connection)
    // Runs that stopped with their server are not running any more.
    await c.query(
      `UPDATE activity_verifications SET status = 'interrupted', finished_at = updated_at, error = 'The server stopped before the verification ended.' WHERE status = 'running'`,
    );
    const id = ulid();
    await c.query(`INSERT INTO activity_verifications (id, started_by, started_by_username) VALUES ($1, $2, $3)`, [id, actor.id, actor.username]);
    const job: Job = { id, done: Promise.resolve() };
    job.done = walk(c, id).finally(() => {
      if (holder.__selVerify === job) holder.__selVerify = undefined;
    });
    holder.__selVerify = job;
    handedOver = true;
  } finally {
    if (!handedOver) await c.end().catch(() => undefined);
  }
}

async function walk(c: Client, id: string): Promise<void> {
  // The progress goes through the pool: the walk's own connection is inside its snapshot transaction.
  let last = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const progress = (rows: number, total: number) => {
    const now = Date.now();
    if (now - last >= HEARTBEAT_MS) {
      last = now;
      writing = writing
        .then(() => pool().query(`UPDATE activity_verifications SET rows_verified = $2, rows_total = $3, updated_at = now() WHERE id = $1`, [id, rows, total]))
        .catch((e) => logUnexpected(e, "activity verification: progress not saved"));
    }
    // Let requests in between batches.
    return yieldToRequests();
  };
  try {
    const report = await verifyChain(c, { batch: BATCH, onProgress: progress });
    await writing;
    const status: VerificationStatus = report.ok ? "ok" : "failed";
    await pool().query(
      `UPDATE activity_verifications SET status = $2, finished_at = now(), updated_at = now(), rows_verified = $3, rows_total = greatest(rows_total, $3),
              head_seq = $4, head_hash = $5, problem = $6 WHERE id = $1`,
      [id, status, report.rows, report.head?.seq ?? report.start.seq, report.head?.hash ?? report.start.hash, report.problem ? JSON.stringify(report.problem) : null],
    );
    if (report.ok) await writeAnchor(c, "verified");
    else logger().warn({ audit: true, problem: report.problem }, "activity chain verification found a problem");
  } catch (e) {
    const ref = logUnexpected(e, "activity verification failed");
    await writing;
    await pool()
      .query(`UPDATE activity_verifications SET status = 'error', finished_at = now(), updated_at = now(), error = $2 WHERE id = $1`, [
        id,
        `The chain could not be read (reference ${ref}).`,
      ])
      .catch((err) => logUnexpected(err, "activity verification: result not saved"));
  } finally {
    await c.query(`SELECT pg_advisory_unlock($1)`, [LOCKS.activityVerify]).catch(() => undefined);
    await c.end().catch(() => undefined);
  }
}

/** Resolves when the verification this process runs (if any) has ended (tests, shutdown). */
export async function verificationDone(): Promise<void> {
  await holder.__selVerify?.done;
}
