import { loginSchema } from "@/lib/schemas/password";
import { json, jsonObject, methodNotAllowed, problem, rateHeaders, route } from "@/lib/server/adapters/route";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { loginUserKey } from "@/lib/server/auth/login";
import { peek, type RateState } from "@/lib/server/rate-limit";
import { errFrom } from "@/lib/server/result";
import { parseInput } from "@/lib/server/validate";

// API.md words every credential failure the same way, "Invalid credentials",
// whatever the reason (unknown, wrong password, pending, inactive, deleted).
const INVALID_CREDENTIALS = "Invalid credentials";

/** The tighter of the two login limits (per IP, per username) is the one a client runs into. */
async function loginLimit(ip: string, username: string): Promise<RateState> {
  const [byIp, byUser] = await Promise.all([peek("login-ip", ip), peek("login-user", await loginUserKey(username))]);
  return byUser.remaining < byIp.remaining ? byUser : byIp;
}

export const POST = route(
  async ({ req, ctx, body }) => {
    // A body without both fields is a malformed request (400), not a failed login.
    const input = parseInput(loginSchema, jsonObject(await body()));
    let out: Response;
    try {
      out = json(await issueApiToken(ctx, input));
    } catch (e) {
      const err = errFrom(e);
      if (err.code === "unauthorized") err.message = INVALID_CREDENTIALS;
      out = problem(err, new URL(req.url).pathname);
    }
    const limit = await loginLimit(ctx.meta.ip ?? "unknown", input.username);
    for (const [k, v] of Object.entries(rateHeaders(limit))) out.headers.set(k, v);
    return out;
  },
  { auth: "public" },
);

const notAllowed = methodNotAllowed(["POST"]);
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
