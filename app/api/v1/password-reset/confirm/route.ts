import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { confirmPasswordReset } from "@/lib/server/password-reset/confirm";

/**
 * POST /api/v1/password-reset/confirm {token, password, password_confirm?}
 * -> 200 {message}. Public; shares the per-IP limit of the request.
 */
export const POST = route(async ({ ctx, body }) => confirmPasswordReset(ctx, jsonObject(await body())), { auth: "public", limits: ["reset-ip"] });

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
