import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { userActivity } from "@/lib/server/activity/list-activity";

// GET /api/v1/admin/users/{id}/activity: the user's activity as actor or target.
export const GET = route<{ id: string }>(({ req, ctx, params }) =>
  userActivity(ctx, params.id, Object.fromEntries(new URL(req.url).searchParams)),
);

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
