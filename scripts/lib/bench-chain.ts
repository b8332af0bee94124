// The activity chain's part of bench:activity: what chaining costs an
// action's write (transactions per second with the chain's trigger and
// without it, in the same run, alternating) and how fast the verifier walks
// the chain (rows/s). See docs/PERFORMANCE.md.
import { performance } from "node:perf_hooks";
import { Client, Pool } from "pg";
import { ulid } from "ulid";
import { verifyChain } from "@/lib/server/activity/chain/verify";

export type AppendFigures = { withChain: number; withoutChain: number; cost: number; writers: number; seconds: number };

/**
 * `writers` connections, each running the database work of an ordinary
 * action in a loop (update a user, record its activity row, commit) for
 * `seconds`, twice per mode in the order with, without, without, with.
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
    const chain = (on: boolean) => pool.query(`ALTER TABLE activity_logs ${on ? "ENABLE" : "DISABLE"} TRIGGER activity_chain_append`);
    const w: number[] = [];
    const wo: number[] = [];
    w.push(await round());
    await chain(false);
    try {
      wo.push(await round());
      wo.push(await round());
    } finally {
      await chain(true);
      // The rows written without the chain have no place in it: they go, so the chain still verifies.
      await pool.query("DELETE FROM activity_logs WHERE chain_seq IS NULL");
    }
    w.push(await round());
    // The rest of the benchmark times the seeded rows: the appended ones (the newest places) go too.
    await pool.query("DELETE FROM activity_logs WHERE user_agent = 'bench-append/1.0'");
    await pool.query("VACUUM ANALYZE activity_logs");
    const withChain = (w[0] + w[1]) / 2;
    const withoutChain = (wo[0] + wo[1]) / 2;
    return { withChain, withoutChain, cost: 1 - withChain / withoutChain, writers, seconds };
  } finally {
    await pool.end();
  }
}

export type VerifyFigures = { rows: number; seconds: number; rate: number; ok: boolean };

/** One walk of the whole chain, as `npm run audit:verify` does it. */
export async function benchVerify(dbUrl: string): Promise<VerifyFigures> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const r = await verifyChain(c);
    if (!r.ok) throw new Error(`the seeded chain does not verify: ${r.problem?.message}`);
    return { rows: r.rows, seconds: r.ms / 1000, rate: r.rows / (r.ms / 1000), ok: r.ok };
  } finally {
    await c.end();
  }
}
