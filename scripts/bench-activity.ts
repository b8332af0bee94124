// npm run bench:activity — the activity log at 1,000,000 rows.
//
// Builds a separate database (BENCH_ACTIVITY_DB_NAME, default
// sel_admin_bench_activity, dropped and recreated) with 10,000 users and
// 1,000,000 activity rows over one year, starts the product's server from an
// EXISTING build (NEXT_DIST_DIR) on BENCH_PORT and times, one request after
// another: GET /api/v1/admin/activity with each filter (none, type, user, a
// one-month range, all combined, a page 40 deep) against the same SQL on a
// bare pg pool, the /admin/activity page, and the CSV export of every row
// (rows/s and the server's peak RSS growth) against `psql \copy` of the same
// rows. See docs/PERFORMANCE.md. --smoke: 20,000 rows, 20 requests each.
import { spawnSync } from "node:child_process";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Pool } from "pg";
import { filterConds, pageStatement } from "@/lib/server/activity/query";
import { cookieSession, get, timeSeq, type Stats } from "./lib/bench-measure";
import { seedActivity, YEAR_MS } from "./lib/bench-activity-seed";
import { BENCH_ADMIN, BENCH_PASSWORD, recreateDatabase, seedAdmin, seedUsers } from "./lib/bench-seed";
import { assertBuilt, startServer, stopServer, waitUp } from "./lib/bench-server";
import { benchActions, benchAppends, benchVerify, type AppendFigures } from "./lib/bench-chain";
import { Meter, processTree } from "./lib/proc-stats";

const SMOKE = process.argv.includes("--smoke");
const CHAIN_ONLY = process.argv.includes("--chain-only");
const ROWS = Number(process.env.BENCH_ACTIVITY_ROWS || (SMOKE ? 20_000 : 1_000_000));
const N = Number(process.env.BENCH_REQUESTS || (SMOKE ? 20 : 300));
const WARM = Number(process.env.BENCH_WARMUP || (SMOKE ? 3 : 30));
const PORT = Number(process.env.BENCH_PORT || 3297);
const DB_NAME = process.env.BENCH_ACTIVITY_DB_NAME || "sel_admin_bench_activity";
const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const DIST = process.env.NEXT_DIST_DIR || ".next";
const BASE = `http://127.0.0.1:${PORT}`;
const DEEP = 40;
// The export: at least 150,000 rows/s and within 2x of psql \copy of the same rows (copyRatio).
const GOAL = { p95: 25, ratio: 2, exportRate: 150_000, copyRatio: 0.5, rss: 64, page: 25, chainCost: 0.1, verifyRate: 200_000 };
const APPEND_SECONDS = Number(process.env.BENCH_APPEND_SECONDS || (SMOKE ? 2 : 10));

type Q = Record<string, string>;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (x: number) => x.toFixed(1).padStart(7);

/** The page's SQL as listActivity sends it (the same statement, named): 51 rows newest first, each with whether its actor was deleted. */
async function sqlPage(pool: Pool, q: Q, afterId?: string): Promise<void> {
  const values: unknown[] = [];
  const conds = filterConds(q, values);
  await pool.query(pageStatement(conds, values, { ...(afterId && { id: { lt: afterId } }), order: "desc", take: 51 }));
}

/**
 * One export, read the way psql reads its COPY: node:http, and the newlines
 * counted with Buffer#indexOf (native) rather than a JavaScript loop over
 * every byte, so the client takes as little of the two cores as it can.
 */
async function exportOnce(bearer: Record<string, string>, pid: number): Promise<{ rows: number; seconds: number; rssGrowth: number }> {
  const meter = new Meter(() => processTree(pid));
  const t = performance.now();
  const lines = await new Promise<number>((resolve, reject) => {
    http
      .get(`${BASE}/api/v1/admin/activity/export.csv`, { headers: bearer }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`export -> ${res.statusCode}`));
        }
        let n = 0;
        res.on("data", (chunk: Buffer) => {
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
        });
        res.on("end", () => resolve(n));
        res.on("error", reject);
      })
      .on("error", reject);
  });
  const seconds = (performance.now() - t) / 1000;
  const m = meter.stop();
  // Quoted newlines inside Details would count double; the seed writes none.
  return { rows: lines - 1, seconds, rssGrowth: m.rssGrowth };
}

