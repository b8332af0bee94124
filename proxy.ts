import { NextResponse, type NextRequest } from "next/server";
import { sectionOf } from "@/lib/console-sections";
import { can } from "@/lib/roles";
import { readSessionClaims } from "@/lib/server/auth/session";

// Anonymous visits to the console go to the login page with a way back.
// This only checks that a signed session cookie exists; the console layout
// re-checks the user against the database on every request.

const PUBLIC = ["/admin/login", "/admin/accept-invitation", "/admin/reset-password", "/admin/forgot-password"];

// Next.js answers a dynamic route whose path is not valid percent-encoding
// (/api/v1/admin/users/%zz) with a bare 500; the API promises a 400 problem.
function malformedApiPath(pathname: string): Response | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    const body = { type: "https://sel.events/problems/validation-error", title: "Invalid request", status: 400, detail: "The request path is not valid URL encoding", instance: pathname };
    return new Response(JSON.stringify(body), { status: 400, headers: { "content-type": "application/problem+json" } });
  }
}

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (pathname.startsWith("/api/")) return malformedApiPath(pathname) ?? NextResponse.next();
  const headers = new Headers(req.headers);
  headers.set("x-url", pathname + search);
  if (PUBLIC.some((p) => pathname === p || pathname.startsWith(p + "/"))) {
    return NextResponse.next({ request: { headers } });
  }
  const claims = await readSessionClaims(Object.fromEntries(req.cookies.getAll().map((c) => [c.name, c.value])));
  if (!claims) {
    const login = new URL("/admin/login", req.url);
    login.searchParams.set("redirect", pathname + search);
    return NextResponse.redirect(login);
  }
  // A section the role may not open answers a real 403. The role claim is
  // current whenever the cookie is: a role change bumps the session version,
  // and the console layout refuses stale versions.
  const section = sectionOf(pathname);
  if (section && !can(claims.role, section.permission)) {
    return NextResponse.rewrite(new URL("/admin/forbidden", req.url), { status: 403, request: { headers } });
  }
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/admin", "/admin/:path*", "/api/v1/:path*"] };
