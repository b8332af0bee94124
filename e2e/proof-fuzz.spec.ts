// Malformed input over HTTP: fast-check generates requests to every page and
// route method found in app/ (wrong types, missing and extra fields, huge and
// hostile strings, NUL bytes, lone surrogates, invalid ULIDs, bad query
// parameters and cursors, non-JSON, deeply nested and oversized bodies, junk
// credentials) and sends them to the built app on a database of its own.
// Goals: no answer >= 500 (nor a page showing the error boundary), API errors
// in problem+json, and the business tables unchanged afterwards
// (tests/proof/db-snapshot.ts says what is left out and why).
// PROOF_SEED (a number or "random") and PROOF_RUNS (default 1000) pick the run.
import fc from "fast-check";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { Pool } from "pg";
import { ulid } from "ulid";
import { httpRow } from "../tests/proof/access-table";
import { changedTables, snapshotDb } from "../tests/proof/db-snapshot";
import { scanDoors } from "../tests/proof/doors";
import { headerText, recordExchange, writeFigures } from "../tests/proof/report";
import { recreateDatabase } from "../scripts/lib/bench-seed";
import { migrateDatabase, startApp, type AppInstance } from "./support/app-instance";
import { E2E_DB_NAME } from "./support/config";
import { cookieLogin } from "./support/credentials";
import { requestsFor, sendFuzz, shareRuns, type FuzzRequest } from "./support/fuzz-requests";
import { expect, PASSWORD, test } from "./support/fixtures";
import bcrypt from "bcryptjs";

const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const seedEnv = process.env.PROOF_SEED;
const SEED = !seedEnv ? 20260212 : seedEnv === "random" ? randomInt(2 ** 31) : Number(seedEnv);
const RUNS = Number(process.env.PROOF_RUNS || 1000);
// Responses kept for the secrets scan (the rest are checked here and dropped).
const KEEP = 1500;

const ERROR_PAGE = "The page could not be shown";

let app: AppInstance | undefined;
let pool: Pool | undefined;
test.afterAll(async () => {
  await app?.stop();
  await pool?.end();
});

/** A node with something in every table: users in each state, open and dead links, activity. */
async function seed(p: Pool): Promise<{ adminId: string; username: string; token: string; userIds: string[] }> {
  const hash = await bcrypt.hash(PASSWORD, 4);
  const ids: string[] = [];
  const add = async (username: string, role: string, status: string) => {
    const id = ulid();
    await p.query(`INSERT INTO users (id, username, email, role, status, password_hash, updated_at, welcomed_at) VALUES ($1,$2,$3,$4,$5,$6,now(),now())`, [
      id,
      username,
      `${username}@example.org`,
      role,
      status,
      status === "pending" ? null : hash,
    ]);
    ids.push(id);
    return id;
  };
  const adminId = await add("fuzzadmin", "admin", "active");
  await add("second.admin", "admin", "active");
  for (const role of ["editor", "viewer"]) for (const status of ["active", "inactive", "pending"]) await add(`${role}-${status}`, role, status);
  const gone = await add("gone", "viewer", "active");
  await p.query(`UPDATE users SET deleted_at = now() WHERE id = $1`, [gone]);
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  for (const id of ids.slice(2)) {
    await p.query(`INSERT INTO invitations (id, user_id, token_hash, expires_at, delivery_status, sent_at) VALUES ($1,$2,$3,now() + interval '7 days','sent',now())`, [ulid(), id, sha(randomBytes(32).toString("base64url"))]);
    await p.query(`INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES ($1,$2,$3,now() + interval '1 hour')`, [ulid(), id, sha(randomBytes(32).toString("base64url"))]);
  }
  for (let i = 0; i < 60; i++) {
    await p.query(`INSERT INTO activity_logs (id, user_id, username, event_type, resource_type, resource_id, ip_address, details) VALUES ($1,$2,'fuzzadmin','user.updated','user',$3,'127.0.0.1',$4)`, [
      ulid(),
      adminId,
      ids[i % ids.length],
      JSON.stringify({ changed_fields: ["role"] }),
    ]);
  }
  const token = randomBytes(32).toString("base64url");
  await p.query(`INSERT INTO sessions (id, user_id, kind, token_hash, expires_at) VALUES ($1,$2,'api',$3,now() + interval '12 hours')`, [ulid(), adminId, sha(token)]);
  return { adminId, username: "fuzzadmin", token, userIds: ids };
}

