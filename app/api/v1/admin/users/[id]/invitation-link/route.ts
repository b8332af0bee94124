import { methodNotAllowed, route } from "@/lib/server/adapters/route";
import { copyInvitationLink } from "@/lib/server/users/invitation-link";

/** -> 200 {link, expires_at, user} with EMAIL_PROVIDER=log only (409 otherwise): a fresh link to hand over. */
export const POST = route<{ id: string }>(async ({ ctx, params }) => copyInvitationLink(ctx, params.id));

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
