// The HTTP server behind `npm start` (started by scripts/start.ts): Next.js
// programmatically, so that the client's address comes from the socket.
// Next.js itself only fills X-Forwarded-For when the client did not send
// one, which would let anybody choose their IP for rate limits and the
// activity log. Here the socket's address always goes into x-sel-peer
// (overwriting anything a client sent); lib/server/request-meta.ts trusts
// X-Forwarded-For only for the TRUST_PROXY_HOPS proxies in front.
const { createServer } = require("node:http");
const next = require("next");

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME_BIND || "0.0.0.0";
const started = Date.now();

// scripts/start.ts owns the database: if it was killed, this server stops too
// instead of serving without it (and holding the port for the next start).
const parent = process.ppid;
let onOrphaned = () => process.exit(0);
setInterval(() => process.ppid !== parent && onOrphaned(), 1000).unref();

const app = next({ dev, dir: process.cwd(), port, hostname: "localhost" });
const handle = app.getRequestHandler();

app.prepare().then(() => {
  const server = createServer((req, res) => {
    req.headers["x-sel-peer"] = (req.socket.remoteAddress || "").replace(/^::ffff:/, "");
    handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
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

