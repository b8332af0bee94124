import { z } from "./zod";
import { opt, pageFields } from "./common";

// Isomorphic: the activity log's query, shared by the REST handlers, the CSV
// export (API and cookie door) and the /admin/activity page's URL parameters.

/** A real calendar day (2026-02-30 is refused), read as UTC. */
const dateSchema = (name: string) =>
  z
    .string()
    .trim()
    .pipe(
      z.iso.date({
        // One check, two messages: a wrong shape and an impossible day need different fixes.
        error: (iss) => (/^\d{4}-\d{2}-\d{2}$/.test(String(iss.input)) ? `${name} is not a valid calendar date` : `${name} must be a date in the form YYYY-MM-DD`),
      }),
    )
    // PostgreSQL has no year 0, and nothing was logged before the product existed.
    .refine((v) => v >= "1970-01-01" && v <= "9999-12-31", `${name} must be between 1970-01-01 and 9999-12-31`);

const filterFields = {
  user_id: opt(
    z
      .string()
      .trim()
      .pipe(z.ulid("user_id must be a user id (26-character ULID)"))
      .transform((v) => v.toUpperCase()),
  ),
  // Any well-formed type, known or not (docs/decisions.md: the API filters what rows hold).
  event_type: opt(z.string().trim().max(64, "event_type must be at most 64 characters").regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "event_type must look like user.login")),
  resource_type: opt(z.string().trim().max(32, "resource_type must be at most 32 characters").regex(/^[a-z][a-z0-9_]*$/, "resource_type must look like user")),
  start_date: opt(dateSchema("start_date")),
  end_date: opt(dateSchema("end_date")),
};


const rangeOk = (q: { start_date?: string; end_date?: string }) => !q.start_date || !q.end_date || q.end_date >= q.start_date;
const rangeMsg = { message: "The end date must be on or after the start date", path: ["end_date"] };

export const activityFilterSchema = z.object(filterFields).refine(rangeOk, rangeMsg);
export const activityQuerySchema = z.object({ ...filterFields, ...pageFields }).refine(rangeOk, rangeMsg);
/** A user's timeline (GET /users/{id}/activity): the path names the user, so no user_id filter. */
const { user_id: _omit, ...userFilterFields } = filterFields;
export const userActivityQuerySchema = z.object({ ...userFilterFields, ...pageFields }).refine(rangeOk, rangeMsg);

export type ActivityFilter = z.output<typeof activityFilterSchema>;
export type ActivityQuery = z.output<typeof activityQuerySchema>;
export type UserActivityQuery = z.output<typeof userActivityQuerySchema>;

/** The filter keys a page URL or an export link carries. */
export const FILTER_KEYS = ["user_id", "event_type", "resource_type", "start_date", "end_date"] as const;

/** The query string of a filtered view (blank filters left out). */
export function filterQueryString(f: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) p.set(k, f[k]!);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The export's file name: activity_log_YYYYMMDD.csv, today in UTC. */
export function exportFileName(now = new Date()): string {
  return `activity_log_${now.toISOString().slice(0, 10).replace(/-/g, "")}.csv`;
}
