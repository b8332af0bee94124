import "server-only";
import type { ActivityLog, Prisma as P } from "@/lib/generated/prisma/client";
import { encodeTime } from "ulid";
import type { ActivityFilter } from "@/lib/schemas/activity";
import type { activityItemSchema, activityPageSchema } from "@/lib/schemas/api-responses";
import type { z } from "@/lib/schemas/zod";
import { db } from "../db";
import { keysetPage, type PageQuery } from "../keyset";

// Pieces shared by the activity list, a user's timeline and the CSV export:
// the filter -> WHERE translation, opaque keyset cursors and the API item.

/** The activity item of API.md (its schema is the published one). */
export type ActivityItem = z.output<typeof activityItemSchema>;

/** A row as the views read it: the chain's columns are omitted by default (db.ts). */
export type ActivityRow = Omit<ActivityLog, "chainSeq" | "prevHash" | "rowHash">;

export type ActivityPage = z.output<typeof activityPageSchema>;

export const DELETED_USER = "[Deleted User]";
const DAY_MS = 24 * 60 * 60 * 1000;

// Ids are ULIDs made when the row is written, so their first 10 characters
// are (almost exactly) the row's time. A date range is also given to
// PostgreSQL as a range of ids: the newest-first walk then starts at the end
// date instead of passing every newer row (a one-month range in a year of
// activity: 1.1 s -> 0.3 ms). The exact timestamp condition stays; the id
// range is widened by ID_SLACK_MS so a row whose id and timestamp came from
// clocks a little apart (app and database) is never left out.
const ID_SLACK_MS = 60 * 60 * 1000;
const MAX_ULID_TIME = 2 ** 48 - 1;
const idAt = (ms: number) => encodeTime(Math.min(MAX_ULID_TIME, Math.max(0, ms)), 10) + "0".repeat(16);

/**
 * Dates are whole UTC days and both ends are inclusive: end_date 2026-02-05
 * keeps everything before 2026-02-06T00:00Z.
 */
export function filterWhere(f: Omit<ActivityFilter, "user_id"> & { user_id?: string }): P.ActivityLogWhereInput {
  const timestamp: P.DateTimeFilter = {};
  const id: P.StringFilter = {};
  if (f.start_date) {
    timestamp.gte = new Date(`${f.start_date}T00:00:00.000Z`);
    id.gte = idAt(timestamp.gte.getTime() - ID_SLACK_MS);
  }
  if (f.end_date) {
    timestamp.lt = new Date(new Date(`${f.end_date}T00:00:00.000Z`).getTime() + DAY_MS);
    id.lt = idAt(timestamp.lt.getTime() + ID_SLACK_MS);
  }
  return {
    ...(f.user_id && { actorId: f.user_id }),
    ...(f.event_type && { eventType: f.event_type }),
    ...(f.resource_type && { resourceType: f.resource_type }),
    ...((f.start_date || f.end_date) && { timestamp, id }),
  };
}

/**
 * The filter as SQL over activity_logs `a`: the same conditions as the list's
 * (filterWhere), id bounds for the dates included.
 */
export function filterSql(f: ActivityFilter): { where: string; values: unknown[] } {
  const w = filterWhere(f);
  const parts: string[] = [];
  const values: unknown[] = [];
  const p = (v: unknown) => (values.push(v), `$${values.length}`);
  if (w.actorId) parts.push(`a.user_id = ${p(w.actorId)}`);
  if (w.eventType) parts.push(`a.event_type = ${p(w.eventType)}`);
  if (w.resourceType) parts.push(`a.resource_type = ${p(w.resourceType)}`);
  const ts = w.timestamp as { gte?: Date; lt?: Date } | undefined;
  const id = w.id as { gte?: string; lt?: string } | undefined;
  if (ts?.gte) parts.push(`a."timestamp" >= ${p(ts.gte)}`);
  if (ts?.lt) parts.push(`a."timestamp" < ${p(ts.lt)}`);
  if (id?.gte) parts.push(`a.id >= ${p(id.gte)}`);
  if (id?.lt) parts.push(`a.id < ${p(id.lt)}`);
  return { where: parts.length ? `WHERE ${parts.join(" AND ")}` : "", values };
}

/** Actors among these rows whose accounts were deleted since: one query per page. */
export async function deletedActorIds(rows: Pick<ActivityLog, "actorId">[]): Promise<Set<string>> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => Boolean(x)))];
  if (!ids.length) return new Set();
  const gone = await db().user.findMany({ where: { id: { in: ids }, deletedAt: { not: null } }, select: { id: true } });
  return new Set(gone.map((u) => u.id));
}

export function toItem(r: ActivityRow, deleted: Set<string>): ActivityItem {
  return {
    id: r.id,
    timestamp: r.timestamp.toISOString(),
    user_id: r.actorId,
    // The snapshot name stays in the table; a deleted account shows as such (the guide's troubleshooting section).
    username: r.actorId && deleted.has(r.actorId) ? DELETED_USER : r.actorUsername,
    event_type: r.eventType,
    resource_type: r.resourceType,
    resource_id: r.resourceId,
    ip_address: r.ipAddress,
    user_agent: r.userAgent,
    details: r.details ?? null,
  };
}

/** One keyset page, newest first, over any WHERE; `before` walks back towards newer rows. */
export async function pageOf(where: P.ActivityLogWhereInput, q: PageQuery): Promise<ActivityPage> {
  const page = await keysetPage("a", q, ({ id, order, take }) =>
    db().activityLog.findMany({ where: id ? { AND: [where, { id }] } : where, orderBy: { id: order }, take }),
  );
  const deleted = await deletedActorIds(page.rows);
  return { items: page.rows.map((r) => toItem(r, deleted)), next_cursor: page.next_cursor, prev_cursor: page.prev_cursor };
}
