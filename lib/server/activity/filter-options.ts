import "server-only";
import { eventFilterOptions, PLANNED_EVENT_TYPES, type EventType } from "@/lib/activity-events";
import { ulidSchema } from "@/lib/schemas/user";
import { authorize, type Ctx } from "../auth/actor";
import { db, pool } from "../db";
import { run, type Result } from "../result";
import { prepared } from "../sql";
import { DELETED_USER } from "./query";

// A named statement: planning it was most of its cost on every page render.
const PLANNED_PRESENT = "SELECT t FROM unnest($1::text[]) AS t WHERE EXISTS (SELECT 1 FROM activity_logs WHERE event_type = t)";

export type FilterOptions = {
  /** The user the view is filtered by, named for the User filter (null: all users). */
  selectedUser: { id: string; label: string } | null;
  eventTypes: { value: EventType; label: string }[];
};

/**
 * The activity page's filter choices. The User filter searches users as one
 * types (the palette's search), so the page only names the one the URL
 * selects: one primary-key read, never a list of users. Event types: every
 * type the node writes, and the guide's planned ones only where rows of
 * them exist (one index probe each), so no option can never match.
 */
export function activityFilterOptions(ctx: Ctx, selectedUserId?: string): Promise<Result<FilterOptions>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const id = ulidSchema.safeParse(selectedUserId);
    const [user, present] = await Promise.all([
      id.success ? db().user.findUnique({ where: { id: id.data }, select: { id: true, username: true, deletedAt: true } }) : null,
      pool().query<{ t: string }>(prepared(PLANNED_PRESENT, [PLANNED_EVENT_TYPES])),
    ]);
    const raw = selectedUserId?.trim();
    const selectedUser = user
      ? { id: user.id, label: user.deletedAt ? DELETED_USER : user.username }
      : raw
        ? { id: raw.toUpperCase(), label: `User ${raw.toUpperCase()}` }
        : null;
    return { selectedUser, eventTypes: eventFilterOptions(present.rows.map((r) => r.t)) };
  });
}
