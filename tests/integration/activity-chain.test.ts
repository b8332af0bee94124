// The activity log's hash chain on a real PostgreSQL: rows written by the
// services and by many concurrent writers form one unforked chain that
// verifies, and each kind of tampering in SQL (a changed field, a deleted
// row, an inserted row, two rows swapped) is caught with the right row named.
import { Client } from "pg";
import { ulid } from "ulid";
import { verifyChainParallel } from "@/lib/server/activity/chain/parallel";
import { verifyChain, type ChainReport } from "@/lib/server/activity/chain/verify";
import { db, pool } from "@/lib/server/db";
import { createUser } from "@/lib/server/users/create-user";
import { updateUser } from "@/lib/server/users/update-user";
import { deactivateUser } from "@/lib/server/users/set-user-active";
import { writeFigures } from "../proof/report";
import { testDatabaseUrl } from "../setup/database";
import { adminCtx, closeTestDb, resetDb, unwrap } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

async function verify(opts: Parameters<typeof verifyChain>[1] = {}): Promise<ChainReport> {
  const c = await pool().connect();
  try {
    return await verifyChain(c, opts);
  } finally {
    c.release();
  }
}

const sql = (text: string, values: unknown[] = []) => pool().query(text, values);

/** `n` rows, one transaction each, in order; returns their ids by place (1..n). */
async function chainOf(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = ulid();
    await sql(`INSERT INTO activity_logs (id, event_type, username, ip_address, details) VALUES ($1, 'user.login', $2, '192.0.2.1', $3)`, [
      id,
      `user${i}`,
      JSON.stringify({ n: i, tags: ["a", "b"], nested: { z: 1, a: "x" } }),
    ]);
    ids.push(id);
  }
  const { rows } = await sql(`SELECT id FROM activity_logs ORDER BY chain_seq`);
  expect(rows.map((r) => r.id)).toEqual(ids);
  return ids;
}

/** Runs SQL with the database's triggers off, as someone editing the table behind the app's back might. */
async function behindTheApp(statements: string[]): Promise<void> {
  const c = new Client({ connectionString: testDatabaseUrl() });
  await c.connect();
  try {
    await c.query("SET session_replication_role = replica");
    for (const s of statements) await c.query(s);
  } finally {
    await c.end();
  }
}

