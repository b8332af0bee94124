// npm run stress:mixed — how much mixed admin traffic does one node serve?
//
// Seeds a database with 100,000 users (STRESS_DB_NAME, default
// sel_admin_stress, dropped and recreated), starts the product's server
// (scripts/serve.js, as `npm start` runs it) from an existing build on
// loopback, and offers a fixed arrival rate of a mixed API load: list 30 %,
// filter 15 %, search 10 %, get one user 30 %, update 10 %, create 5 %; at
// 100, 200 and 300 requests/s for 60 s each. Prints, per step, the rate
// served, errors, p50/p95/p99 (from when each request was due), and the CPU
// and RSS of the server and of the PostgreSQL backends serving it.
// See docs/PERFORMANCE.md. Options:
//   --rates 100,200,300   --seconds 60   --smoke (2,000 users, 20 req/s for 3 s)
//   --cpu-prof DIR        write the server's V8 CPU profile(s) to DIR
//   --login-clients N     N clients logging in back to back during each step
//                         (bcrypt cost 12): logins/s and what they cost the mix
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { BENCH_ADMIN, BENCH_PASSWORD, recreateDatabase, seedAdmin, seedUsers } from "./lib/bench-seed";
import { assertBuilt, startServer, stopServer, waitUp } from "./lib/bench-server";
import { client, runAtRate, type Req } from "./lib/load";
import { backendPids, Meter, processTree } from "./lib/proc-stats";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SMOKE = process.argv.includes("--smoke");
const RATES = (arg("rates") ?? (SMOKE ? "20" : "100,200,300")).split(",").map(Number);
const SECONDS = Number(arg("seconds") ?? (SMOKE ? 3 : 60));
const USERS = Number(process.env.STRESS_USERS || (SMOKE ? 2_000 : 100_000));
const PORT = Number(process.env.STRESS_PORT || 3298);
const DB_NAME = process.env.STRESS_DB_NAME || "sel_admin_stress";
const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const DIST = process.env.NEXT_DIST_DIR || ".next";
const PROF = arg("cpu-prof");
const LOGIN_CLIENTS = Number(arg("login-clients") ?? 0);
const GOAL = { rate: 300, p99: 100 };

const TERMS = ["lindq", "okaf", "yamam", "kowal", "tremb", "hadd"];
const FILTERS = ["role=editor", "status=active", "role=admin&status=inactive", "role=viewer&status=pending", "status=inactive"];
const pick = <T>(xs: T[], i: number) => xs[i % xs.length];

function mix(tag: string, ids: string[], editable: string[]) {
  return (i: number): { kind: string; req: Req } => {
    const slot = i % 20;
    const n = Math.floor(i / 20);
    if (slot < 6) return { kind: "list", req: { method: "GET", path: "/api/v1/admin/users", expect: [200] } };
    if (slot < 9) return { kind: "filter", req: { method: "GET", path: `/api/v1/admin/users?${pick(FILTERS, i)}`, expect: [200] } };
    if (slot < 11) return { kind: "search", req: { method: "GET", path: `/api/v1/admin/users?search=${pick(TERMS, n)}`, expect: [200] } };
    if (slot < 17) return { kind: "get", req: { method: "GET", path: `/api/v1/admin/users/${pick(ids, i * 7919)}`, expect: [200] } };
    if (slot < 19) return { kind: "update", req: { method: "PUT", path: `/api/v1/admin/users/${pick(editable, i)}`, body: { username: `st${tag}u${i}` }, expect: [200] } };
    return { kind: "create", req: { method: "POST", path: "/api/v1/admin/users", body: { username: `st${tag}c${i}`, email: `st${tag}c${i}@example.org`, role: "viewer" }, expect: [201] } };
  };
}

const f1 = (x: number) => x.toFixed(1).padStart(7);

