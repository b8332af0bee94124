// Real credentials for Jest, made the way the running app makes them: the
// console cookie through the app's next-auth options (its credentials
// provider's authorize, its jwt callback, next-auth's own encoder and the
// app's secret), the API token through the login service. Also the raw
// tokens of single-use links, stored hashed exactly as the services store them.
import { encode } from "next-auth/jwt";
import { ulid } from "ulid";
import { issueApiToken } from "@/lib/server/auth/api-tokens";
import { authOptions, SESSION_MAX_AGE_S } from "@/lib/server/auth/next-auth";
import { hashToken, newToken } from "@/lib/server/auth/tokens";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { makeUser, META, PASSWORD } from "../helpers";

export const SESSION_COOKIE = "next-auth.session-token";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string; name: string; email: string } | null>;

/** Signs in like the login form: the session cookie next-auth would set. */
export async function sessionCookie(username: string, password = PASSWORD): Promise<Record<string, string>> {
  const opts = authOptions();
  const provider = opts.providers[0] as unknown as { options: { authorize: Authorize } };
  const user = await provider.options.authorize({ username, password }, { headers: { "x-sel-peer": META.ip! } });
  if (!user) throw new Error(`sign-in of ${username} refused`);
  const token = await opts.callbacks!.jwt!({ token: { name: user.name, email: user.email, sub: user.id }, user, account: null } as never);
  return { [SESSION_COOKIE]: await encode({ token, secret: env().secret, maxAge: SESSION_MAX_AGE_S }) };
}

/** Logs in through the API login service: the raw bearer token. */
export async function apiToken(username: string, password = PASSWORD): Promise<string> {
  const r = await issueApiToken({ actor: null, meta: META }, { username, password });
  if (!r.ok) throw new Error(`API login of ${username} refused: ${r.code}`);
  return r.data.token;
}

/** A pending user with an open invitation whose raw token we know. */
export async function openInvitation(): Promise<{ userId: string; token: string }> {
  const u = await makeUser({ status: "pending" });
  const token = newToken();
  await db().invitation.create({ data: { id: ulid(), userId: u.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 864e5), deliveryStatus: "sent" } });
  return { userId: u.id, token };
}

/** An open password reset link (for a new active user unless one is given). */
export async function openReset(userId?: string): Promise<{ userId: string; token: string }> {
  const id = userId ?? (await makeUser()).id;
  const token = newToken();
  await db().passwordReset.create({ data: { id: ulid(), userId: id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3600e3) } });
  return { userId: id, token };
}
