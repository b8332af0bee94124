// Next.js calls register() once when a server instance starts. The outbox
// worker and the housekeeping schedule need Node (SMTP sockets, the pg
// pool), so they start only in the Node.js runtime, never in the edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startOutboxWorker } = await import("./lib/server/email/worker");
    const { startHousekeeping } = await import("./lib/server/housekeeping/schedule");
    startOutboxWorker();
    startHousekeeping();
  }
}
