import { NextResponse, type NextRequest } from "next/server";
import { sectionOf } from "@/lib/console-sections";
import { contentSecurityPolicy, HSTS, newNonce } from "@/lib/csp";
import { can } from "@/lib/roles";
import { readSessionClaims, secureCookies } from "@/lib/server/auth/session";

// Every page gets a nonce-based Content-Security-Policy (lib/csp.ts) and,
// served over HTTPS, HSTS. Anonymous visits to the console go to the login
// page with a way back. This only checks that a signed session cookie
// exists; the console layout re-checks the session and the user against the
// database on every request.

const PUBLIC = ["/admin/login", "/admin/accept-invitation", "/admin/reset-password", "/admin/forgot-password"];

// Next.js answers a dynamic route whose path is not valid percent-encoding
// (/admin/users/%C0%AF) with a bare 500; a page gets a plain 400. (The API's
// 400 problem comes from the server itself, scripts/lib/malformed-api-path.js.)
function malformedPath(pathname: string): Response | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return new Response("Bad request: The request path is not valid URL encoding.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  const https = secureCookies();
  const malformed = malformedPath(pathname);
  if (malformed) {
    if (https) malformed.headers.set("strict-transport-security", HSTS);
    return malformed;
  }
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(req.headers);
  headers.set("x-url", pathname + search);
  // Next.js reads the nonce from the request's policy and puts it on its scripts.
  headers.set("content-security-policy", csp);
  const secured = <T extends Response>(res: T): T => {
    res.headers.set("content-security-policy", csp);
    if (https) res.headers.set("strict-transport-security", HSTS);
    return res;
  };
  const inConsole = pathname === "/admin" || pathname.startsWith("/admin/");
  if (!inConsole || PUBLIC.some((p) => pathname === p || pathname.startsWith(p + "/"))) {
    return secured(NextResponse.next({ request: { headers } }));
  }
  const claims = await readSessionClaims(Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])));
  if (!claims) {
    const login = new URL("/admin/login", req.url);
    login.searchParams.set("redirect", pathname + search);
    return secured(NextResponse.redirect(login));
  }
  // A section the role may not open answers a real 403. The role claim is
  // current whenever the cookie's session is: a role change ends the user's
  // sessions, and the console layout refuses ended ones.
  const section = sectionOf(pathname);
  if (section && !can(claims.role, section.permission)) {
    return secured(NextResponse.rewrite(new URL("/admin/forbidden", req.url), { status: 403, request: { headers } }));
  }
  return secured(NextResponse.next({ request: { headers } }));
}

// Every page; not the build's static files or the icon. Not /api: the API's answers carry their own headers (lib/server/adapters/route.ts)
// and check their own credentials; running the proxy for them only cost time.
export const config = { matcher: ["/((?!api/|_next/static|_next/image|favicon\\.svg).*)"] };
