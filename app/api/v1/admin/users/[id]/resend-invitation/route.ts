import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { resendInvitation } from "@/lib/server/users/resend-invitation";

/** -> 200 {message, user}: the old link dies, the new one lives 7 days. */
export const POST = route<{ id: string }>(async ({ ctx, params }) => resendInvitation(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
