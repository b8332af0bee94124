import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { metaFromHeaders } from "../request-meta";
import type { Actor, Ctx, RequestMeta } from "./actor";
import { actorForBearer, actorForToken } from "./resolve";

/** Session cookies are Secure (and __Secure- prefixed) when the console is served over HTTPS. */
export const secureCookies = () => env().appUrl.startsWith("https://");

/** The claims of a session cookie: user id, the session's secret token, display name and role. */
export type SessionClaims = { uid: string; st: string; name: string; role: string };

/** The JWT claims of a cookie, or null (no cookie, bad signature, expired, or issued before sessions had rows). */
export async function readSessionClaims(cookieValues: Record<string, string>): Promise<SessionClaims | null> {
  const token = await getToken({
    req: { cookies: cookieValues, headers: {} } as never,
    secret: env().secret,
    secureCookie: secureCookies(),
  });
  if (!token?.uid || typeof token.st !== "string") return null;
  return { uid: String(token.uid), st: token.st, name: String(token.name ?? ""), role: String(token.role ?? "") };
}

/** The cookie session's actor for server components and server actions. */
export async function sessionActor(meta?: RequestMeta): Promise<Actor | null> {
  const jar = await cookies();
  const claims = await readSessionClaims(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])));
  return claims ? actorForToken("browser", claims.st, meta) : null;
}

/** Context for a server action or server component: cookie session + request meta. */
export async function actionCtx(): Promise<Ctx> {
  const meta = metaFromHeaders(await headers());
  return { actor: await sessionActor(meta), meta };
}

/**
 * Context for a REST route handler. The API authenticates with bearer tokens
 * only (API.md); cookies are ignored there, which also rules out CSRF.
 */
export async function routeCtx(req: Request): Promise<Ctx> {
  const meta = metaFromHeaders(req.headers);
  return { actor: await actorForBearer(req.headers.get("authorization"), meta), meta };
}
