// The activity chain's part of bench:activity: what chaining costs the
// product's actions (API actions per second with the chain's trigger and
// without it, in the same run, alternating), what it costs the bare database
// work of an action (transactions per second, the worst case), and how fast
// the verifier walks the chain (rows/s). See docs/PERFORMANCE.md.
import { performance } from "node:perf_hooks";
import { Client, Pool } from "pg";
import { ulid } from "ulid";
import { verifyChainParallel } from "@/lib/server/activity/chain/parallel";

export type AppendFigures = { withChain: number; withoutChain: number; cost: number; writers: number; seconds: number };

/**
 * `writers` connections, each running the database work of an ordinary
 * action in a loop (update a user, record its activity row, commit) for
 * `seconds`, twice per mode in the order with, without, without, with,
 * after a warm-up round.
 */
export async function benchAppends(dbUrl: string, opts: { writers?: number; seconds?: number } = {}): Promise<AppendFigures> {
  const writers = opts.writers ?? 8;
  const seconds = opts.seconds ?? 5;
  const pool = new Pool({ connectionString: dbUrl, max: writers + 1 });
  try {
    const users = (await pool.query<{ id: string; username: string }>("SELECT id, username FROM users ORDER BY id LIMIT 1000")).rows;
    const round = async (): Promise<number> => {
      const until = performance.now() + seconds * 1000;
      let done = 0;
      await Promise.all(
        Array.from({ length: writers }, async () => {
          const c = await pool.connect();
          try {
            while (performance.now() < until) {
              const u = users[Math.floor(Math.random() * users.length)];
              await c.query("BEGIN");
              await c.query("UPDATE users SET updated_at = now() WHERE id = $1", [u.id]);
              await c.query(
                `INSERT INTO activity_logs (id, user_id, username, event_type, resource_type, resource_id, ip_address, user_agent, details)
                 VALUES ($1, $2, $3, 'user.updated', 'user', $2, '10.0.0.1', 'bench-append/1.0', $4)`,
                [ulid(), u.id, u.username, JSON.stringify({ username: u.username, changed_fields: ["role"], new_values: { role: "editor" } })],
              );
              await c.query("COMMIT");
              done++;
            }
          } finally {
            c.release();
          }
        }),
      );
      return done / seconds;
    };
    const figures = await alternate(pool, round);
    // The rest of the benchmark times the seeded rows: the appended ones (the newest places) go too.
    await pool.query("DELETE FROM activity_logs WHERE user_agent = 'bench-append/1.0'");
    await pool.query("VACUUM ANALYZE activity_logs");
    return { ...figures, writers, seconds };
  } finally {
    await pool.end();
  }
}

/** Toggles the chain's trigger (the rows written without it are deleted by dropUnchained). */
const setChain = (pool: Pool, on: boolean) => pool.query(`ALTER TABLE activity_logs ${on ? "ENABLE" : "DISABLE"} TRIGGER activity_chain_append`);
/** The rows written while the chain was off have no place in it: they go, so the chain still verifies. */
const dropUnchained = (pool: Pool) => pool.query("DELETE FROM activity_logs WHERE chain_seq IS NULL");

/**
 * A warm-up round that counts for neither mode (JIT, caches, pools), then
 * rounds with the chain, without, without, with; each mode's rate averaged.
 */
async function alternate(pool: Pool, round: () => Promise<number>): Promise<{ withChain: number; withoutChain: number; cost: number }> {
  await round();
  const w: number[] = [];
  const wo: number[] = [];
  w.push(await round());
  await setChain(pool, false);
  try {
    wo.push(await round());
    wo.push(await round());
  } finally {
    await setChain(pool, true);
    await dropUnchained(pool);
  }
  w.push(await round());
  const withChain = (w[0] + w[1]) / 2;
  const withoutChain = (wo[0] + wo[1]) / 2;
  return { withChain, withoutChain, cost: 1 - withChain / withoutChain };
}

export type ActionFigures = AppendFigures & { errors: number };

/**
 * What the chain costs the product's own actions: `clients` concurrent API
 * clients each changing a user's role in a loop (PUT /api/v1/admin/users/{id},
 * one `user.updated` row each, through authentication, validation, the
 * service's transaction and its activity row) for `seconds`, twice per mode
 * in the order with, without, without, with, after a warm-up round. Actions
 * per second of each mode averaged; the cost is 1 - with/without.
 */
export async function benchActions(base: string, bearer: Record<string, string>, dbUrl: string, opts: { clients?: number; seconds?: number } = {}): Promise<ActionFigures> {
  const clients = opts.clients ?? 8;
  const seconds = opts.seconds ?? 5;
  const pool = new Pool({ connectionString: dbUrl, max: 2 });
  let errors = 0;
  try {
    // Users no other part of the benchmark looks at: active non-admins, one per client, changed in turn.
    const users = (await pool.query<{ id: string; role: string }>(`SELECT id, role FROM users WHERE status = 'active' AND role <> 'admin' AND deleted_at IS NULL ORDER BY id LIMIT $1`, [clients * 20])).rows;
    const round = async (): Promise<number> => {
      const until = performance.now() + seconds * 1000;
      let done = 0;
      await Promise.all(
        Array.from({ length: clients }, async (_, k) => {
          const mine = users.filter((_, i) => i % clients === k);
          for (let i = 0; performance.now() < until; i++) {
            const u = mine[i % mine.length];
            u.role = u.role === "editor" ? "viewer" : "editor";
            const res = await fetch(`${base}/api/v1/admin/users/${u.id}`, { method: "PUT", headers: { ...bearer, "content-type": "application/json" }, body: JSON.stringify({ role: u.role }) });
            await res.arrayBuffer();
            if (res.status === 200) done++;
            else errors++;
          }
        }),
      );
      return done / seconds;
    };
    return { ...(await alternate(pool, round)), writers: clients, seconds, errors };
  } finally {
    await pool.end();
  }
}

export type VerifyFigures = { rows: number; seconds: number; rate: number; ok: boolean };

/** One walk of the whole chain, as `npm run audit:verify` does it (a worker per core). */
export async function benchVerify(dbUrl: string): Promise<VerifyFigures> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const r = await verifyChainParallel(c, dbUrl);
    if (!r.ok) throw new Error(`the seeded chain does not verify: ${r.problem?.message}`);
    return { rows: r.rows, seconds: r.ms / 1000, rate: r.rows / (r.ms / 1000), ok: r.ok };
  } finally {
    await c.end();
  }
}