test("malformed requests to every door: no 5xx, API errors as problem+json, business tables unchanged", async () => {
  test.setTimeout(Math.max(300_000, RUNS * 600));
  const url = await recreateDatabase(ADMIN_URL, `${E2E_DB_NAME}_fuzz`);
  migrateDatabase(url);
  pool = new Pool({ connectionString: url, max: 2 });
  const s = await seed(pool);
  // Limits high enough that the input reaches the parsers (the limits have their own tests).
  app = await startApp({
    name: "proof-fuzz",
    databaseUrl: url,
    env: { RATE_LIMIT_API_PER_MINUTE: "1000000", RATE_LIMIT_LOGIN_PER_MINUTE: "1000000", RATE_LIMIT_PUBLIC_PER_MINUTE: "1000000" },
  });
  const cookie = await cookieLogin(app.base, s.username);
  const doors = scanDoors().doors.filter((d) => d.kind !== "action");
  const notAllowed = (d: (typeof doors)[number]) => httpRow(d.key)?.admin === 405;
  const q = (sql: string) => pool!.query(sql).then((r) => r.rows);
  const before = await snapshotDb(q);

  const statuses: Record<string, number> = {};
  const perDoor: Record<string, number> = {};
  const failures: string[] = [];
  let sent = 0;
  const check = async (r: FuzzRequest) => {
    const res = await sendFuzz(app!.base, r).catch((e: Error) => {
      const { exitCode, signalCode } = app!.child;
      throw new Error(`${e.message} (${(e.cause as Error)?.message ?? "no cause"}); app ${exitCode === null && signalCode === null ? "still running" : `exited: ${exitCode ?? signalCode}`}`);
    });
    const body = await res.text();
    sent += 1;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    perDoor[r.door] = (perDoor[r.door] ?? 0) + 1;
    if (sent <= KEEP) {
      const bodyText = typeof r.body?.data === "string" ? r.body.data.slice(0, 4096) : "";
      recordExchange("fuzz", { source: `fuzz ${r.door}`, sent: `${r.path}\n${JSON.stringify(r.headers)}\n${bodyText}`, status: res.status, headers: headerText(res), body: body.slice(0, 200_000) });
    }
    const what = `${r.method} ${r.path.slice(0, 200)} [${r.body?.label ?? "no body"}] -> ${res.status} ${body.slice(0, 200)}`;
    if (res.status >= 500) throw new Error(`server error: ${what}`);
    if (res.status === 200 && (res.headers.get("content-type") ?? "").includes("text/html") && body.includes(ERROR_PAGE)) throw new Error(`error page: ${what}`);
    // 431: Node's HTTP parser refuses an oversized request line before the app sees it.
    // The path as the server sees it: fetch resolves dot segments (%2e%2e) first.
    const apiPath = new URL(app!.base + r.path).pathname.startsWith("/api/v1/");
    if (apiPath && res.status >= 400 && res.status !== 431 && !(res.headers.get("content-type") ?? "").includes("application/problem+json")) throw new Error(`not problem+json: ${what}`);
  };

  const started = Date.now();
  const keys = { token: s.token, cookie, userIds: s.userIds };
  for (const [i, { door, runs }] of shareRuns(doors, RUNS, notAllowed).entries()) {
    const result = await fc.check(fc.asyncProperty(requestsFor(door, keys), check), { seed: SEED + i, numRuns: runs, endOnFailure: true });
    if (result.failed) failures.push(`${door.key}: ${String(result.errorInstance)}\n${fc.defaultReportMessage(result)}`);
  }
  const after = await snapshotDb(q);
  const changed = changedTables(before, after);
  const unreached = doors.filter((d) => !perDoor[d.key]).map((d) => d.key);
  writeFigures("fuzz-http", {
    seed: SEED,
    runs: RUNS,
    requestsSent: sent,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    doors: doors.length,
    unreachedDoors: unreached,
    statuses,
    serverErrors: Object.entries(statuses).filter(([k]) => Number(k) >= 500).reduce((n, [, v]) => n + v, 0),
    tablesCompared: Object.keys(before).length,
    tablesChanged: changed,
    failures,
  });
  console.log(`malformed input (HTTP): seed ${SEED}, ${sent} requests over ${doors.length} doors, statuses ${JSON.stringify(statuses)}, tables changed: ${changed.length}`);
  expect(failures).toEqual([]);
  expect(unreached).toEqual([]);
  expect(changed).toEqual([]);
});
