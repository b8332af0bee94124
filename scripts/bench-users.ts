// npm run bench:users — how fast is the users list with 100,000 users?
//
// Builds a separate database (BENCH_DB_NAME, default sel_admin_bench, dropped
// and recreated), seeds it, starts the app from an EXISTING build
// (NEXT_DIST_DIR, default .next; run `next build` first: this script never
// builds) with the product's server (scripts/serve.js) on BENCH_PORT against it, and times, one request after another:
// GET /api/v1/admin/users (no filter, role+status, substring search, a page
// 40 pages deep), the /admin/users page, and the same SQL through a bare pg
// pool as the floor; then the search's count again after BENCH_CREATES
// (1,000) users were created through the API. With --session-cache, only
// GET /users/{id} with the session cache on and off, alternately; with
// --against DIR, only GET /users/{id} on this build and on DIR's. See
// docs/PERFORMANCE.md.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Pool } from "pg";
import { cookieSession, get, timeSeq, type Stats } from "./lib/bench-measure";
import { countSql, explain, sqlList, type Filter } from "./lib/bench-users-sql";
import { assertBuilt, startServer, stopServer, waitUp } from "./lib/bench-server";
import { cpuMs } from "./lib/proc-stats";
import { BENCH_ADMIN, BENCH_PASSWORD, recreateDatabase, SEARCH_TERM, seedAdmin, seedUsers } from "./lib/bench-seed";

const USERS = Number(process.env.BENCH_USERS || 100_000);
const N = Number(process.env.BENCH_REQUESTS || 300);
const WARM = Number(process.env.BENCH_WARMUP || 30);
const DEEP_PAGES = 40;
const PORT = Number(process.env.BENCH_PORT || 3299);
const DB_NAME = process.env.BENCH_DB_NAME || "sel_admin_bench";
const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const DIST = process.env.NEXT_DIST_DIR || ".next";
const BASE = `http://127.0.0.1:${PORT}`;
const SHOW_PLANS = process.argv.includes("--explain");
const CREATES = Number(process.env.BENCH_CREATES || 1000);
// --session-cache: only the fixed cost, on servers started alternately with
// SESSION_CACHE=true and false (ROUNDS of each), to price the session cache.
const CACHE_AB = process.argv.includes("--session-cache");
// --against DIR: the same on this build and on the build in DIR.
const AGAINST = (() => {
  const i = process.argv.indexOf("--against");
  return i > 0 ? process.argv[i + 1] : undefined;
})();
type Variant = { label: string; dist: string; env?: Record<string, string> };
const ROUNDS = 3;

const GOAL_API_P95 = 25;
// The list's p95 within 2x of its SQL's p95, plus at most 1 ms (the HTTP round trip's share).
const GOAL_RATIO = 2;
const GOAL_RATIO_SLACK_MS = 1;
const GOAL_PAGE_P95 = 100;
const GOAL_SEARCH_COUNT = 10;

const qs = (f: Filter) => {
  const p = new URLSearchParams();
  for (const k of ["role", "status", "search"] as const) if (f[k]) p.set(k, f[k]!);
  return p.toString();
};
const ms = (x: number) => x.toFixed(1).padStart(7);

type Row = { name: string; api: Stats; sql?: Stats; plan?: { list: string; count: string } };

