import "server-only";
import type { ClientBase } from "pg";
import { GENESIS_HASH } from "../canonical";
import { diagnose, problemAtEnd, type ChainProblem } from "./diagnose";
import { CHAIN_COLUMNS, CHAIN_READ_SETTINGS, CHAIN_READ_TYPES, ChainWalker, toChainRow, type Anchor, type ChainRow, type ChainStart } from "./walk";


// Verifies the activity chain in the database: one read-only REPEATABLE READ
// transaction (a consistent snapshot while writers go on appending), one
// server-side cursor over the rows in place order, fetched VERIFY_BATCH at a
// time with the next batch already requested while this one is hashed.
// Memory stays at about two batches whatever the size of the log. Used by
// `npm run audit:verify` and by the console's background verification.

export const VERIFY_BATCH = 5000;

export type ChainReport = {
  ok: boolean;
  /** Rows that passed (all of them when ok). */
  rows: number;
  /** Where the walk began: place 0, or the last archive cut. */
  start: { seq: number; hash: string };
  /** The last row that passed. */
  head: { seq: number; hash: string; id: string } | null;
  problem: ChainProblem | null;
  /** Anchors checked (their place was passed with the same hash). */
  anchorsMatched: number;
  ms: number;
};

export type VerifyOptions = {
  anchors?: Anchor[];
  batch?: number;
  /** Called after each batch with the rows passed and the rows the chain should have. */
  onProgress?: (rows: number, total: number) => void | Promise<void>;
};

const hex = (b: Buffer) => b.toString("hex");

/** Where the chain starts now: after the last archive cut, or at place 0. */
export async function chainStart(c: ClientBase): Promise<ChainStart> {
  const { rows } = await c.query<{ seq: string; hash: Buffer }>(`SELECT chain_seq::text AS seq, row_hash AS hash FROM activity_chain_cuts ORDER BY chain_seq DESC LIMIT 1`);
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * Walks the chain on `c` (a connection of its own: the walk holds a
 * transaction open on it). Never throws for a broken chain: the report says
 * what and where; it throws only when the database cannot be read.
 */
export async function verifyChain(c: ClientBase, opts: VerifyOptions = {}): Promise<ChainReport> {
  const t0 = performance.now();
  const batch = opts.batch ?? VERIFY_BATCH;
  await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    await c.query(CHAIN_READ_SETTINGS);
    const start = await chainStart(c);
    const { rows: headRows } = await c.query<{ max: string | null }>(`SELECT max(chain_seq)::text AS max FROM activity_logs`);
    const total = Math.max(0, Number(headRows[0].max ?? start.seq) - start.seq);
    await c.query({ text: `DECLARE activity_verify NO SCROLL CURSOR FOR SELECT ${CHAIN_COLUMNS} FROM activity_logs a WHERE a.chain_seq > $1 ORDER BY a.chain_seq`, values: [start.seq] });
    const fetch = () => c.query({ text: `FETCH ${batch} FROM activity_verify`, rowMode: "array", types: CHAIN_READ_TYPES }).then((r) => r.rows as unknown[][]);

    const walker = new ChainWalker(start, opts.anchors ?? []);
    let problem: ChainProblem | null = null;
    let ahead: Promise<unknown[][]> | null = fetch();
    let pending: unknown[][] = [];
    let at = 0;
    // Rows after the failing one, for the diagnosis (the current batch first, then the cursor).
    const next = async (): Promise<ChainRow | null> => {
      if (at < pending.length) return toChainRow(pending[at++]);
      if (!ahead) return null;
      pending = await ahead;
      ahead = pending.length < batch ? null : fetch();
      at = 0;
      return at < pending.length ? toChainRow(pending[at++]) : null;
    };
    const findByHash = async (hash: Buffer) => {
      await ahead?.catch(() => undefined);
      const { rows } = await c.query<{ id: string; seq: string }>(`SELECT id, chain_seq::text AS seq FROM activity_logs WHERE row_hash = $1 ORDER BY chain_seq LIMIT 1`, [hash]);
      return rows[0] ? { id: rows[0].id, seq: Number(rows[0].seq) } : null;
    };

    while (ahead && !problem) {
      pending = await ahead;
      ahead = pending.length < batch ? null : fetch();
      for (at = 0; at < pending.length; ) {
        const raw = pending[at++];
        if (walker.passRaw(raw)) continue;
        const failure = walker.push(toChainRow(raw));
        if (failure) {
          problem = await diagnose(failure, start, { next, findByHash });
          break;
        }
      }
      if (!problem && pending.length) await opts.onProgress?.(walker.rows, total);
    }
    await ahead?.catch(() => undefined);
    problem ??= problemAtEnd(walker.last?.seq ?? start.seq, walker.anchorsBeyondEnd());
    if (!problem) {
      // A committed row without a place never went through the chain's trigger.
      const { rows } = await c.query<{ id: string }>(`SELECT id FROM activity_logs WHERE chain_seq IS NULL ORDER BY id LIMIT 1`);
      if (rows[0]) {
        problem = { kind: "inserted", rowId: rows[0].id, seq: null, message: `Row ${rows[0].id} was inserted outside the chain: it has no place in it.` };
      }
    }
    await c.query("COMMIT");
    const last = walker.last;
    return {
      ok: !problem,
      rows: walker.rows,
      start: { seq: start.seq, hash: hex(start.hash) },
      head: last ? { seq: last.seq, hash: hex(last.rowHash), id: last.id } : null,
      problem,
      anchorsMatched: walker.anchorsMatched(),
      ms: Math.round(performance.now() - t0),
    };
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