async function main() {
  assertBuilt(DIST);
  console.log(`Database ${DB_NAME}: recreating and seeding ${USERS.toLocaleString("en")} users...`);
  const dbUrl = await recreateDatabase(ADMIN_URL, DB_NAME);
  const { migrate } = await import("@/lib/server/migrate");
  await migrate(dbUrl);
  await seedUsers(dbUrl, USERS);
  const admin = await seedAdmin(dbUrl);
  const pool = new Pool({ connectionString: dbUrl, max: 2 });
  const ids = (await pool.query<{ id: string }>("SELECT id FROM users WHERE deleted_at IS NULL ORDER BY md5(id) LIMIT 2000")).rows.map((r) => r.id);
  const editable = (await pool.query<{ id: string }>("SELECT id FROM users WHERE deleted_at IS NULL AND status = 'active' AND role = 'viewer' ORDER BY md5(id) LIMIT 500")).rows.map((r) => r.id);

  const log = path.join(os.tmpdir(), `sel-stress-${PORT}.log`);
  const server = startServer({ port: PORT, dbUrl, dist: DIST, log, nodeArgs: PROF ? ["--cpu-prof", `--cpu-prof-dir=${PROF}`] : [] });
  const http = client(PORT, { authorization: `Bearer ${admin.token}` });
  const results: { rate: number; p99: number; errors: number; achieved: number }[] = [];
  try {
    await waitUp(server, PORT, log);
    const web = () => processTree(server.pid!);
    const workers = web().length - 1;
    console.log(`Server up on 127.0.0.1:${PORT} (${DIST}, ${workers ? `${workers} worker processes` : "one process"}). Warm-up 5 s at 50 req/s.`);
    await runAtRate(http.send, mix("w", ids, editable), SMOKE ? 10 : 50, SMOKE ? 1 : 5);
    let pg = await backendPids(pool, DB_NAME);
    for (const rate of RATES) {
      const tag = `${Date.now().toString(36)}`;
      const poll = setInterval(() => void backendPids(pool, DB_NAME).then((p) => (pg = p)).catch(() => undefined), 1000);
      const webMeter = new Meter(web);
      const pgMeter = new Meter(() => pg);
      const load1 = os.loadavg()[0];
      // Logins on their own connections, one after another per client, for the step's duration.
      let logins = 0;
      let loginErrors = 0;
      const until = Date.now() + SECONDS * 1000;
      const loginLoops = Array.from({ length: LOGIN_CLIENTS }, async () => {
        const c = client(PORT, {});
        while (Date.now() < until) {
          const res = await c.send({ method: "POST", path: "/api/v1/admin/login", body: { username: BENCH_ADMIN, password: BENCH_PASSWORD }, expect: [200] }).catch(() => ({ status: 0 }));
          if (res.status === 200) logins++;
          else loginErrors++;
        }
        c.close();
      });
      const r = await runAtRate(http.send, mix(tag, ids, editable), rate, SECONDS);
      await Promise.all(loginLoops);
      clearInterval(poll);
      const w = webMeter.stop();
      const p = pgMeter.stop();
      const perReq = r.ok ? w.cpuMs / r.ok : 0;
      console.log(
        `\n${rate} req/s offered for ${SECONDS} s (load average ${load1.toFixed(2)} at start): served ${r.achieved.toFixed(1)} req/s, ${r.ok} ok, ${r.errors} errors` +
          `\n  latency ms  p50 ${r.all.p50.toFixed(1)}  p95 ${r.all.p95.toFixed(1)}  p99 ${r.all.p99.toFixed(1)}` +
          `\n  server CPU ${(w.cores * 100).toFixed(0)} % of a core (${perReq.toFixed(2)} ms per request), RSS peak ${w.peakRss.toFixed(0)} MB; PostgreSQL backends CPU ${(p.cores * 100).toFixed(0)} %`,
      );
      if (LOGIN_CLIENTS) console.log(`  logins: ${LOGIN_CLIENTS} clients, ${(logins / SECONDS).toFixed(1)} logins/s, ${loginErrors} failed`);
      console.log(`  ${"kind".padEnd(8)}     n     p50     p95     p99`);
      for (const [k, s] of Object.entries(r.kind)) console.log(`  ${k.padEnd(8)} ${String(s.n).padStart(5)} ${f1(s.p50)} ${f1(s.p95)} ${f1(s.p99)}`);
      for (const e of r.errorSamples) console.log(`  error: ${e}`);
      results.push({ rate, p99: r.all.p99, errors: r.errors, achieved: r.achieved });
      if (rate !== RATES[RATES.length - 1]) await new Promise((res) => setTimeout(res, SMOKE ? 200 : 5000));
    }
  } finally {
    http.close();
    await stopServer(server);
    await pool.end();
  }
  console.log(`\nGoal: ${GOAL.rate} req/s for 60 s with p99 under ${GOAL.p99} ms and 0 errors.`);
  for (const r of results) {
    const pass = r.p99 < GOAL.p99 && r.errors === 0 && r.achieved >= r.rate * 0.98;
    console.log(`  ${String(r.rate).padStart(4)} req/s: ${pass ? "PASS" : "MISS"} (served ${r.achieved.toFixed(1)}/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors)`);
  }
  console.log(`Machine: ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}. Server log: ${log}`);
  if (SMOKE && results.some((r) => r.errors > 0)) process.exit(1);
}

main().catch((e) => {
  console.error(`stress:mixed failed: ${(e as Error).message}`);
  process.exit(1);
});
