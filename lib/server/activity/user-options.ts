import "server-only";
import { authorize, type Ctx } from "../auth/actor";
import { db } from "../db";
import { run, type Result } from "../result";

export const USER_OPTIONS_CAP = 500;

export type UserOptions = { users: { id: string; username: string }[]; capped: boolean };

/**
 * The activity page's "User" filter: live users by name. Capped so a node
 * with thousands of accounts still renders a usable select; the page says so
 * and a user's own page links to their filtered log instead.
 */
export function activityUserOptions(ctx: Ctx): Promise<Result<UserOptions>> {
  return run(async () => {
    authorize(ctx, "activity:read");
    const rows = await db().user.findMany({
      where: { deletedAt: null },
      orderBy: { username: "asc" },
      take: USER_OPTIONS_CAP + 1,
      select: { id: true, username: true },
    });
    return { users: rows.slice(0, USER_OPTIONS_CAP), capped: rows.length > USER_OPTIONS_CAP };
  });
}