describe("a clean log verifies", () => {
  it("when empty", async () => {
    const r = await verify();
    expect(r).toMatchObject({ ok: true, rows: 0, head: null, problem: null, start: { seq: 0, hash: "0".repeat(64) } });
  });

  it("after the services wrote to it, every row in one chain", async () => {
    const { ctx } = await adminCtx();
    const u = unwrap(await createUser(ctx, { username: "chained", email: "chained@example.org", role: "editor" }));
    unwrap(await updateUser(ctx, u.id, { role: "viewer" }));
    await db().user.update({ where: { id: u.id }, data: { status: "active", passwordHash: "x" } });
    unwrap(await deactivateUser(ctx, u.id));
    const count = await db().activityLog.count();
    expect(count).toBeGreaterThanOrEqual(3);
    const r = await verify();
    expect(r).toMatchObject({ ok: true, rows: count, problem: null });
    const { rows } = await sql(`SELECT min(chain_seq)::int AS lo, max(chain_seq)::int AS hi, count(DISTINCT prev_hash)::int AS prevs FROM activity_logs`);
    expect(rows[0]).toEqual({ lo: 1, hi: count, prevs: count });
    expect(r.head?.seq).toBe(count);
  });

  it("a transaction that rolls back leaves no gap", async () => {
    await chainOf(2);
    await expect(
      db().$transaction(async (tx) => {
        await tx.activityLog.create({ data: { eventType: "user.login" } });
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    await sql(`INSERT INTO activity_logs (id, event_type) VALUES ($1, 'user.logout')`, [ulid()]);
    expect(await verify()).toMatchObject({ ok: true, rows: 3 });
  });

  it("10,000 rows from 20 concurrent writers: one chain, places 1..10,000, nothing forked", async () => {
    const WRITERS = 20;
    const PER_WRITER = 500;
    const clients = await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        const c = new Client({ connectionString: testDatabaseUrl() });
        await c.connect();
        return c;
      }),
    );
    const t0 = Date.now();
    try {
      // Each writer commits transactions of 1 to 20 rows, all writers at once.
      await Promise.all(
        clients.map(async (c, w) => {
          let left = PER_WRITER;
          let k = 0;
          while (left > 0) {
            const n = Math.min(left, 1 + ((w * 7 + k++ * 13) % 20));
            const ids = Array.from({ length: n }, () => ulid());
            await c.query("BEGIN");
            await c.query(
              `INSERT INTO activity_logs (id, event_type, username, details)
               SELECT id, 'user.updated', $2::varchar, jsonb_build_object('writer', $2::varchar, 'k', $3::int, 'i', i) FROM unnest($1::varchar[]) WITH ORDINALITY AS t(id, i)`,
              [ids, `writer${w}`, k],
            );
            await c.query("COMMIT");
            left -= n;
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    const writeMs = Date.now() - t0;
    const r = await verify();
    expect(r).toMatchObject({ ok: true, rows: WRITERS * PER_WRITER, problem: null });
    const { rows } = await sql(
      `SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS places, min(chain_seq)::int AS lo, max(chain_seq)::int AS hi,
              count(DISTINCT prev_hash)::int AS prevs, count(*) FILTER (WHERE chain_seq IS NULL)::int AS unchained FROM activity_logs`,
    );
    expect(rows[0]).toEqual({ n: 10_000, places: 10_000, lo: 1, hi: 10_000, prevs: 10_000, unchained: 0 });
    writeFigures("chain-concurrent-writers", { writers: WRITERS, rows: WRITERS * PER_WRITER, writeMs, verifyMs: r.ms, forks: 0 });
  });
});

describe("tampering in SQL is detected and the row named", () => {
  it("a changed field", async () => {
    const ids = await chainOf(12);
    await sql(`UPDATE activity_logs SET ip_address = '10.0.0.66' WHERE id = $1`, [ids[6]]);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, rows: 6, problem: { kind: "altered", rowId: ids[6], seq: 7 } });
    expect(r.problem!.message).toContain(ids[6]);
  });

  it("a changed detail deep in the JSON, and a changed timestamp", async () => {
    const ids = await chainOf(5);
    await sql(`UPDATE activity_logs SET details = jsonb_set(details, '{nested,a}', '"y"') WHERE id = $1`, [ids[3]]);
    expect((await verify()).problem).toMatchObject({ kind: "altered", rowId: ids[3] });
    await resetDb();
    const again = await chainOf(5);
    await sql(`UPDATE activity_logs SET "timestamp" = "timestamp" - interval '1 day' WHERE id = $1`, [again[1]]);
    expect((await verify()).problem).toMatchObject({ kind: "altered", rowId: again[1] });
  });

  it("a changed row whose own hash was recomputed: the break after it names it", async () => {
    const ids = await chainOf(6);
    await sql(`UPDATE activity_logs SET username = 'mallory' WHERE id = $1`, [ids[2]]);
    await sql(`UPDATE activity_logs a SET row_hash = activity_row_hash(a.prev_hash, a) WHERE id = $1`, [ids[2]]);
    const r = await verify();
    expect(r.problem).toMatchObject({ kind: "broken", rowId: ids[3], seq: 4 });
    expect(r.problem!.message).toContain(ids[2]);
  });

  it("a deleted row", async () => {
    const ids = await chainOf(10);
    await sql(`DELETE FROM activity_logs WHERE id = $1`, [ids[4]]);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, rows: 4, problem: { kind: "removed", rowId: null, seq: 5 } });
    expect(r.problem!.message).toContain(ids[3]);
    expect(r.problem!.message).toContain(ids[5]);
  });

  it("the first row deleted", async () => {
    const ids = await chainOf(3);
    await sql(`DELETE FROM activity_logs WHERE id = $1`, [ids[0]]);
    expect((await verify()).problem).toMatchObject({ kind: "removed", seq: 1 });
  });

  it("a deleted row with the places after it renumbered", async () => {
    const ids = await chainOf(8);
    await sql(`DELETE FROM activity_logs WHERE id = $1`, [ids[2]]);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq + 1 WHERE chain_seq > 3`);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq WHERE chain_seq < 0`);
    const r = await verify();
    expect(r.problem).toMatchObject({ kind: "broken", rowId: ids[3], seq: 3 });
  });

  it("a row inserted with the triggers off (no place in the chain)", async () => {
    await chainOf(5);
    const forged = ulid();
    await behindTheApp([`INSERT INTO activity_logs (id, event_type, username) VALUES ('${forged}', 'user.login', 'ghost')`]);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, rows: 5, problem: { kind: "inserted", rowId: forged, seq: null } });
  });

  it("a row inserted into the middle, the places after it moved up", async () => {
    const ids = await chainOf(8);
    const forged = ulid();
    await sql(`UPDATE activity_logs SET chain_seq = -(chain_seq + 1) WHERE chain_seq >= 4`);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq WHERE chain_seq < 0`);
    // It copies the links of the row whose place it takes; its own hash cannot be right.
    await sql(
      `INSERT INTO activity_logs (id, event_type, username, chain_seq, prev_hash, row_hash)
       SELECT $1, 'user.login', 'ghost', 4, prev_hash, row_hash FROM activity_logs WHERE id = $2`,
      [forged, ids[3]],
    );
    const r = await verify();
    expect(r).toMatchObject({ ok: false, rows: 3, problem: { kind: "inserted", rowId: forged, seq: 4 } });
  });

  it("a row inserted into the middle with a well-made hash", async () => {
    const ids = await chainOf(8);
    const forged = ulid();
    await sql(`UPDATE activity_logs SET chain_seq = -(chain_seq + 1) WHERE chain_seq >= 4`);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq WHERE chain_seq < 0`);
    await sql(
      `INSERT INTO activity_logs (id, event_type, username, chain_seq, prev_hash, row_hash) SELECT $1, 'user.login', 'ghost', 4, row_hash, '\\x00' FROM activity_logs WHERE id = $2`,
      [forged, ids[2]],
    );
    await sql(`UPDATE activity_logs a SET row_hash = activity_row_hash(a.prev_hash, a) WHERE id = $1`, [forged]);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, rows: 4, problem: { kind: "inserted", rowId: forged, seq: 4 } });
  });

  it("two rows swapped (far apart)", async () => {
    const ids = await chainOf(12);
    await sql(`UPDATE activity_logs SET chain_seq = CASE chain_seq WHEN 3 THEN -9 ELSE -3 END WHERE chain_seq IN (3, 9)`);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq WHERE chain_seq < 0`);
    const r = await verify();
    // At place 3 now stands the row written at place 9.
    expect(r).toMatchObject({ ok: false, rows: 2, problem: { kind: "reordered", rowId: ids[8], seq: 3 } });
    expect(r.problem!.message).toContain(ids[7]);
  });

  it("two neighbours swapped", async () => {
    const ids = await chainOf(6);
    await sql(`UPDATE activity_logs SET chain_seq = CASE chain_seq WHEN 4 THEN -5 ELSE -4 END WHERE chain_seq IN (4, 5)`);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq WHERE chain_seq < 0`);
    expect((await verify()).problem).toMatchObject({ kind: "reordered", rowId: ids[4], seq: 4 });
  });

  it("the stored hash itself cleared", async () => {
    const ids = await chainOf(4);
    await sql(`UPDATE activity_logs SET row_hash = NULL WHERE id = $1`, [ids[1]]);
    expect((await verify()).problem).toMatchObject({ kind: "altered", rowId: ids[1] });
  });
});

