import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { requestPasswordReset } from "@/lib/server/password-reset/request";

/**
 * POST /api/v1/password-reset {email} -> 202 {message}. Public; the answer is
 * the same whether or not the address has an account. The service counts the
 * per-IP limit (10 a minute); this door only reports it.
 */
export const POST = route(async ({ ctx, body }) => requestPasswordReset(ctx, jsonObject(await body())), {
  auth: "public",
  status: 202,
  limits: ["reset-ip"],
});

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
