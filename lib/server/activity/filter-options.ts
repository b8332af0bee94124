import "server-only";
import { eventFilterOptions, PLANNED_EVENT_TYPES, type EventType } from "@/lib/activity-events";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { run, type Result } from "../result";

export const USER_OPTIONS_CAP = 500;

export type FilterOptions = {
  users: { id: string; username: string }[];
  capped: boolean;
  eventTypes: { value: EventType; label: string }[];
};

/**
 * The activity page's filter choices. Users: live users by name, capped so a
 * node with thousands of accounts still renders a usable select (the page
 * says so, and a user's own page links to their filtered log instead).
 * Event types: every type the node writes, and the guide's planned ones only
 * where rows of them exist (one index probe each), so no option can never match.
 */
export function activityFilterOptions(ctx: Ctx): Promise<Result<FilterOptions>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const [rows, present] = await Promise.all([
      db().user.findMany({
        where: { deletedAt: null },
        orderBy: { username: "asc" },
        take: USER_OPTIONS_CAP + 1,
        select: { id: true, username: true },
      }),
      db().$queryRaw<{ t: string }[]>`
        SELECT t FROM unnest(${PLANNED_EVENT_TYPES}::text[]) AS t
         WHERE EXISTS (SELECT 1 FROM activity_logs WHERE event_type = t)`,
    ]);
    return {
      users: rows.slice(0, USER_OPTIONS_CAP),
      capped: rows.length > USER_OPTIONS_CAP,
      eventTypes: eventFilterOptions(present.map((r) => r.t)),
    };
  });
}
