import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { unlockUser } from "@/lib/server/users/unlock-user";

/** -> 200 user: a lockout ends at once; 400 when the account is not locked. */
export const POST = route<{ id: string }>(async ({ ctx, params }) => unlockUser(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
