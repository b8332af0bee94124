import { json, jsonObject, methodNotAllowed, problem, rateHeaders, route } from "@/lib/server/adapters/route";
import { confirmPasswordReset } from "@/lib/server/password-reset/confirm";
import { resetLimitKey } from "@/lib/server/password-reset/request";
import { peek } from "@/lib/server/rate-limit";

/**
 * POST /api/v1/password-reset/confirm {token, password, password_confirm?}
 * -> 200 {message}. Public; shares the per-IP limit of the request.
 */
export const POST = route(
  async ({ req, ctx, body }) => {
    const r = await confirmPasswordReset(ctx, jsonObject(await body()));
    const headers = rateHeaders(await peek("public-ip", resetLimitKey(ctx)));
    return r.ok ? json(r.data, 200, headers) : problem(r, new URL(req.url).pathname, headers);
  },
  { auth: "public" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
