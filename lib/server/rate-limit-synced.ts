import "server-only";
import type { Pool } from "pg";

// The per-user API limit is counted on every authenticated request, so a
// write to PostgreSQL each time was a large share of the fixed cost (and of
// PostgreSQL's CPU). Here each instance counts in memory and adds its count
// to the shared row (rate-limiter-flexible's rate_limits layout, so login and
// public limits share the table and the housekeeping) in batches:
//
// - the first request of a user's window on an instance waits for the shared
//   count (one write per user per minute);
// - after that the instance syncs in the background at least every second,
//   and synchronously as soon as its unsynced hits reach a quarter of what it
//   last saw left, so near the limit every hit is synced (exact);
// - a user over the limit is refused from memory until the window ends.
//
// Worst case with N instances: each can admit up to a quarter of the budget
// it last saw left before it syncs, so a window can overshoot by at most
// (N - 4) / 4 of the limit when N > 4, and by the hits in flight at the same
// instant (at most N - 1) otherwise. The login and public limits guard against
// guessing and stay exact in the database (lib/server/rate-limit.ts).

export type Decision = { allowed: boolean; remaining: number; resetMs: number; limit: number };

type Slot = { known: number; expire: number; unsynced: number; lastSync: number; syncing: Promise<void> | null };

const SYNC_EVERY_MS = 1_000;
const MAX_KEYS = 50_000;

const UPSERT = {
  name: "sel-rate-synced",
  text: `INSERT INTO rate_limits (key, points, expire) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET
           points = CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire > $4 THEN rate_limits.points + EXCLUDED.points ELSE EXCLUDED.points END,
           expire = CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire > $4 THEN rate_limits.expire ELSE EXCLUDED.expire END
         RETURNING points, expire`,
};

export class SyncedLimiter {
  private slots = new Map<string, Slot>();

  constructor(
    private readonly pool: () => Pool,
    private readonly prefix: string,
    private readonly points: () => number,
    private readonly durationMs = 60_000,
  ) {}

  async consume(rawKey: string): Promise<Decision> {
    const key = `${this.prefix}:${rawKey}`;
    const now = Date.now();
    let s = this.slots.get(key);
    if (!s || s.expire <= now) {
      if (this.slots.size >= MAX_KEYS) this.flushAndForget();
      s = { known: 0, expire: 0, unsynced: 1, lastSync: 0, syncing: null };
      this.slots.set(key, s);
      await this.sync(key, s);
      return this.decide(s, true);
    }
    if (s.syncing) await s.syncing;
    const limit = this.points();
    if (s.known + s.unsynced >= limit) return this.decide(s, false);
    s.unsynced++;
    const threshold = Math.max(1, Math.floor((limit - s.known) / 4));
    if (s.unsynced >= threshold) await this.sync(key, s);
    else if (now - s.lastSync >= SYNC_EVERY_MS) void this.sync(key, s).catch(() => undefined);
    return this.decide(s, true);
  }

  /** The state of a key without counting (X-RateLimit-* of a refused request). */
  peek(rawKey: string): Decision {
    const s = this.slots.get(`${this.prefix}:${rawKey}`);
    if (!s || s.expire <= Date.now()) return { allowed: true, remaining: this.points(), resetMs: this.durationMs, limit: this.points() };
    return this.decide(s, true);
  }

  /** Writes every unsynced count now (tests; a clean shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.slots].map(([key, s]) => (s.unsynced ? this.sync(key, s) : undefined)));
  }

  private decide(s: Slot, allowed: boolean): Decision {
    const limit = this.points();
    // The hit that crossed the limit was counted by the shared row, then refused.
    const over = s.known + s.unsynced > limit;
    return { allowed: allowed && !over, remaining: Math.max(0, limit - s.known - s.unsynced), resetMs: Math.max(0, s.expire - Date.now()), limit };
  }

  private sync(key: string, s: Slot): Promise<void> {
    if (s.syncing) return s.syncing.then(() => (s.unsynced ? this.sync(key, s) : undefined));
    const delta = s.unsynced;
    s.unsynced = 0;
    const now = Date.now();
    s.syncing = this.pool()
      .query<{ points: number; expire: string | null }>({ ...UPSERT, values: [key, delta, now + this.durationMs, now] })
      .then(({ rows }) => {
        s.known = rows[0].points;
        s.expire = rows[0].expire === null ? Number.MAX_SAFE_INTEGER : Number(rows[0].expire);
        s.lastSync = Date.now();
      })
      .catch((e: unknown) => {
        s.unsynced += delta; // counted again at the next sync
        throw e;
      })
      .finally(() => {
        s.syncing = null;
      });
    return s.syncing;
  }

  private flushAndForget(): void {
    const old = this.slots;
    this.slots = new Map();
    for (const [key, s] of old) if (s.unsynced) void this.sync(key, s).catch(() => undefined);
  }
}
