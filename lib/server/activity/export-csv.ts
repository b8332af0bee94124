import "server-only";
import { stringify } from "csv-stringify/sync";
import { activityFilterSchema, exportFileName } from "@/lib/schemas/activity";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { logUnexpected } from "../logger";
import { run, type Err, type Result } from "../result";
import { parseInput } from "../validate";
import { deletedActorIds, filterWhere, toItem, type ActivityItem } from "./query";
import { detailsText, resourceText } from "./details-text";

export const CSV_COLUMNS = ["Timestamp", "User", "Event Type", "Resource", "IP Address", "Details"];
export const EXPORT_BATCH = 500;

export type CsvExport = { filename: string; stream: ReadableStream<Uint8Array> };

// A spreadsheet runs a cell that starts with = + - @ as a formula; failed
// logins log whatever name was typed, so neutralise such cells (OWASP CSV injection).
const safeCell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function csvRow(item: ActivityItem): string[] {
  return [item.timestamp, item.username ?? "", item.event_type, resourceText(item), item.ip_address ?? "", detailsText(item)].map(safeCell);
}

/**
 * The filtered log as CSV, newest first. Authorization and validation happen
 * before anything is sent, so a bad request is still a clean 4xx. The body is
 * then produced on demand: each pull reads the next keyset batch (id < last
 * id sent), so memory stays at one batch however large the table is, and
 * rows written after the export began (newer ids) are not mixed in.
 */
export function exportActivityCsv(ctx: Ctx, input: unknown, opts: { batchSize?: number } = {}): Promise<Result<CsvExport>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const filter = parseInput(activityFilterSchema, input);
    const where = filterWhere(filter);
    const batchSize = opts.batchSize ?? EXPORT_BATCH;
    const enc = new TextEncoder();
    let last: string | undefined;
    let header = true;
    let done = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (done) return;
          try {
            const rows = await db().activityLog.findMany({
              where: last ? { AND: [where, { id: { lt: last } }] } : where,
              orderBy: { id: "desc" },
              take: batchSize,
            });
            const deleted = await deletedActorIds(rows);
            const text = stringify(rows.map((r) => csvRow(toItem(r, deleted))), { header, columns: CSV_COLUMNS });
            header = false;
            if (text) controller.enqueue(enc.encode(text));
            last = rows[rows.length - 1]?.id;
            if (rows.length < batchSize) {
              done = true;
              controller.close();
            }
          } catch (e) {
            done = true;
            // The status line is long gone: the log (with its reference) is the only place this shows.
            controller.error(new Error(`export failed (reference ${logUnexpected(e, "activity CSV export failed mid-stream")})`));
          }
        },
      },
      // One batch queued ahead at most: the database is read as fast as the client downloads.
      { highWaterMark: 1 },
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
