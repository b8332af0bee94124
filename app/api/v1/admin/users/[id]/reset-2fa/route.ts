import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { resetUserTwoFactor } from "@/lib/server/two-factor/service";

/** -> 200 user: the user's second factor and recovery codes are gone; 400 when there is none, or it is the caller's own. */
export const POST = route<{ id: string }>(async ({ ctx, params }) => resetUserTwoFactor(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
