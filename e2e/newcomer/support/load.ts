// A burst of what many people do at once on the newcomer's setup: console
// logins (next-auth), API logins and logouts, invitation accepts (some of
// one token twice), password reset requests, console pages and API lists,
// all in flight together. Then the database is checked for what must hold.
import { expect } from "@playwright/test";
import { cookieSession } from "../../../scripts/lib/bench-measure";
import { invitationLinkIn, sqlOn, tokenOf, waitForOutput, type App } from "./app";

export const PASSWORD = "Tidal-Meadow-2026!";

type Call = { label: string; status: number; ok: boolean; body: string };

async function call(label: string, url: string, init: RequestInit, expectStatus: number[]): Promise<Call> {
  const res = await fetch(url, { redirect: "manual", ...init });
  const body = await res.text();
  return { label, status: res.status, ok: expectStatus.includes(res.status), body: body.slice(0, 300) };
}

const json = (method: string, data: unknown, token?: string): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(data),
});

/** Runs fn over items, n at a time. */
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) {
      const k = i++;
      out[k] = await fn(items[k]);
    }
  }));
  return out;
}

export async function apiLogin(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/v1/admin/login`, json("POST", { username, password }));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

export type Round = { active: string[]; pending: { username: string; token: string }[] };

/** Invites 2n users through the API; n of them accept before the burst (bcrypt at the product's cost is the slow part). */
export async function prepare(app: App, adminToken: string, tag: string, n = 16): Promise<Round> {
  const names = Array.from({ length: 2 * n }, (_, i) => `${tag}.u${i}`);
  await pool(names, 5, async (username) => {
    const res = await fetch(`${app.base}/api/v1/admin/users`, json("POST", { username, email: `${username}@example.org`, role: "editor" }, adminToken));
    expect(res.status, await res.text()).toBe(201);
  });
  const tokens = await pool(names, 10, async (u) => tokenOf(await waitForOutput(app, (out) => invitationLinkIn(out, `${u}@example.org`))));
  const active = names.slice(0, n);
  await pool(active, 4, async (username) => {
    const i = names.indexOf(username);
    const res = await fetch(`${app.base}/api/v1/accept-invitation`, json("POST", { token: tokens[i], password: PASSWORD }));
    expect(res.status, await res.text()).toBe(200);
  });
  return { active, pending: names.slice(n).map((username, i) => ({ username, token: tokens[n + i] })) };
}

/** The burst's logins, accepts and reset requests (each console login is three requests of its own). */
const AUTH_CALL = /^(console page after login|console login|api login|accept|reset) /;
/** At least this many of them are in flight together. */
export const AUTH_CALLS_MIN = 50;

/** Fires every request of the burst at once; returns every answer. */
export async function burst(app: App, round: Round, admin: { token: string; cookie: string }): Promise<Call[]> {
  const b = app.base;
  const n = round.active.length;
  const half = Math.floor(n / 2);
  const logouts = await Promise.all(round.active.slice(n - 4).map((u) => apiLogin(b, u)));
  const calls: Promise<Call>[] = [
    ...round.active.slice(0, half).map(async (u) => {
      try {
        const cookie = await cookieSession(b, u, PASSWORD);
        return call(`console page after login ${u}`, `${b}/admin`, { headers: { cookie } }, [200]);
      } catch (e) {
        return { label: `console login ${u}`, status: 0, ok: false, body: (e as Error).message };
      }
    }),
    ...round.active.slice(half).map((u) => call(`api login ${u}`, `${b}/api/v1/admin/login`, json("POST", { username: u, password: PASSWORD }), [200])),
    ...logouts.map((t) => call("api logout", `${b}/api/v1/admin/logout`, { method: "POST", headers: { authorization: `Bearer ${t}` } }, [204])),
    ...round.pending.map((p) => call(`accept ${p.username}`, `${b}/api/v1/accept-invitation`, json("POST", { token: p.token, password: PASSWORD }), [200, 400])),
    ...round.pending.slice(0, 4).map((p) => call(`accept again ${p.username}`, `${b}/api/v1/accept-invitation`, json("POST", { token: p.token, password: PASSWORD }), [200, 400])),
    ...round.active.slice(0, n - 4).map((u) => call(`reset ${u}`, `${b}/api/v1/password-reset`, json("POST", { email: `${u}@example.org` }), [202])),
    ...Array.from({ length: 4 }, (_, i) => call(`reset unknown${i}`, `${b}/api/v1/password-reset`, json("POST", { email: `nobody${i}@example.org` }), [202])),
    ...Array.from({ length: 5 }, () => call("login page", `${b}/admin/login`, {}, [200])),
    ...Array.from({ length: 10 }, () => call("dashboard", `${b}/admin`, { headers: { cookie: admin.cookie } }, [200])),
    ...Array.from({ length: 5 }, () => call("users page", `${b}/admin/users`, { headers: { cookie: admin.cookie } }, [200])),
    ...Array.from({ length: 5 }, () => call("users api", `${b}/api/v1/admin/users?limit=50`, { headers: { authorization: `Bearer ${admin.token}` } }, [200])),
    ...Array.from({ length: 5 }, () => call("activity api", `${b}/api/v1/admin/activity?limit=50`, { headers: { authorization: `Bearer ${admin.token}` } }, [200])),
  ];
  return Promise.all(calls);
}

export function expectNoFailures(calls: Call[], round: Round) {
  // 16 logins (half through the console: three requests each), 20 accepts, 16 reset requests, 4 logouts, 30 page and API loads.
  expect(calls.filter((c) => AUTH_CALL.test(c.label)).length).toBeGreaterThanOrEqual(AUTH_CALLS_MIN);
  expect(calls.length).toBeGreaterThanOrEqual(AUTH_CALLS_MIN + 30);
  expect(calls.filter((c) => c.status >= 500 || c.status === 0)).toEqual([]);
  expect(calls.filter((c) => !c.ok)).toEqual([]);
  // Each invitation is accepted exactly once, duplicates included.
  for (const p of round.pending) {
    const answers = calls.filter((c) => c.label.endsWith(` ${p.username}`) && c.label.startsWith("accept")).map((c) => c.status);
    expect(answers.filter((s) => s === 200), p.username).toHaveLength(1);
  }
}

/** What must hold in the database after any burst. */
export async function expectConsistent(dataDir: string, round: Round) {
  const q = <R = Record<string, unknown>>(sql: string, v: unknown[] = []) => sqlOn<R>(dataDir, sql, v);
  const names = [...round.active, ...round.pending.map((p) => p.username)];
  const users = await q<{ username: string; status: string; has_pw: boolean }>(`SELECT username, status, password_hash IS NOT NULL AS has_pw FROM users WHERE username = ANY($1)`, [names]);
  expect(users).toHaveLength(names.length);
  expect(users.filter((u) => u.status !== "active" || !u.has_pw)).toEqual([]);
  expect(await q(`SELECT user_id FROM invitations WHERE used_at IS NOT NULL GROUP BY user_id HAVING count(*) > 1`)).toEqual([]);
  expect(await q(`SELECT u.username FROM users u JOIN invitations i ON i.user_id = u.id WHERE i.used_at IS NOT NULL AND u.status = 'pending'`)).toEqual([]);
  expect(await q(`SELECT u.username FROM users u WHERE u.status = 'active' AND u.role <> 'admin' AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = u.id AND i.used_at IS NOT NULL)`)).toEqual([]);
  const accepted = await q<{ n: string }>(
    `SELECT count(*) AS n FROM activity_logs a JOIN users u ON u.id = a.resource_id WHERE a.event_type = 'user.invitation_accepted' AND u.username = ANY($1)`,
    [names],
  );
  expect(Number(accepted[0].n)).toBe(names.length);
  expect(await q(`SELECT user_id FROM password_resets WHERE used_at IS NULL AND superseded_at IS NULL GROUP BY user_id HAVING count(*) > 1`)).toEqual([]);
  // The trigger-kept totals equal a full count.
  const drift = await q(
    `SELECT c.role, c.status, c.n, (SELECT count(*) FROM users u WHERE u.role = c.role AND u.status = c.status AND u.deleted_at IS NULL) AS actual
     FROM user_counts c WHERE c.n <> (SELECT count(*) FROM users u WHERE u.role = c.role AND u.status = c.status AND u.deleted_at IS NULL)`,
  );
  expect(drift).toEqual([]);
  // Nothing left half-done in the server: no transaction open, no advisory lock held.
  expect(await q(`SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`)).toEqual([]);
  expect(await q(`SELECT pid, objid FROM pg_locks WHERE locktype = 'advisory'`)).toEqual([]);
}