function psqlCopy(dbUrl: string): { seconds: number } {
  const select = `SELECT to_char(a."timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), CASE WHEN u.deleted_at IS NOT NULL THEN '[Deleted User]' ELSE a.username END, a.event_type, a.resource_type, a.resource_id, a.ip_address, a.details FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC`;
  const t = performance.now();
  const r = spawnSync("psql", [dbUrl, "-q", "-c", `\\copy (${select}) TO '/dev/null' WITH CSV HEADER`], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
  return { seconds: (performance.now() - t) / 1000 };
}

const rate = (x: number) => Math.round(x).toLocaleString("en");
const costLine = (label: string, unit: string, a: AppendFigures) =>
  `${label}, ${a.writers} at once, 2 x ${a.seconds} s per mode: with the chain ${rate(a.withChain)} ${unit}, without ${rate(a.withoutChain)} ${unit}: the chain costs ${(a.cost * 100).toFixed(1)}%`;

/** The verifier's rate and the chain's cost on the bare database work of an action (no server needed). */
async function chainFigures(dbUrl: string) {
  const v = await benchVerify(dbUrl);
  console.log(`\nActivity chain: audit:verify walked ${v.rows.toLocaleString("en")} rows in ${v.seconds.toFixed(2)} s = ${rate(v.rate)} rows/s`);
  const a = await benchAppends(dbUrl, { seconds: APPEND_SECONDS });
  console.log(costLine("Database work of an action (update a user + its activity row, commit; writers)", "tx/s", a));
  console.log(`  verify >= ${rate(GOAL.verifyRate)} rows/s: ${v.rate >= GOAL.verifyRate ? "PASS" : "MISS"} (${rate(v.rate)} rows/s); load average ${os.loadavg()[0].toFixed(2)}\n`);
}

/** The chain's cost on the product's actions through the API (the goal's figure). */
async function actionFigures(bearer: Record<string, string>, dbUrl: string) {
  const a = await benchActions(BASE, bearer, dbUrl, { seconds: APPEND_SECONDS });
  console.log(costLine("API actions (PUT /api/v1/admin/users/{id} changing a role; clients)", "actions/s", a) + (a.errors ? `, ${a.errors} errors` : ""));
  console.log(`  chain cost < ${GOAL.chainCost * 100}% of action throughput: ${a.cost < GOAL.chainCost && !a.errors ? "PASS" : "MISS"} (${(a.cost * 100).toFixed(1)}%); load average ${os.loadavg()[0].toFixed(2)}\n`);
}

async function main() {
  if (!CHAIN_ONLY) assertBuilt(DIST);
  console.log(`Database ${DB_NAME}: recreating, 10,000 users and ${ROWS.toLocaleString("en")} activity rows...`);
  const t0 = Date.now();
  const dbUrl = await recreateDatabase(ADMIN_URL, DB_NAME);
  const { migrate } = await import("@/lib/server/migrate");
  await migrate(dbUrl);
  await seedUsers(dbUrl, SMOKE ? 500 : 10_000);
  const admin = await seedAdmin(dbUrl);
  const span = await seedActivity(dbUrl, ROWS);
  console.log(`Seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
  await chainFigures(dbUrl);
  if (CHAIN_ONLY) return;

  const pool = new Pool({ connectionString: dbUrl, max: 4 });
  // A busy user (about 1 row in 5,000) and a month in the middle of the year.
  const busy = (await pool.query<{ user_id: string }>("SELECT user_id FROM activity_logs WHERE user_id IS NOT NULL GROUP BY user_id ORDER BY count(*) DESC LIMIT 1")).rows[0].user_id;
  const mid = span.from + YEAR_MS / 2;
  const month = { start_date: day(mid), end_date: day(mid + 30 * 86_400_000) };
  const scenarios: [string, Q][] = [
    ["no filter", {}],
    ["event_type=user.updated", { event_type: "user.updated" }],
    ["user_id (busiest user)", { user_id: busy }],
    [`one month (${month.start_date}..${month.end_date})`, month],
    ["all combined (user, type, month)", { user_id: busy, event_type: "user.login", ...month }],
  ];

  const log = path.join(os.tmpdir(), `sel-bench-activity-${PORT}.log`);
  const server = startServer({ port: PORT, dbUrl, dist: DIST, log });
  const bearer = { authorization: `Bearer ${admin.token}` };
  const rows: { name: string; api: Stats; sql: Stats }[] = [];
  let page: Stats | null = null;
  let exp: { rows: number; seconds: number; rssGrowth: number } | null = null;
  let copy: { seconds: number } | null = null;
  let total = ROWS;
  try {
    await waitUp(server, PORT, log);
    await actionFigures(bearer, dbUrl);
    console.log(`Server (${DIST}) up on ${BASE}; ${WARM} warm-up + ${N} timed requests each, sequential.\n`);
    for (const [name, q] of scenarios) {
      const url = `${BASE}/api/v1/admin/activity?${new URLSearchParams(q)}`;
      rows.push({ name, api: await timeSeq(async () => void (await get(url, bearer)), N, WARM), sql: await timeSeq(() => sqlPage(pool, q), N, WARM) });
    }
    let cursor = "";
    for (let i = 0; i < DEEP; i++) cursor = JSON.parse(await get(`${BASE}/api/v1/admin/activity${cursor ? `?after=${cursor}` : ""}`, bearer)).next_cursor;
    const afterId = Buffer.from(cursor, "base64url").toString().slice(2);
    rows.push({
      name: `deep page (${DEEP} x 50 in)`,
      api: await timeSeq(async () => void (await get(`${BASE}/api/v1/admin/activity?after=${cursor}`, bearer)), N, WARM),
      sql: await timeSeq(() => sqlPage(pool, {}, afterId), N, WARM),
    });

    const cookie = await cookieSession(BASE, BENCH_ADMIN, BENCH_PASSWORD);
    page = await timeSeq(async () => void (await get(`${BASE}/admin/activity`, { cookie })), Math.min(N, 200), WARM);

    total = Number((await pool.query("SELECT count(*) AS n FROM activity_logs")).rows[0].n);
    console.log(`Export of every row (${total.toLocaleString("en")}): server, then psql \\copy of the same SELECT...`);
    const runs = [];
    for (let i = 0; i < (SMOKE ? 1 : 3); i++) runs.push(await exportOnce(bearer, server.pid!));
    runs.sort((a, b) => a.seconds - b.seconds);
    exp = { ...runs[Math.floor(runs.length / 2)], rssGrowth: Math.max(...runs.map((r) => r.rssGrowth)) };
    const copies = [];
    for (let i = 0; i < (SMOKE ? 1 : 3); i++) copies.push(psqlCopy(dbUrl));
    copy = copies.sort((a, b) => a.seconds - b.seconds)[Math.floor(copies.length / 2)];
  } finally {
    await stopServer(server);
    await pool.end();
  }

  console.log("\nGET /api/v1/admin/activity (ms)          API p50   p95     p99 |  SQL p50   p95     p99 | p95 ratio");
  for (const r of rows) console.log(`${r.name.padEnd(38)} ${ms(r.api.p50)} ${ms(r.api.p95)} ${ms(r.api.p99)} | ${ms(r.sql.p50)} ${ms(r.sql.p95)} ${ms(r.sql.p99)} | ${(r.api.p95 / r.sql.p95).toFixed(1).padStart(5)}x`);
  if (page) console.log(`${"/admin/activity page render (HTML)".padEnd(38)} ${ms(page.p50)} ${ms(page.p95)} ${ms(page.p99)}`);
  const rate = exp!.rows / exp!.seconds;
  const copyRate = total / copy!.seconds;
  console.log(`\nCSV export: ${exp!.rows.toLocaleString("en")} rows in ${exp!.seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString("en")} rows/s (median of runs); server RSS growth peak ${exp!.rssGrowth.toFixed(0)} MB`);
  console.log(`psql \\copy: ${total.toLocaleString("en")} rows in ${copy!.seconds.toFixed(2)} s = ${Math.round(copyRate).toLocaleString("en")} rows/s; export/copy ${(rate / copyRate).toFixed(2)}`);

  console.log(`\nGoals: page p95 < ${GOAL.p95} ms and within ${GOAL.ratio}x of SQL; /admin/activity p95 < ${GOAL.page} ms; export >= ${GOAL.exportRate.toLocaleString("en")} rows/s and within 2x of psql \\copy, with RSS growth < ${GOAL.rss} MB.`);
  for (const r of rows) {
    const ratio = r.api.p95 / r.sql.p95;
    console.log(`  ${r.name.padEnd(36)} p95 ${r.api.p95 < GOAL.p95 ? "PASS" : "MISS"} (${r.api.p95.toFixed(1)} ms)  ratio ${ratio <= GOAL.ratio ? "PASS" : "MISS"} (${ratio.toFixed(1)}x)`);
  }
  if (page) console.log(`  ${"/admin/activity page render".padEnd(36)} p95 ${page.p95 < GOAL.page ? "PASS" : "MISS"} (${page.p95.toFixed(1)} ms)`);
  const vsCopy = rate / copyRate;
  console.log(`  ${"CSV export".padEnd(36)} rate ${rate >= GOAL.exportRate && vsCopy >= GOAL.copyRatio ? "PASS" : "MISS"} (${Math.round(rate).toLocaleString("en")} rows/s, ${vsCopy.toFixed(2)} of \\copy)  RSS ${exp!.rssGrowth < GOAL.rss ? "PASS" : "MISS"} (+${exp!.rssGrowth.toFixed(0)} MB)`);
  console.log(`\nMachine: ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)}. Server log: ${log}`);
  if (exp!.rows !== total) throw new Error(`the export had ${exp!.rows} rows, not ${total}`);
}

main().catch((e) => {
  console.error(`bench:activity failed: ${(e as Error).message}`);
  process.exit(1);
});
