import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { activityIntegrity, startVerification } from "@/lib/server/activity/chain/integrity";

// GET /api/v1/admin/activity/verify: the running verification of the activity chain and the last result.
export const GET = route(({ ctx }) => activityIntegrity(ctx));

// POST /api/v1/admin/activity/verify: starts one in the background (or joins the running one); 202.
export const POST = route(({ ctx }) => startVerification(ctx), { status: 202 });

const notAllowed = methodNotAllowed(["GET", "POST"]);
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
