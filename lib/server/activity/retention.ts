import "server-only";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { PassThrough } from "node:stream";
import { createGzip } from "node:zlib";
import type { PoolClient } from "pg";
import { csvLines } from "../csv";
import { pool } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { LOCKS } from "../sql";
import { writeAnchor } from "./chain/anchor";
import { chainStart } from "./chain/verify";
import { CHAIN_COLUMNS, CHAIN_READ_SETTINGS, CHAIN_READ_TYPES, toChainRow } from "./chain/walk";
import { ChainWalker, type ChainRow } from "./chain/walk";

// Retention of the activity log (ACTIVITY_RETENTION_DAYS; unset: rows are
// kept forever). Each housekeeping round moves the oldest part of the chain,
// every row up to the last place written before the cutoff, into a gzipped
// CSV in DATA_DIR/archive/, records the cut (its last place and hash, the
// file and its SHA-256) in activity_chain_cuts, and then deletes those rows.
// The chain in the database then starts at the cut (verification begins
// there: ./chain/verify.ts), and the archive carries every field and hash,
// so it can be checked on its own (docs/audit-trail.md). The rows are
// checked as they are archived: a chain that is already broken there is not
// archived (the evidence stays where it is) and the round says why.

export const ARCHIVE_COLUMNS = ["chain_seq", "id", "timestamp", "user_id", "username", "event_type", "resource_type", "resource_id", "ip_address", "user_agent", "details", "prev_hash", "row_hash"];
const BATCH = 2000;
const DELETE_BATCH = 1000;

export type ArchiveResult =
  | { archived: 0 }
  | { archived: number; firstSeq: number; lastSeq: number; file: string; sha256: string; headHash: string }
  | { archived: 0; refused: string };

const csvLine = (r: ChainRow) =>
  csvLines([
    [r.seq, r.id, new Date(r.timestampMs).toISOString(), r.userId ?? "", r.username ?? "", r.eventType, r.resourceType ?? "", r.resourceId ?? "", r.ipAddress ?? "", r.userAgent ?? "", r.detailsJson ?? "", r.prevHash.toString("hex"), r.rowHash.toString("hex")],
  ], { spreadsheetSafe: false });

export const archiveDir = () => path.resolve(env().DATA_DIR, "archive");

/**
 * One retention round: archives and deletes the rows older than the
 * retention period. Returns what it did, or null when retention is off or
 * another instance is archiving right now. `now` stands in for the clock.
 */
export async function archiveActivity(opts: { now?: Date; retentionDays?: number; dir?: string } = {}): Promise<ArchiveResult | null> {
  const days = opts.retentionDays ?? env().ACTIVITY_RETENTION_DAYS;
  if (!days) return null;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000);
  const client = await pool().connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [LOCKS.activityArchive]);
    if (!lock[0].ok) return null;
    try {
      return await archiveBefore(client, cutoff, opts.dir ?? archiveDir());
    } finally {
      await client.query(`SELECT pg_advisory_unlock($1)`, [LOCKS.activityArchive]);
    }
  } finally {
    client.release();
  }
}

/** Deletes the archived rows, in short statements. */
async function deleteUpTo(c: PoolClient, seq: number): Promise<void> {
  for (;;) {
    const r = await c.query(`DELETE FROM activity_logs WHERE ctid = ANY(ARRAY(SELECT ctid FROM activity_logs WHERE chain_seq <= $1 LIMIT ${DELETE_BATCH}))`, [seq]);
    if ((r.rowCount ?? 0) < DELETE_BATCH) return;
  }
}

async function archiveBefore(c: PoolClient, cutoff: Date, dir: string): Promise<ArchiveResult> {
  const start = await chainStart(c);
  // Rows a round archived but had not yet deleted when it stopped.
  if (start.seq > 0) await deleteUpTo(c, start.seq);
  // The chain is cut in place order: up to the row before the first one written at or after the cutoff.
  const { rows: ends } = await c.query<{ last: string | null }>(
    `SELECT coalesce((SELECT min(chain_seq) - 1 FROM activity_logs WHERE chain_seq > $1 AND "timestamp" >= $2), (SELECT max(chain_seq) FROM activity_logs WHERE chain_seq > $1))::text AS last`,
    [start.seq, cutoff],
  );
  const lastSeq = Number(ends[0].last ?? start.seq);
  if (lastSeq <= start.seq) return { archived: 0 };

  await mkdir(dir, { recursive: true, mode: 0o750 });
  const name = `activity-${String(start.seq + 1).padStart(12, "0")}-${String(lastSeq).padStart(12, "0")}.csv.gz`;
  const file = path.join(dir, name);
  const tmp = `${file}.partial`;
  const walker = new ChainWalker(start);
  let refused: string | null = null;

  // Rows go through the walker and into the gzipped CSV, one batch at a time, in one snapshot.
  const csv = new PassThrough();
  const written = pipeline(csv, createGzip(), createWriteStream(tmp, { mode: 0o640 }));
  try {
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await c.query(CHAIN_READ_SETTINGS);
    await c.query({ text: `DECLARE activity_archive NO SCROLL CURSOR FOR SELECT ${CHAIN_COLUMNS} FROM activity_logs a WHERE a.chain_seq > $1 AND a.chain_seq <= $2 ORDER BY a.chain_seq`, values: [start.seq, lastSeq] });
    csv.write(csvLines([ARCHIVE_COLUMNS], { spreadsheetSafe: false }));
    for (;;) {
      const { rows } = await c.query({ text: `FETCH ${BATCH} FROM activity_archive`, rowMode: "array", types: CHAIN_READ_TYPES });
      for (const raw of rows as unknown[][]) {
        const row = toChainRow(raw);
        const failure = walker.push(row);
        if (failure) {
          refused = `row ${row.id} (place ${row.seq}) does not verify`;
          break;
        }
        if (!csv.write(csvLine(row))) await new Promise((r) => csv.once("drain", r));
      }
      if (refused || rows.length < BATCH) break;
    }
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    csv.destroy();
    await written.catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  if (!refused && walker.last?.seq !== lastSeq) refused = `places ${(walker.last?.seq ?? start.seq) + 1}-${lastSeq} are missing`;
  csv.end();
  await written;
  if (refused) {
    await rm(tmp, { force: true });
    const reason = `The activity chain is broken before the retention cutoff (${refused}); nothing was archived. Run npm run audit:verify.`;
    logger().error({ audit: true, cutoff: cutoff.toISOString() }, reason);
    return { archived: 0, refused: reason };
  }
  const sha256 = createHash("sha256").update(await readFile(tmp)).digest("hex");
  await rename(tmp, file);
  const head = walker.last!;

  // The cut first: from its commit on, the chain starts after it and the archived rows are no longer read.
  await c.query(
    `INSERT INTO activity_chain_cuts (chain_seq, row_hash, first_seq, rows, cutoff, archive_file, archive_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [lastSeq, head.rowHash, start.seq + 1, walker.rows, cutoff, name, sha256],
  );
  await deleteUpTo(c, lastSeq);
  const result = { archived: walker.rows, firstSeq: start.seq + 1, lastSeq, file, sha256, headHash: head.rowHash.toString("hex") };
  logger().info({ audit: true, archive: { ...result, cutoff: cutoff.toISOString() } }, "activity rows archived");
  await writeAnchor(c, "archived");
  return result;
}
