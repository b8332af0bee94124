import "server-only";
import type { MessagePort } from "node:worker_threads";
import { Client } from "pg";
import { VERIFY_BATCH } from "./verify";
import { CHAIN_COLUMNS, CHAIN_READ_SETTINGS, CHAIN_READ_TYPES, ChainWalker } from "./walk";

// One range of places of the parallel chain walk (parallel.ts), in a worker
// thread: on its own connection, in the coordinator's exported snapshot, the
// rows from..to in place order, each checked by the walk's own hot path
// (ChainWalker.passRaw). The first row's named previous hash is taken as
// given; the coordinator checks that it is the hash the range before ended
// with. Stops at the first row that does not pass: the coordinator then runs
// the single walk, which says what happened there.

export type RangeJob = { url: string; snapshot: string; from: number; to: number; anchors: { seq: number; hash: string }[] };

/** How a range went: whether every row passed, its first row's place and named previous hash, its last row (hashes as plain hex). */
export type RangeResult = { ok: boolean; rows: number; firstSeq: number; firstPrevHex: string; lastSeq: number; lastHashHex: string; lastId: string };

export type RangeMessage = { kind: "progress"; rows: number } | { kind: "done"; result: RangeResult } | { kind: "error"; message: string };

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$/i;
const plainHex = (v: unknown) => (typeof v === "string" ? v.slice(2) : "");

export async function walkRange(job: RangeJob, onProgress: (rows: number) => void = () => undefined): Promise<RangeResult> {
  if (!SNAPSHOT_ID.test(job.snapshot)) throw new Error(`not a snapshot id: ${job.snapshot}`);
  const c = new Client({ connectionString: job.url });
  await c.connect();
  try {
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await c.query(`SET TRANSACTION SNAPSHOT '${job.snapshot}'`);
    await c.query(CHAIN_READ_SETTINGS);
    await c.query({
      text: `DECLARE activity_verify_range NO SCROLL CURSOR FOR SELECT ${CHAIN_COLUMNS} FROM activity_logs a WHERE a.chain_seq >= $1 AND a.chain_seq <= $2 ORDER BY a.chain_seq`,
      values: [job.from, job.to],
    });
    const fetch = () => c.query({ text: `FETCH ${VERIFY_BATCH} FROM activity_verify_range`, rowMode: "array", types: CHAIN_READ_TYPES }).then((r) => r.rows as unknown[][]);
    let ahead: Promise<unknown[][]> | null = fetch();
    let walker: ChainWalker | null = null;
    const result: RangeResult = { ok: true, rows: 0, firstSeq: 0, firstPrevHex: "", lastSeq: job.from - 1, lastHashHex: "", lastId: "" };
    let lastRow: unknown[] | null = null;
    outer: while (ahead) {
      const rows: unknown[][] = await ahead;
      ahead = rows.length < VERIFY_BATCH ? null : fetch();
      for (const r of rows) {
        if (!walker) {
          result.firstSeq = Number(r[0]);
          result.firstPrevHex = plainHex(r[11]);
          const anchors = job.anchors.map((a) => ({ seq: a.seq, hash: Buffer.from(a.hash, "hex") }));
          walker = new ChainWalker({ seq: result.firstSeq - 1, hash: Buffer.from(result.firstPrevHex, "hex") }, anchors);
        }
        if (!walker.passRaw(r)) {
          result.ok = false;
          break outer;
        }
        lastRow = r;
      }
      onProgress(walker?.rows ?? 0);
    }
    await ahead?.catch(() => undefined);
    await c.query("COMMIT");
    if (!walker) result.ok = false;
    if (lastRow) {
      result.lastSeq = Number(lastRow[0]);
      result.lastHashHex = plainHex(lastRow[12]);
      result.lastId = lastRow[1] as string;
    }
    result.rows = walker?.rows ?? 0;
    return result;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The worker thread's entry (parallel.ts WORKER_BOOT). */
export function runRange(job: RangeJob, port: MessagePort): void {
  walkRange(job, (rows) => port.postMessage({ kind: "progress", rows } satisfies RangeMessage))
    .then((result) => port.postMessage({ kind: "done", result } satisfies RangeMessage))
    .catch((e: Error) => port.postMessage({ kind: "error", message: e.message } satisfies RangeMessage));
}