describe("the verifier's walk", () => {
  it("streams in batches and reports progress", async () => {
    await chainOf(25);
    const seen: [number, number][] = [];
    const r = await verify({ batch: 10, onProgress: (rows, total) => void seen.push([rows, total]) });
    expect(r).toMatchObject({ ok: true, rows: 25 });
    expect(seen).toEqual([
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
  });

  it("finds a problem on a batch boundary, with the next row in the next batch", async () => {
    const ids = await chainOf(21);
    await sql(`UPDATE activity_logs SET chain_seq = -(chain_seq + 1) WHERE chain_seq >= 10`);
    await sql(`UPDATE activity_logs SET chain_seq = -chain_seq WHERE chain_seq < 0`);
    const forged = ulid();
    await sql(`INSERT INTO activity_logs (id, event_type, chain_seq, prev_hash, row_hash) SELECT $1, 'user.login', 10, prev_hash, '\\x01' FROM activity_logs WHERE id = $2`, [
      forged,
      ids[9],
    ]);
    expect((await verify({ batch: 10 })).problem).toMatchObject({ kind: "inserted", rowId: forged, seq: 10 });
  });

  it("rows written while it walks wait for nothing and are left to the next run", async () => {
    await chainOf(30);
    const c = await pool().connect();
    try {
      const walk = verifyChain(c, { batch: 5, onProgress: async () => void (await sql(`INSERT INTO activity_logs (id, event_type) VALUES ($1, 'user.login')`, [ulid()])) });
      const r = await walk;
      expect(r).toMatchObject({ ok: true, rows: 30 });
    } finally {
      c.release();
    }
    expect(await verify()).toMatchObject({ ok: true, rows: 36 });
  });
});

describe("the parallel walk (audit:verify --jobs)", () => {
  const JOBS = 3;
  const ROWS = 3_000;

  /** ROWS rows in a few bulk transactions; returns their ids by place. */
  async function longChain(): Promise<string[]> {
    const ids = Array.from({ length: ROWS }, () => ulid());
    for (let i = 0; i < ROWS; i += 1_000) {
      await sql(
        `INSERT INTO activity_logs (id, event_type, username, details)
         SELECT id, 'user.updated', 'bulk' || i, jsonb_build_object('i', i, 'tags', jsonb_build_array('a', 'b'))
         FROM unnest($1::varchar[]) WITH ORDINALITY AS t(id, i) ORDER BY i`,
        [ids.slice(i, i + 1_000)],
      );
    }
    return ids;
  }

  async function both(opts: { anchors?: { seq: number; hash: Buffer }[] } = {}): Promise<{ parallel: ChainReport; single: ChainReport }> {
    const c = await pool().connect();
    try {
      const parallel = await verifyChainParallel(c, testDatabaseUrl(), { ...opts, jobs: JOBS, minRowsPerJob: 100 });
      const single = await verifyChain(c, opts);
      return { parallel, single };
    } finally {
      c.release();
    }
  }
  const same = ({ parallel, single }: { parallel: ChainReport; single: ChainReport }) => {
    const { ms: _a, ...p } = parallel;
    const { ms: _b, ...s } = single;
    expect(p).toEqual(s);
    return parallel;
  };

  it("gives the single walk's report on an intact chain, with anchors", async () => {
    const ids = await longChain();
    const { rows } = await sql(`SELECT chain_seq::int AS seq, row_hash AS hash FROM activity_logs WHERE chain_seq IN (500, 1500, 2999)`);
    const r = same(await both({ anchors: rows.map((a) => ({ seq: a.seq, hash: a.hash })) }));
    expect(r).toMatchObject({ ok: true, rows: ROWS, anchorsMatched: 3, head: { seq: ROWS, id: ids[ROWS - 1] } });
  });

  it.each([
    ["a changed field in the middle range", (ids: string[]) => sql(`UPDATE activity_logs SET username = 'mallory' WHERE id = $1`, [ids[1_600]]), { kind: "altered", seq: 1_601 }],
    ["the first row of the second range deleted", (ids: string[]) => sql(`DELETE FROM activity_logs WHERE id = $1`, [ids[1_000]]), { kind: "removed", seq: 1_001 }],
    ["the last row deleted", (ids: string[]) => sql(`DELETE FROM activity_logs WHERE id = $1`, [ids[ROWS - 1]]), null],
    ["a row without a place", () => behindTheApp([`INSERT INTO activity_logs (id, event_type) VALUES ('${ulid()}', 'user.login')`]), { kind: "inserted", seq: null }],
  ] as const)("names the same row as the single walk: %s", async (_name, tamper, problem) => {
    const ids = await longChain();
    await tamper([...ids]);
    const r = same(await both());
    if (problem) expect(r).toMatchObject({ ok: false, problem });
    // A chain cut short at its end is intact as far as the database can tell: only an anchor shows it.
    else expect(r).toMatchObject({ ok: true, rows: ROWS - 1 });
  });

  it("an anchor the table no longer matches, in the last range", async () => {
    await longChain();
    const r = same(await both({ anchors: [{ seq: 2_500, hash: Buffer.alloc(32, 7) }] }));
    expect(r).toMatchObject({ ok: false, problem: { kind: "rewritten", seq: 2_500 } });
  });
});
