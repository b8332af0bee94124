import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { csvResponse, exportActivityCsv } from "@/lib/server/activity/export-csv";

// GET /api/v1/admin/activity/export.csv with the list's filters: a streamed CSV attachment.
export const GET = route(async ({ req, ctx }) => {
  const r = await exportActivityCsv(ctx, Object.fromEntries(new URL(req.url).searchParams));
  return r.ok ? csvResponse(r.data) : r;
});

const notAllowed = methodNotAllowed(["GET"]);
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
