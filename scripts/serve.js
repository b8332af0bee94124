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
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
});
