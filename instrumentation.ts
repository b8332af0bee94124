// Next.js calls register() once when a server instance starts. The outbox
// worker needs Node (SMTP sockets, the pg pool), so it starts only in the
// Node.js runtime, never in the edge runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startOutboxWorker } = await import("./lib/server/email/worker");
    startOutboxWorker();
  }
}
