import "server-only";
import { env } from "../env";
import { logger, logUnexpected } from "../logger";
import { onOutboxQueued } from "./queue";
import { deliverDue } from "./sender";

// The in-process outbox worker of a running server: a sweep at start (rows
// left by a crash or an outage), one every OUTBOX_POLL_SECONDS (retries), and
// one right after each commit that queued an email (the nudge). Only one
// sweep runs at a time in a process; a nudge during a sweep schedules one
// more. Several server instances may run side by side: claiming is safe.

const BATCH = 25;

type Worker = { timer: NodeJS.Timeout; tick: () => void; idle: () => Promise<void> };
// On globalThis so a second import of this module (another bundle) finds the running worker.
const holder = globalThis as unknown as { __selOutboxWorker?: Worker };

export function startOutboxWorker(): void {
  if (holder.__selOutboxWorker) return;
  let running: Promise<void> | null = null;
  let again = false;

  async function sweep() {
    do {
      again = false;
      try {
        // Keep going while full batches come back: a backlog drains without waiting for the timer.
        for (let n = BATCH; n === BATCH; ) n = (await deliverDue({ limit: BATCH })).claimed;
      } catch (e) {
        // The database may be briefly unreachable; the next sweep tries again.
        logUnexpected(e, "invitation email outbox sweep failed");
      }
    } while (again);
  }

  const tick = () => {
    if (running) {
      again = true;
      return;
    }
    running = sweep().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(tick, env().OUTBOX_POLL_SECONDS * 1000);
  timer.unref();
  holder.__selOutboxWorker = { timer, tick, idle: () => running ?? Promise.resolve() };
  onOutboxQueued(tick);
  logger().info({ pollSeconds: env().OUTBOX_POLL_SECONDS, provider: env().emailProvider }, "invitation email outbox worker started");
  tick();
}

/** Stops the worker after its current sweep (tests, shutdown). */
export async function stopOutboxWorker(): Promise<void> {
  const w = holder.__selOutboxWorker;
  if (!w) return;
  holder.__selOutboxWorker = undefined;
  clearInterval(w.timer);
  onOutboxQueued(undefined);
  await w.idle();
}
