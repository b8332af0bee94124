import "server-only";
import { env } from "../env";
import { logger, logUnexpected } from "../logger";
import { writeAnchor } from "../activity/chain/anchor";
import { archiveActivity } from "../activity/retention";
import { pool } from "../db";
import { pruneExpired } from "./prune";

// The pruning round of a running server, started beside the outbox worker
// (instrumentation.ts): once shortly after start, then every
// HOUSEKEEPING_INTERVAL_MINUTES. Several instances may run it; the advisory
// lock in pruneExpired() lets one prune at a time. Beside it, every
// AUDIT_ANCHOR_INTERVAL_MINUTES (0: never), an anchor of the activity chain
// goes to the audit stream (lib/server/activity/chain/anchor.ts); every
// instance writes its own, which only adds evidence.

const FIRST_RUN_MS = 60_000;

type Job = { timers: NodeJS.Timeout[]; running: Promise<void> | null };
// On globalThis so a second import of this module (another bundle) finds the running job.
const holder = globalThis as unknown as { __selHousekeeping?: Job };

async function round(job: Job): Promise<void> {
  if (job.running) return;
  job.running = (async () => {
    try {
      const counts = await pruneExpired();
      if (counts && Object.values(counts).some(Boolean)) logger().info({ pruned: counts }, "housekeeping: pruned expired rows");
      // ACTIVITY_RETENTION_DAYS: older activity rows to DATA_DIR/archive/ (it logs what it did).
      await archiveActivity();
    } catch (e) {
      // The database may be briefly unreachable; the next round tries again.
      logUnexpected(e, "housekeeping round failed");
    }
  })().finally(() => {
    job.running = null;
  });
  await job.running;
}

async function anchorRound(): Promise<void> {
  try {
    const c = await pool().connect();
    try {
      await writeAnchor(c, "scheduled");
    } finally {
      c.release();
    }
  } catch (e) {
    logUnexpected(e, "scheduled activity chain anchor failed");
  }
}

export function startHousekeeping(): void {
  if (holder.__selHousekeeping) return;
  const job: Job = { timers: [], running: null };
  const first = setTimeout(() => void round(job), FIRST_RUN_MS);
  const every = setInterval(() => void round(job), env().HOUSEKEEPING_INTERVAL_MINUTES * 60_000);
  first.unref();
  every.unref();
  job.timers.push(first, every);
  const anchorMinutes = env().AUDIT_ANCHOR_INTERVAL_MINUTES;
  if (anchorMinutes > 0) {
    const anchor = setInterval(() => void anchorRound(), anchorMinutes * 60_000);
    anchor.unref();
    job.timers.push(anchor);
  }
  holder.__selHousekeeping = job;
}

/** Stops the schedule after the current round (tests, shutdown). */
export async function stopHousekeeping(): Promise<void> {
  const job = holder.__selHousekeeping;
  if (!job) return;
  holder.__selHousekeeping = undefined;
  for (const t of job.timers) clearTimeout(t);
  await job.running;
}
