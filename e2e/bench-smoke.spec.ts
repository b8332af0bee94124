import { test, expect } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { DIST_DIR, E2E_DB_NAME, E2E_PORT } from "./support/config";

// The benchmark and load commands at a tiny scale against the build under
// test: they must run to the end and print their tables. Timings are the
// machine's business, never a test's: nothing here checks a number.

function run(script: string, args: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", script, ...args], {
    env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", ...env },
    encoding: "utf8",
    timeout: 240_000,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  expect(r.status, out).toBe(0);
  return out;
}

test.describe.configure({ timeout: 300_000 });

test("npm run stress:mixed -- --smoke serves the mix without errors", () => {
  const out = run("scripts/stress-mixed.ts", ["--smoke"], { STRESS_PORT: String(E2E_PORT + 20), STRESS_DB_NAME: `${E2E_DB_NAME}_stress` });
  expect(out).toMatch(/20 req\/s offered for 3 s .*: served [\d.]+ req\/s, \d+ ok, 0 errors/);
  for (const kind of ["list", "filter", "search", "get", "update", "create"]) expect(out).toContain(`  ${kind} `);
  expect(out).toMatch(/server CPU \d+ % of a core/);
});

test("npm run bench:activity -- --smoke times every filter and exports every row", () => {
  const out = run("scripts/bench-activity.ts", ["--smoke"], { BENCH_PORT: String(E2E_PORT + 21), BENCH_ACTIVITY_DB_NAME: `${E2E_DB_NAME}_bench_activity` });
  for (const s of ["no filter", "event_type=user.updated", "user_id (busiest user)", "one month", "all combined", "deep page", "/admin/activity page render"]) expect(out).toContain(s);
  // Every row: the seeded ones and those the chain's action rounds wrote, as many as psql \copy reads.
  const exported = /CSV export: ([\d,]+) rows in/.exec(out)?.[1];
  expect(exported).toMatch(/^2\d,\d{3}$/);
  expect(out).toContain(`psql \\copy: ${exported} rows`);
  // The activity chain's figures: verify's rate over every seeded row, the cost on bare writes and on API actions.
  expect(out).toMatch(/audit:verify walked 20,0\d\d rows in [\d.]+ s = [\d,]+ rows\/s/);
  expect(out).toMatch(/with the chain [\d,]+ tx\/s, without [\d,]+ tx\/s: the chain costs -?[\d.]+%/);
  expect(out).toMatch(/API actions .* with the chain [\d,]+ actions\/s, without [\d,]+ actions\/s: the chain costs -?[\d.]+%/);
  expect(out).not.toMatch(/actions\/s: the chain costs -?[\d.]+%, \d+ errors/);
});

test("npm run bench:users at a small scale", () => {
  const out = run("scripts/bench-users.ts", [], { BENCH_PORT: String(E2E_PORT + 22), BENCH_DB_NAME: `${E2E_DB_NAME}_bench_users`, BENCH_USERS: "3000", BENCH_REQUESTS: "10", BENCH_WARMUP: "2", BENCH_CREATES: "40" });
  expect(out).toContain("fixed cost: GET /users/{id}");
  expect(out).toContain("/admin/users page render");
  expect(out).toMatch(/Search under writes: 40 users created through the API in [\d.]+ s/);
  expect(out).toMatch(/search count SQL, after +[\d.]+ +[\d.]+ +[\d.]+/);
});
