import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { activityCsvResponse } from "@/lib/server/activity/export-csv";

// GET /api/v1/admin/activity/export.csv with the list's filters: a streamed CSV attachment.
export const GET = route(({ ctx, query }) => activityCsvResponse(ctx, query));

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
