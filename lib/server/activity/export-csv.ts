import "server-only";
import type { PoolClient } from "pg";
import { activityFilterSchema, exportFileName } from "@/lib/schemas/activity";
import { authorize, type Ctx } from "../auth/actor";
import { csvLines } from "../csv";
import { pool } from "../db";
import { logUnexpected } from "../logger";
import { run, type Err, type Result } from "../result";
import { parseInput } from "../validate";
import { DELETED_USER, filterSql, type ActivityItem } from "./query";
import { detailsText, resourceText } from "./details-text";

export const CSV_COLUMNS = ["Timestamp", "User", "Event Type", "Resource", "IP Address", "Details"];
export const EXPORT_BATCH = 2000;

export type CsvExport = { filename: string; stream: ReadableStream<Uint8Array> };

// The SELECT's columns in order; rows come as arrays (no object per row).
type CsvRecord = [timestamp: string, username: string | null, event_type: string, resource_type: string | null, resource_id: string | null, ip_address: string | null, details: ActivityItem["details"]];

function csvRow([timestamp, username, event_type, resource_type, resource_id, ip_address, details]: CsvRecord): string[] {
  return [timestamp, username ?? "", event_type, resourceText({ resource_type, resource_id }), ip_address ?? "", detailsText({ event_type, details })];
}

// The timestamp is formatted by PostgreSQL exactly as Date#toISOString does;
// a deleted account's name reads as such (the guide's troubleshooting section).
const SELECT = `SELECT to_char(a."timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp,
    CASE WHEN u.deleted_at IS NOT NULL THEN '${DELETED_USER}' ELSE a.username END AS username,
    a.event_type, a.resource_type, a.resource_id, a.ip_address, a.details
  FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id`;

/**
 * The filtered log as CSV, newest first. Authorization and validation happen
 * before anything is sent, so a bad request is still a clean 4xx. The body
 * then comes from ONE server-side cursor in a read-only transaction (one
 * consistent snapshot: rows written after the export began are not mixed
 * in), fetched EXPORT_BATCH rows at a time with the next batch already
 * requested while the current one is turned into CSV. Memory stays at about
 * two batches however large the log is; the stream is pulled only as fast as
 * the client downloads, and a client that goes away closes the cursor.
 */
export function exportActivityCsv(ctx: Ctx, input: unknown, opts: { batchSize?: number } = {}): Promise<Result<CsvExport>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const filter = parseInput(activityFilterSchema, input);
    const { where, values } = filterSql(filter);
    const batch = opts.batchSize ?? EXPORT_BATCH;
    const enc = new TextEncoder();
    let client: PoolClient | undefined;
    let ahead: Promise<CsvRecord[]> | undefined;
    let header = true;
    let finished = false;
    const fetchNext = () => client!.query<CsvRecord>({ text: `FETCH ${batch} FROM activity_export`, rowMode: "array" }).then((r) => r.rows);
    const finish = async (err?: unknown) => {
      if (finished) return;
      finished = true;
      const c = client;
      client = undefined;
      if (!c) return;
      if (err) return c.release(true);
      try {
        await ahead?.catch(() => undefined);
        await c.query("ROLLBACK");
        c.release();
      } catch {
        c.release(true);
      }
    };
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          try {
            if (!client && !finished) {
              client = await pool().connect();
              await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
              await client.query({ text: `DECLARE activity_export NO SCROLL CURSOR FOR ${SELECT} ${where} ORDER BY a.id DESC`, values });
              ahead = fetchNext();
            }
            if (finished) return controller.close();
            const rows = await ahead!;
            const last = rows.length < batch;
            ahead = last ? undefined : fetchNext();
            const lines = rows.map(csvRow);
            if (header) lines.unshift(CSV_COLUMNS);
            header = false;
            const text = csvLines(lines, { spreadsheetSafe: true });
            if (text) controller.enqueue(enc.encode(text));
            if (last) {
              await finish();
              controller.close();
            }
          } catch (e) {
            await finish(e);
            // The status line is long gone: the log (with its reference) is the only place this shows.
            controller.error(new Error(`export failed (reference ${logUnexpected(e, "activity CSV export failed mid-stream")})`));
          }
        },
        async cancel() {
          await finish();
        },
      },
      // Nothing is read before the first pull; one batch is formatted ahead of the client.
      { highWaterMark: 0 },
    );
    return { filename: exportFileName(), stream };
  });
}

/** The HTTP answer of either door (API token or console session): a streamed attachment, or the refusal for route(). */
export async function activityCsvResponse(ctx: Ctx, query: unknown): Promise<Response | Err> {
  const r = await exportActivityCsv(ctx, query);
  return r.ok ? csvResponse(r.data) : r;
}

function csvResponse(out: CsvExport): Response {
  return new Response(out.stream, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${out.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
