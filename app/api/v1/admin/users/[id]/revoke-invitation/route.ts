import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { revokeInvitation } from "@/lib/server/users/revoke-invitation";

/** -> 200 {message, user}: the pending user's link dies; they stay pending until resent. */
export const POST = route<{ id: string }>(async ({ ctx, params }) => revokeInvitation(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
