import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { userActivity } from "@/lib/server/activity/list-activity";

// GET /api/v1/admin/users/{id}/activity: the user's activity as actor or target.
export const GET = route<{ id: string }>(({ ctx, params, query }) => userActivity(ctx, params.id, query));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
