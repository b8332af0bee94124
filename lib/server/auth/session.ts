import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { metaFromHeaders } from "../request-meta";
import type { Actor, Ctx } from "./actor";
import { actorFor, actorForBearer } from "./resolve";

export const useSecureCookies = () => env().appUrl.startsWith("https://");

/** The JWT claims of a cookie, or null (no cookie, bad signature, expired). */
export async function readSessionClaims(cookieValues: Record<string, string>): Promise<{ uid: string; sv: number; name: string; role: string } | null> {
  const token = await getToken({
    req: { cookies: cookieValues, headers: {} } as never,
    secret: env().secret,
    secureCookie: useSecureCookies(),
  });
  if (!token?.uid || typeof token.sv !== "number") return null;
  return { uid: String(token.uid), sv: token.sv, name: String(token.name ?? ""), role: String(token.role ?? "") };
}

/** The cookie session's actor for server components and server actions. */
export async function sessionActor(): Promise<Actor | null> {
  const jar = await cookies();
  const claims = await readSessionClaims(Object.fromEntries(jar.getAll().map((c) => [c.name, c.value])));
  return claims ? actorFor(claims.uid, claims.sv) : null;
}

/** Context for a server action or server component: cookie session + request meta. */
export async function actionCtx(): Promise<Ctx> {
  return { actor: await sessionActor(), meta: metaFromHeaders(await headers()) };
}

/**
 * Context for a REST route handler. The API authenticates with bearer tokens
 * only (API.md); cookies are ignored there, which also rules out CSRF.
 */
export async function routeCtx(req: Request): Promise<Ctx> {
  return { actor: await actorForBearer(req.headers.get("authorization")), meta: metaFromHeaders(req.headers) };
}
