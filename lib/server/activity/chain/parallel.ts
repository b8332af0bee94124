import "server-only";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ClientBase } from "pg";
import { chainStart, verifyChain, type ChainReport, type VerifyOptions } from "./verify";
import type { RangeJob, RangeMessage, RangeResult } from "./verify-range";

// The chain walk on every core, for `npm run audit:verify` (and its
// benchmark): one read-only snapshot exported by this connection, the places
// split into `jobs` consecutive ranges, each walked in a worker thread on a
// connection of its own that imports the snapshot (verify-range.ts). Each
// range checks its rows exactly as the single walk does, starting from the
// previous hash its first row names; the ranges then must join (each one's
// first row names the hash the range before it ended with, at the next
// place). Anything short of a whole, joined, intact chain runs the single
// walk (verify.ts) again, which names the first bad row and what happened to
// it: the fast path only ever says "intact".
//
// Worker threads load the TypeScript of verify-range.ts through tsx, which
// runs the scripts; elsewhere (a bundle, jobs < 2, a short chain) the single
// walk runs.

/** Below this many rows per job the single walk is as fast. */
const MIN_ROWS_PER_JOB = 20_000;

const WORKER_BOOT = `
const { workerData, parentPort } = require("node:worker_threads");
require("tsx/cjs/api").register();
require(workerData.module).runRange(workerData.job, parentPort);
`;

// The worker's module, as source: present when this module runs from the
// source tree (tsx, Jest), absent in a bundle (next build).
const RANGE_MODULE = path.join(__dirname, "verify-range.ts");
const canSpawn = () => existsSync(RANGE_MODULE);
// verify-range.ts imports "server-only", which resolves to an empty module only under this condition.
const workerArgv = () => (process.execArgv.some((a) => a.startsWith("--conditions=react-server")) ? process.execArgv : [...process.execArgv, "--conditions=react-server"]);

export const defaultJobs = () => Math.min(4, os.availableParallelism());

function walkRange(job: RangeJob, onRows: (rows: number) => void): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, {
      eval: true,
      execArgv: workerArgv(),
      // A larger young generation: each batch of rows lives until it is checked, and fewer scavenges copy it less often.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
      workerData: { module: RANGE_MODULE, job },
    });
    worker.on("message", (m: RangeMessage) => {
      if (m.kind === "progress") onRows(m.rows);
      else if (m.kind === "done") resolve(m.result);
      else reject(new Error(m.message));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => code !== 0 && reject(new Error(`a verify worker exited with code ${code}`)));
  });
}

/**
 * Verifies the chain on `c` with `jobs` workers (connections to `url`);
 * the same report as verifyChain. Never throws for a broken chain.
 */
export async function verifyChainParallel(c: ClientBase, url: string, opts: VerifyOptions & { jobs?: number; minRowsPerJob?: number } = {}): Promise<ChainReport> {
  const t0 = performance.now();
  const jobs = opts.jobs ?? defaultJobs();
  if (jobs < 2 || !canSpawn()) return verifyChain(c, opts);
  const anchors = opts.anchors ?? [];
  await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  let results: RangeResult[];
  let start: Awaited<ReturnType<typeof chainStart>>;
  let last = 0;
  let unplaced = false;
  try {
    const { rows: snap } = await c.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    start = await chainStart(c);
    const { rows: head } = await c.query<{ max: string | null }>(`SELECT max(chain_seq)::text AS max FROM activity_logs`);
    last = Number(head[0].max ?? start.seq);
    const total = last - start.seq;
    if (total < jobs * (opts.minRowsPerJob ?? MIN_ROWS_PER_JOB)) {
      await c.query("COMMIT");
      return verifyChain(c, opts);
    }
    const size = Math.ceil(total / jobs);
    const done = new Array<number>(jobs).fill(0);
    let reported = 0;
    const ranges = Array.from({ length: jobs }, (_, k) => ({ from: start.seq + 1 + k * size, to: Math.min(last, start.seq + (k + 1) * size) }));
    results = await Promise.all(
      ranges.map((r, k) =>
        walkRange(
          { url, snapshot: snap[0].id, from: r.from, to: r.to, anchors: anchors.filter((a) => a.seq >= r.from && a.seq <= r.to).map((a) => ({ seq: a.seq, hash: a.hash.toString("hex") })) },
          (rows) => {
            done[k] = rows;
            const sum = done.reduce((a, b) => a + b, 0);
            // At most one progress call per 1 % of the chain.
            if (opts.onProgress && sum - reported >= total / 100) {
              reported = sum;
              void opts.onProgress(sum, total);
            }
          },
        ),
      ),
    );
    unplaced = (await c.query(`SELECT 1 FROM activity_logs WHERE chain_seq IS NULL LIMIT 1`)).rows.length > 0;
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  }

  // Whole and joined: every range intact, each starting where the one before ended.
  let expectSeq = start.seq + 1;
  let expectPrev = start.hash.toString("hex");
  let whole = !unplaced && !anchors.some((a) => a.seq > last);
  for (const r of results) {
    if (!whole) break;
    whole = r.ok && r.firstSeq === expectSeq && r.firstPrevHex === expectPrev;
    expectSeq = r.lastSeq + 1;
    expectPrev = r.lastHashHex;
  }
  const end = results[results.length - 1];
  if (!whole || end.lastSeq !== last) return verifyChain(c, opts);
  return {
    ok: true,
    rows: results.reduce((n, r) => n + r.rows, 0),
    start: { seq: start.seq, hash: start.hash.toString("hex") },
    head: { seq: end.lastSeq, hash: end.lastHashHex, id: end.lastId },
    problem: null,
    anchorsMatched: anchors.filter((a) => a.seq > start.seq && a.seq <= last).length,
    ms: Math.round(performance.now() - t0),
  };
}
