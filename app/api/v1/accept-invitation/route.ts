import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { acceptInvitation } from "@/lib/server/invitations/accept";
import { peek } from "@/lib/server/rate-limit";

/**
 * POST /api/v1/accept-invitation {token, password, password_confirm?}.
 * Public; the service counts the per-IP limit (10 a minute), this door
 * reports it in the X-RateLimit-* headers (same key as the service's hit).
 */
export const POST = route(async ({ ctx, body }) => acceptInvitation(ctx, jsonObject(await body())), {
  auth: "public",
  rateLimit: (ctx) => peek("public-ip", `accept:${ctx.meta.ip ?? "unknown"}`),
});

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
