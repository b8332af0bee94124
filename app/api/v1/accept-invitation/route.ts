import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { acceptInvitation } from "@/lib/server/invitations/accept";

/**
 * POST /api/v1/accept-invitation {token, password, password_confirm?}.
 * Public; the service counts the per-IP limit (10 a minute), this door
 * reports it in the X-RateLimit-* headers.
 */
export const POST = route(async ({ ctx, body }) => acceptInvitation(ctx, jsonObject(await body())), { auth: "public", limits: ["accept-ip"] });

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
