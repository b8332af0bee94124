import { json, jsonObject, methodNotAllowed, problem, rateHeaders, route } from "@/lib/server/adapters/route";
import { acceptInvitation } from "@/lib/server/invitations/accept";
import { peek } from "@/lib/server/rate-limit";

/**
 * POST /api/v1/accept-invitation {token, password, password_confirm?}.
 * Public; the service counts the per-IP limit (10 a minute), this door only
 * reports it in the X-RateLimit-* headers.
 */
export const POST = route(
  async ({ req, ctx, body }) => {
    const r = await acceptInvitation(ctx, jsonObject(await body()));
    // Same key as the service's hit("public-ip", ...).
    const headers = rateHeaders(await peek("public-ip", `accept:${ctx.meta.ip ?? "unknown"}`));
    return r.ok ? json(r.data, 200, headers) : problem(r, new URL(req.url).pathname, headers);
  },
  { auth: "public" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
