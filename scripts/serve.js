// The HTTP server behind `npm start` (started by scripts/start.ts): Next.js
// programmatically, so that the client's address comes from the socket.
// Next.js itself only fills X-Forwarded-For when the client did not send
// one, which would let anybody choose their IP for rate limits and the
// activity log. Here the socket's address always goes into x-sel-peer
// (overwriting anything a client sent); lib/server/request-meta.ts trusts
// X-Forwarded-For only for the TRUST_PROXY_HOPS proxies in front.
//
// WEB_CONCURRENCY=N (N > 1, not with --dev) runs N copies of the server in
// worker processes sharing the port (node:cluster): one event loop per core.
// Every promise holds across them as it does across separate instances:
// limits and the email outbox live in PostgreSQL, and each worker hears
// PostgreSQL's auth notifications (lib/server/auth/actor-cache.ts).
const cluster = require("node:cluster");
const { createServer } = require("node:http");
const { answerMalformedApiPath } = require("./lib/malformed-api-path");

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || "0.0.0.0";
const workers = dev ? 1 : Math.max(1, Number(process.env.WEB_CONCURRENCY || 1));
const started = Date.now();

// scripts/start.ts owns the database: if it was killed, this server stops too
// instead of serving without it (and holding the port for the next start).
// A cluster worker watches its primary the same way.
const parent = process.ppid;
let onOrphaned = () => process.exit(0);
setInterval(() => process.ppid !== parent && onOrphaned(), 1000).unref();

if (workers > 1 && cluster.isPrimary) runPrimary();
else runServer();

function runPrimary() {
  let stopping = false;
  let ready = 0;
  const fork = () =>
    cluster.fork().on("message", (m) => {
      if (m === "ready" && ++ready === workers) console.log(`✓ Ready in ${Date.now() - started}ms on http://localhost:${port} (${workers} worker processes)`);
    });
  for (let i = 0; i < workers; i++) fork();
  cluster.on("exit", (w, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers).length === 0) process.exit(0);
      return;
    }
    console.error(`worker ${w.process.pid} exited (${signal || code}); starting another`);
    setTimeout(fork, 1000);
  });
  const stop = (sig) => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers)) w.process.kill(sig);
    if (Object.keys(cluster.workers).length === 0) process.exit(0);
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGTERM"));
  process.on("SIGHUP", () => stop("SIGTERM"));
  onOrphaned = () => stop("SIGTERM");
}

function runServer() {
  const next = require("next");
  const app = next({ dev, dir: process.cwd(), port, hostname: "localhost" });
  const handle = app.getRequestHandler();

  app.prepare().then(() => {
    const server = createServer((req, res) => {
      req.headers["x-sel-peer"] = (req.socket.remoteAddress || "").replace(/^::ffff:/, "");
      if (answerMalformedApiPath(req, res)) return;
      handle(req, res);
    });
    server.keepAliveTimeout = 65_000;
    server.listen(port, hostname, () => {
      if (cluster.isWorker) return process.send("ready");
      console.log(`✓ Ready in ${Date.now() - started}ms on http://localhost:${port}${dev ? " (development)" : ""}`);
    });
    // Stop taking connections, let open requests finish (at most 10 s), exit.
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 10_000).unref();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    process.on("SIGHUP", stop);
    onOrphaned = stop;
  });
}
