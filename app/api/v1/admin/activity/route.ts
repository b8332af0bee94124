import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { listActivity } from "@/lib/server/activity/list-activity";

// GET /api/v1/admin/activity?user_id=&event_type=&resource_type=&start_date=&end_date=&limit=&after=
export const GET = route(({ ctx, query }) => listActivity(ctx, query));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