async function main() {
  assertBuilt(DIST);
  if (AGAINST) assertBuilt(AGAINST);
  console.log(`Database ${DB_NAME}: recreating and seeding ${USERS.toLocaleString("en")} users...`);
  const t0 = Date.now();
  const dbUrl = await recreateDatabase(ADMIN_URL, DB_NAME);
  const { migrate } = await import("@/lib/server/migrate");
  await migrate(dbUrl);
  const { pending } = await seedUsers(dbUrl, USERS);
  const admin = await seedAdmin(dbUrl);
  console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s (${pending.toLocaleString("en")} pending with invitations).`);

  const log = path.join(os.tmpdir(), `sel-bench-${PORT}.log`);
  if (CACHE_AB) return alternate(dbUrl, admin, log, [{ label: "SESSION_CACHE=true", dist: DIST, env: { SESSION_CACHE: "true" } }, { label: "SESSION_CACHE=false", dist: DIST, env: { SESSION_CACHE: "false" } }]);
  if (AGAINST) return alternate(dbUrl, admin, log, [{ label: DIST, dist: DIST }, { label: AGAINST, dist: AGAINST }]);
  const child = startServer({ port: PORT, dbUrl, dist: DIST, log });
  const pool = new Pool({ connectionString: dbUrl, max: 10 });
  const rows: Row[] = [];
  let page: Stats | null = null;
  let one: Stats | null = null;
  let pageNote = "";
  let afterCreates: { api: Stats; count: Stats; seconds: number } | null = null;
  let countBefore: Stats | null = null;
  try {
    await waitUp(child, PORT, log);
    console.log(`Server (${DIST}) up on ${BASE}; ${WARM} warm-up + ${N} timed requests each, sequential.\n`);
    const bearer = { authorization: `Bearer ${admin.token}` };
    const scenarios: [string, Filter][] = [
      ["no filter", {}],
      ["role=editor&status=active", { role: "editor", status: "active" }],
      [`search=${SEARCH_TERM}`, { search: SEARCH_TERM }],
    ];
    // The deep page: follow next_cursor DEEP_PAGES pages in, then time that page.
    let cursor = "";
    for (let i = 0; i < DEEP_PAGES; i++) cursor = JSON.parse(await get(`${BASE}/api/v1/admin/users${cursor ? `?after=${cursor}` : ""}`, bearer)).next_cursor;
    const afterId = Buffer.from(cursor, "base64url").toString().slice(2);

    for (const [name, f] of [...scenarios, [`deep page (${DEEP_PAGES} x 50 in)`, { afterId }] as [string, Filter]]) {
      const url = `${BASE}/api/v1/admin/users?${f.afterId ? `after=${cursor}` : qs(f)}`;
      const api = await timeSeq(async () => void (await get(url, bearer)), N, WARM);
      const sql = await timeSeq(() => sqlList(pool, f, 50), N, WARM);
      rows.push({ name, api, sql, plan: await explain(pool, f, 50) });
      if (SHOW_PLANS) for (const p of (await explain(pool, f, 50)).plans) console.log(`-- ${name}\n${p}\n`);
    }

    // The fixed cost of any API call (HTTP, bearer lookup, user check, rate-limit write): one user by id.
    one = await timeSeq(async () => void (await get(`${BASE}/api/v1/admin/users/${admin.id}`, bearer)), N, WARM);

    const pageFile = path.join("app", "admin", "(console)", "users", "page.tsx");
    if (existsSync(pageFile)) {
      const cookie = await cookieSession(BASE, BENCH_ADMIN, BENCH_PASSWORD);
      const html = await get(`${BASE}/admin/users`, { cookie });
      if (!html.includes(BENCH_ADMIN)) throw new Error("/admin/users did not render the user list for the bench admin");
      page = await timeSeq(async () => void (await get(`${BASE}/admin/users`, { cookie })), N, WARM);
    } else pageNote = "app/admin/(console)/users/page.tsx does not exist in this checkout: page render not measured.";

    // Search under writes: the trigram indexes after CREATES users created
    // through the API (4 clients), every name matching the search term.
    const search: Filter = { search: SEARCH_TERM };
    const count = () => pool.query(countSql(search)).then(() => undefined);
    countBefore = await timeSeq(count, N, WARM);
    const tc = Date.now();
    let made = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (made < CREATES) {
          const n = made++;
          const res = await fetch(`${BASE}/api/v1/admin/users`, {
            method: "POST",
            headers: { ...bearer, "content-type": "application/json" },
            body: JSON.stringify({ username: `${SEARCH_TERM}_new${n}`, email: `bench.new${n}@example.org`, role: "viewer" }),
          });
          if (res.status !== 201) throw new Error(`POST /users -> ${res.status}: ${(await res.text()).slice(0, 200)}`);
          await res.arrayBuffer();
        }
      }),
    );
    const seconds = (Date.now() - tc) / 1000;
    afterCreates = {
      seconds,
      count: await timeSeq(count, N, WARM),
      api: await timeSeq(async () => void (await get(`${BASE}/api/v1/admin/users?${qs(search)}`, bearer)), N, WARM),
    };
  } finally {
    await stopServer(child);
    await pool.end();
  }

  console.log("GET /api/v1/admin/users (ms)             API p50   p95     p99 |  SQL p50   p95     p99 | p95 ratio");
  for (const r of rows) {
    const ratio = r.sql ? (r.api.p95 / r.sql.p95).toFixed(1) + "x" : "-";
    console.log(`${r.name.padEnd(38)} ${ms(r.api.p50)} ${ms(r.api.p95)} ${ms(r.api.p99)} | ${ms(r.sql!.p50)} ${ms(r.sql!.p95)} ${ms(r.sql!.p99)} | ${ratio.padStart(6)}`);
  }
  if (one) console.log(`${"fixed cost: GET /users/{id}".padEnd(38)} ${ms(one.p50)} ${ms(one.p95)} ${ms(one.p99)}`);
  if (page) console.log(`${"/admin/users page render (HTML)".padEnd(38)} ${ms(page.p50)} ${ms(page.p95)} ${ms(page.p99)}`);
  if (pageNote) console.log(pageNote);
  if (afterCreates && countBefore) {
    console.log(`\nSearch under writes: ${CREATES.toLocaleString("en")} users created through the API in ${afterCreates.seconds.toFixed(1)} s (${Math.round(CREATES / afterCreates.seconds)}/s), each matching "${SEARCH_TERM}"`);
    console.log(`${"search count SQL, before (ms)".padEnd(38)} ${ms(countBefore.p50)} ${ms(countBefore.p95)} ${ms(countBefore.p99)}`);
    console.log(`${"search count SQL, after".padEnd(38)} ${ms(afterCreates.count.p50)} ${ms(afterCreates.count.p95)} ${ms(afterCreates.count.p99)}`);
    console.log(`${`search=${SEARCH_TERM} API, after`.padEnd(38)} ${ms(afterCreates.api.p50)} ${ms(afterCreates.api.p95)} ${ms(afterCreates.api.p99)}`);
  }

  console.log("\nEXPLAIN ANALYZE (one run each, executor time only)");
  for (const r of rows) console.log(`  ${r.name.padEnd(36)} list: ${r.plan!.list}\n  ${"".padEnd(36)} count: ${r.plan!.count}`);

  console.log(`\nGoals: API p95 < ${GOAL_API_P95} ms; API p95 within ${GOAL_RATIO}x of the SQL p95 plus ${GOAL_RATIO_SLACK_MS} ms; /admin/users render p95 < ${GOAL_PAGE_P95} ms.`);
  for (const r of rows) {
    const ratio = r.api.p95 / r.sql!.p95;
    const bound = GOAL_RATIO * r.sql!.p95 + GOAL_RATIO_SLACK_MS;
    console.log(`  ${r.name.padEnd(36)} p95 ${r.api.p95 < GOAL_API_P95 ? "PASS" : "MISS"} (${r.api.p95.toFixed(1)} ms)  ratio ${r.api.p95 <= bound ? "PASS" : "MISS"} (${ratio.toFixed(1)}x; bound ${bound.toFixed(1)} ms)`);
  }
  if (page) console.log(`  ${"/admin/users page render".padEnd(36)} p95 ${page.p95 < GOAL_PAGE_P95 ? "PASS" : "MISS"} (${page.p95.toFixed(1)} ms)`);
  if (afterCreates) console.log(`  ${`search count after ${CREATES} creates`.padEnd(36)} p95 ${afterCreates.count.p95 < GOAL_SEARCH_COUNT ? "PASS" : "MISS"} (${afterCreates.count.p95.toFixed(1)} ms; goal < ${GOAL_SEARCH_COUNT} ms)`);
  console.log(`\nMachine: ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}. Server log: ${log}`);
}

/**
 * One change's price on the fixed cost: GET /users/{id} on two servers,
 * alternately (a quiet minute helps both alike), each round a fresh server
 * with the same warm-up. --session-cache: this build with the session cache
 * on and off; --against DIR: this build and another one (an earlier commit
 * built with NEXT_DIST_DIR=DIR), both as configured. Latency and the
 * server's CPU per request (from /proc), medians over the rounds.
 */
async function alternate(dbUrl: string, admin: { id: string; token: string }, log: string, variants: [Variant, Variant]): Promise<void> {
  const bearer = { authorization: `Bearer ${admin.token}` };
  const url = `${BASE}/api/v1/admin/users/${admin.id}`;
  const n = Math.max(N, 1000);
  const runs = variants.map(() => [] as { p50: number; p95: number; cpu: number }[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, v] of variants.entries()) {
      const child = startServer({ port: PORT, dbUrl, dist: v.dist, log, env: v.env });
      try {
        await waitUp(child, PORT, log);
        await timeSeq(async () => void (await get(url, bearer)), 300, 0);
        const c0 = cpuMs(child.pid!);
        const t = await timeSeq(async () => void (await get(url, bearer)), n, 0);
        const cpu = (cpuMs(child.pid!) - c0) / n;
        runs[i].push({ p50: t.p50, p95: t.p95, cpu });
        console.log(`  round ${round + 1}, ${v.label.padEnd(24)} p50 ${t.p50.toFixed(2)} ms  p95 ${t.p95.toFixed(2)} ms  server CPU ${cpu.toFixed(2)} ms/request`);
      } finally {
        await stopServer(child);
      }
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [a, b] = runs.map((r) => ({ p50: med(r.map((x) => x.p50)), p95: med(r.map((x) => x.p95)), cpu: med(r.map((x) => x.cpu)) }));
  const [la, lb] = variants.map((v) => v.label);
  console.log(`\nGET /users/{id}, medians of ${ROUNDS} rounds of ${n}:  ${la} p50 ${a.p50.toFixed(2)} ms, CPU ${a.cpu.toFixed(2)} ms/request;  ${lb} p50 ${b.p50.toFixed(2)} ms, CPU ${b.cpu.toFixed(2)} ms/request;  ratio p50 ${(a.p50 / b.p50).toFixed(2)}, CPU ${(a.cpu / b.cpu).toFixed(2)}`);
  console.log(`Machine: ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}. Server log: ${log}`);
}

main().catch((e) => {
  console.error(`bench:users failed: ${(e as Error).message}`);
  process.exit(1);
});
