import { loginSchema } from "@/lib/schemas/password";
import { jsonObject, methodNotAllowed, route } from "@/lib/server/adapters/route";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { loginUserKey } from "@/lib/server/auth/login";
import { peek, type RateState } from "@/lib/server/rate-limit";
import { errFrom, ok } from "@/lib/server/result";
import { parseInput } from "@/lib/server/validate";

// API.md words every credential failure the same way, "Invalid credentials",
// whatever the reason (unknown, wrong password, pending, inactive, deleted).
const INVALID_CREDENTIALS = "Invalid credentials";

/** The tighter of the two login limits (per IP, per account) is the one a client runs into. */
async function loginLimit(ip: string, body: unknown): Promise<RateState> {
  const typed = (body as { username?: unknown } | undefined)?.username;
  const byIp = await peek("login-ip", ip);
  if (typeof typed !== "string" || !typed.trim()) return byIp;
  const byUser = await peek("login-user", await loginUserKey(typed));
  return byUser.remaining < byIp.remaining ? byUser : byIp;
}

export const POST = route(
  async ({ ctx, body }) => {
    // A body without both fields is a malformed request (400), not a failed login.
    const input = parseInput(loginSchema, jsonObject(await body()));
    try {
      return ok(await issueApiToken(ctx, input));
    } catch (e) {
      const err = errFrom(e);
      if (err.code === "unauthorized") err.message = INVALID_CREDENTIALS;
      return err;
    }
  },
  { auth: "public", rateLimit: (ctx, body) => loginLimit(ctx.meta.ip ?? "unknown", body) },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
