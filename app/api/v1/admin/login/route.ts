import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { issueApiToken } from "@/lib/server/auth/api-tokens";

/**
 * POST /api/v1/admin/login {username, password} -> 200 {token, expires_at, user}.
 * Public; the service counts the per-IP and per-account limits, and every
 * answer reports the tighter one.
 */
export const POST = route(async ({ ctx, body }) => issueApiToken(ctx, jsonObject(await body())), { auth: "public", limits: ["login-ip"] });

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
