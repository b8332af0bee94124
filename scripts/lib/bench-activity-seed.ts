// Seeds activity_logs for the activity benchmark: N rows over one year, ids
// ULIDs increasing with their timestamps (as the app writes them), a mix of
// event types and actors, in batches of 20,000 through unnest() arrays.
import { Client } from "pg";
import { monotonicFactory } from "ulid";

const TYPES: [string, number][] = [
  ["user.login", 0.55],
  ["user.logout", 0.2],
  ["user.login_failed", 0.08],
  ["user.updated", 0.08],
  ["user.created", 0.04],
  ["user.deactivated", 0.02],
  ["user.activated", 0.015],
  ["user.invitation_resent", 0.015],
];

export const YEAR_MS = 365 * 24 * 3600 * 1000;

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
}

/** Inserts `total` rows ending now; returns the first and last timestamp. */
export async function seedActivity(url: string, total: number, batch = 20_000): Promise<{ from: number; to: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const rand = rng(7);
  const next = monotonicFactory();
  const to = Date.now() - 60_000;
  const from = to - YEAR_MS;
  try {
    const users = (await c.query<{ id: string; username: string }>("SELECT id, username FROM users ORDER BY id")).rows;
    for (let start = 0; start < total; start += batch) {
      const n = Math.min(batch, total - start);
      const cols = { id: [] as string[], ts: [] as string[], uid: [] as (string | null)[], uname: [] as (string | null)[], type: [] as string[], rtype: [] as (string | null)[], rid: [] as (string | null)[], ip: [] as string[], details: [] as (string | null)[] };
      for (let i = start; i < start + n; i++) {
        const t = from + Math.floor((i / total) * YEAR_MS);
        const r = rand();
        let acc = 0;
        const type = TYPES.find(([, p]) => (acc += p) >= r)?.[0] ?? "user.login";
        const actor = users[Math.floor(rand() * users.length)];
        const target = users[Math.floor(rand() * users.length)];
        const anonymous = type === "user.login_failed";
        const self = type === "user.login" || type === "user.logout";
        cols.id.push(next(t));
        cols.ts.push(new Date(t).toISOString());
        cols.uid.push(anonymous ? null : actor.id);
        cols.uname.push(anonymous ? null : actor.username);
        cols.type.push(type);
        cols.rtype.push("user");
        cols.rid.push(self ? actor.id : target.id);
        cols.ip.push(`10.${i % 250}.${(i >> 8) % 250}.${(i >> 16) % 250}`);
        cols.details.push(
          type === "user.updated" ? JSON.stringify({ username: target.username, changed_fields: ["email", "role"] })
          : anonymous ? JSON.stringify({ username: actor.username, reason: "invalid_credentials" })
          : type === "user.created" ? JSON.stringify({ username: target.username, role: "viewer" })
          : null,
        );
      }
      await c.query(
        `INSERT INTO activity_logs (id, "timestamp", user_id, username, event_type, resource_type, resource_id, ip_address, user_agent, details)
         SELECT id, ts, uid, uname, type, rtype, rid, ip, 'bench/1.0', details::jsonb
         FROM unnest($1::varchar[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::text[])
           AS t(id, ts, uid, uname, type, rtype, rid, ip, details)`,
        [cols.id, cols.ts, cols.uid, cols.uname, cols.type, cols.rtype, cols.rid, cols.ip, cols.details],
      );
    }
    await c.query("VACUUM ANALYZE activity_logs");
  } finally {
    await c.end();
  }
  return { from, to };
}
