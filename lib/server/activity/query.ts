import "server-only";
import type { ActivityLog } from "@/lib/generated/prisma/client";
import { encodeTime } from "ulid";
import type { ActivityFilter } from "@/lib/schemas/activity";
import type { activityItemSchema, activityPageSchema } from "@/lib/schemas/api-responses";
import type { z } from "@/lib/schemas/zod";
import { db, pool } from "../db";
import { param, prepared } from "../sql";
import { keysetPage, type PageQuery, type PageRead } from "../keyset";

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
 * The filter's conditions on activity_logs `a` (their values appended to
 * `values`), shared by the list, a user's timeline and the export. Dates
 * are whole UTC days and both ends are inclusive: end_date 2026-02-05 keeps
 * everything before 2026-02-06T00:00Z; each date also bounds the id.
 */
export function filterConds(f: Omit<ActivityFilter, "user_id"> & { user_id?: string }, values: unknown[]): string[] {
  const parts: string[] = [];
  if (f.user_id) parts.push(`a.user_id = ${param(values, f.user_id)}`);
  if (f.event_type) parts.push(`a.event_type = ${param(values, f.event_type)}`);
  if (f.resource_type) parts.push(`a.resource_type = ${param(values, f.resource_type)}`);
  if (f.start_date) {
    const from = new Date(`${f.start_date}T00:00:00.000Z`);
    parts.push(`a."timestamp" >= ${param(values, from)}`, `a.id >= ${param(values, idAt(from.getTime() - ID_SLACK_MS))}`);
  }
  if (f.end_date) {
    const until = new Date(new Date(`${f.end_date}T00:00:00.000Z`).getTime() + DAY_MS);
    parts.push(`a."timestamp" < ${param(values, until)}`, `a.id < ${param(values, idAt(until.getTime() + ID_SLACK_MS))}`);
  }
  return parts;
}

/** The filter as a WHERE clause over activity_logs `a`, with its values. */
export function filterSql(f: ActivityFilter): { where: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts = filterConds(f, values);
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

// A page's rows with whether the actor's account was deleted since, in one
// statement (the users primary key, one probe per row of the page).
const SELECT_ITEMS = `SELECT a.id, a."timestamp", a.user_id, a.username, a.event_type, a.resource_type, a.resource_id,
       a.ip_address, a.user_agent, a.details, u.deleted_at IS NOT NULL AS actor_deleted
  FROM activity_logs a LEFT JOIN users u ON u.id = a.user_id`;

type ItemRow = {
  id: string;
  timestamp: Date;
  user_id: string | null;
  username: string | null;
  event_type: string;
  resource_type: string | null;
  resource_id: string | null;
  ip_address: string | null;
  user_agent: string | null;
  details: ActivityItem["details"];
  actor_deleted: boolean;
};

const itemOf = (r: ItemRow): ActivityItem => ({
  id: r.id,
  timestamp: r.timestamp.toISOString(),
  user_id: r.user_id,
  username: r.actor_deleted ? DELETED_USER : r.username,
  event_type: r.event_type,
  resource_type: r.resource_type,
  resource_id: r.resource_id,
  ip_address: r.ip_address,
  user_agent: r.user_agent,
  details: r.details ?? null,
});

/** The statement of one page over the conditions `conds` (on `a`, with `values`): a named one, as the users list's. */
export function pageStatement(conds: readonly string[], values: readonly unknown[], read: PageRead) {
  const v = [...values];
  const c = [...conds];
  if (read.id) c.push("lt" in read.id ? `a.id < ${param(v, read.id.lt)}` : `a.id > ${param(v, read.id.gt)}`);
  const where = c.length ? ` WHERE ${c.join(" AND ")}` : "";
  return prepared(`${SELECT_ITEMS}${where} ORDER BY a.id ${read.order === "asc" ? "ASC" : "DESC"} LIMIT ${param(v, read.take)}`, v);
}

/** One keyset page, newest first; `before` walks back towards newer rows. */
export async function pageOf(conds: readonly string[], values: readonly unknown[], q: PageQuery): Promise<ActivityPage> {
  const page = await keysetPage("a", q, async (read) => (await pool().query<ItemRow>(pageStatement(conds, values, read))).rows);
  return { items: page.rows.map(itemOf), next_cursor: page.next_cursor, prev_cursor: page.prev_cursor };
}
