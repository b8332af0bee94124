import { SyncedLimiter } from "@/lib/server/rate-limit-synced";
import { pool } from "@/lib/server/db";
import { closeTestDb, resetDb } from "../helpers";

// The API limit counted in memory per instance, shared through rate_limits.

beforeEach(resetDb);
afterAll(closeTestDb);

const shared = async (key: string) => (await pool().query("SELECT points FROM rate_limits WHERE key = $1", [key])).rows[0]?.points as number | undefined;

describe("synced API limiter", () => {
  it("one instance admits exactly the limit, then refuses from memory", async () => {
    const l = new SyncedLimiter(pool, "t1", () => 20);
    const results = [];
    for (let i = 0; i < 30; i++) results.push((await l.consume("u")).allowed);
    expect(results.filter(Boolean)).toHaveLength(20);
    expect(results.slice(0, 20).every(Boolean)).toBe(true);
    await l.flush();
    expect(await shared("t1:u")).toBe(20); // refused hits are not counted: the window is not prolonged by them
  });

  it("two instances share one budget (concurrent bursts included)", async () => {
    const a = new SyncedLimiter(pool, "t2", () => 40);
    const b = new SyncedLimiter(pool, "t2", () => 40);
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).consume("u")));
    const allowed = burst.filter((d) => d.allowed).length;
    expect(allowed).toBeGreaterThanOrEqual(38);
    expect(allowed).toBeLessThanOrEqual(41); // at most N - 1 over, the hits in flight at once
    const later = await Promise.all([a.consume("u"), b.consume("u")]);
    expect(later.every((d) => !d.allowed)).toBe(true);
  });

  it("a second instance sees what the first one used", async () => {
    const a = new SyncedLimiter(pool, "t3", () => 100);
    for (let i = 0; i < 60; i++) await a.consume("u");
    await a.flush();
    const b = new SyncedLimiter(pool, "t3", () => 100);
    const d = await b.consume("u");
    expect(d.remaining).toBe(39);
  });

  it("a new window starts after the duration", async () => {
    const l = new SyncedLimiter(pool, "t4", () => 2, 300);
    expect((await l.consume("u")).allowed).toBe(true);
    expect((await l.consume("u")).allowed).toBe(true);
    expect((await l.consume("u")).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 350));
    expect((await l.consume("u")).allowed).toBe(true);
  });

  it("reports the limit, what is left and the reset", async () => {
    const l = new SyncedLimiter(pool, "t5", () => 10);
    const d = await l.consume("u");
    expect(d).toMatchObject({ limit: 10, remaining: 9, allowed: true });
    expect(d.resetMs).toBeGreaterThan(50_000);
    expect(l.peek("u").remaining).toBe(9);
    expect(l.peek("other")).toMatchObject({ remaining: 10 });
  });
});
