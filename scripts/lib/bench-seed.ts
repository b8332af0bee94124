// Seeds the benchmark database: a fresh PostgreSQL database with N users of
// mixed roles and statuses (ids are ULIDs increasing with created_at, as the
// app makes them), open invitations for the pending ones, one admin with a
// known password and one API token. Inserts go through unnest() arrays in
// batches of 10,000 rows.
import bcrypt from "bcryptjs";
import { createHash, randomBytes } from "node:crypto";
import { Client } from "pg";
import { monotonicFactory, ulid } from "ulid";

const FIRST = ["ada", "ben", "carla", "dmitri", "elena", "farah", "gus", "hana", "ivan", "jane", "kofi", "lena", "marco", "nina", "omar", "priya", "quinn", "rosa", "sami", "tara", "uma", "victor", "wen", "xena", "yusuf", "zoe", "alex", "bea", "chen", "dora", "emil", "fatima", "georg", "hugo", "ines", "jonas", "kim", "luis", "mei", "nils"];
const LAST = ["smith", "garcia", "tremblay", "nguyen", "okafor", "lindqvist", "rossi", "kowalski", "haddad", "murphy", "silva", "yamamoto", "novak", "dubois", "schmidt", "ivanova", "patel", "cohen", "martin", "larsen", "fischer", "moreau", "santos", "kim", "walker", "bauer", "costa", "meyer", "lopez", "young", "khan", "reid", "holm", "petrov", "brown", "wright", "keller", "ortiz", "sato", "berg"];

export const BENCH_PASSWORD = "Bench-Password-2026!";
export const BENCH_ADMIN = "bench_admin";
/** A surname fragment: matches about 1 user in 40 (the trigram index's job). */
export const SEARCH_TERM = "lindq";

/** A small seeded PRNG, so every run builds the same data set. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

type Mix = { admins: number; editors: number; pending: number; inactive: number; deleted: number };
export const MIX: Mix = { admins: 0.05, editors: 0.25, pending: 0.1, inactive: 0.15, deleted: 0.03 };

export async function seedUsers(url: string, total: number, batch = 10_000): Promise<{ pending: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const rand = mulberry32(42);
  const next = monotonicFactory();
  const hash = await bcrypt.hash(BENCH_PASSWORD, 4); // the seeded users never log in: cost 4 keeps seeding fast
  const span = 2 * 365 * 24 * 3600 * 1000;
  const start = Date.now() - span - 60_000;
  let pending = 0;
  try {
    for (let from = 0; from < total; from += batch) {
      const n = Math.min(batch, total - from);
      const cols = { id: [] as string[], username: [] as string[], email: [] as string[], role: [] as string[], status: [] as string[], hash: [] as (string | null)[], created: [] as string[], login: [] as (string | null)[], deleted: [] as (string | null)[] };
      const inv = { id: [] as string[], user: [] as string[], token: [] as string[], expires: [] as string[], created: [] as string[] };
      for (let i = from; i < from + n; i++) {
        const t = start + Math.floor((i / total) * span);
        const id = next(t);
        const r = rand();
        const role = r < MIX.admins ? "admin" : r < MIX.admins + MIX.editors ? "editor" : "viewer";
        const s = rand();
        const status = s < MIX.pending ? "pending" : s < MIX.pending + MIX.inactive ? "inactive" : "active";
        const username = `${FIRST[Math.floor(rand() * FIRST.length)]}.${LAST[Math.floor(rand() * LAST.length)]}${i}`;
        const created = new Date(t).toISOString();
        cols.id.push(id);
        cols.username.push(username);
        cols.email.push(`${username}@example.org`);
        cols.role.push(role);
        cols.status.push(status);
        cols.hash.push(status === "pending" ? null : hash);
        cols.created.push(created);
        cols.login.push(status === "active" ? new Date(t + rand() * (Date.now() - t)).toISOString() : null);
        cols.deleted.push(rand() < MIX.deleted ? new Date(t + 86_400_000).toISOString() : null);
        if (status === "pending") {
          pending++;
          inv.id.push(next(t));
          inv.user.push(id);
          inv.token.push(randomBytes(32).toString("hex"));
          inv.expires.push(new Date(t + 7 * 86_400_000).toISOString());
          inv.created.push(created);
        }
      }
      await c.query(
        `INSERT INTO users (id, username, email, role, status, password_hash, created_at, updated_at, last_login_at, deleted_at, welcomed_at)
         SELECT id, username, email, role, status, hash, created, created, login, deleted, login
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::"UserStatus"[], $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
           AS t(id, username, email, role, status, hash, created, login, deleted)`,
        [cols.id, cols.username, cols.email, cols.role, cols.status, cols.hash, cols.created, cols.login, cols.deleted],
      );
      if (inv.id.length) {
        await c.query(
          `INSERT INTO invitations (id, user_id, token_hash, expires_at, delivery_status, sent_at, created_at)
           SELECT id, uid, tok, exp, 'sent', cr, cr FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::timestamptz[]) AS t(id, uid, tok, exp, cr)`,
          [inv.id, inv.user, inv.token, inv.expires, inv.created],
        );
      }
    }
    // A live table has been vacuumed by autovacuum; without the visibility map
    // the planner cannot use index-only scans for the counts.
    await c.query("VACUUM ANALYZE");
  } finally {
    await c.end();
  }
  return { pending };
}

/** The newest user: an active admin with a known password and a bearer token. */
export async function seedAdmin(url: string): Promise<{ id: string; token: string }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const id = ulid();
    const token = randomBytes(32).toString("base64url");
    await c.query(
      `INSERT INTO users (id, username, email, role, status, password_hash, updated_at, welcomed_at) VALUES ($1, $2, $3, 'admin', 'active', $4, now(), now())`,
      [id, BENCH_ADMIN, `${BENCH_ADMIN}@example.org`, await bcrypt.hash(BENCH_PASSWORD, 12)], // the app's cost, so timed logins are real
    );
    await c.query(`INSERT INTO sessions (id, user_id, kind, token_hash, expires_at) VALUES ($1, $2, 'api', $3, now() + interval '1 day')`, [
      ulid(),
      id,
      createHash("sha256").update(token).digest("hex"),
    ]);
    return { id, token };
  } finally {
    await c.end();
  }
}
