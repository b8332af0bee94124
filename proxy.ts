import { NextResponse, type NextRequest } from "next/server";
import { readSessionClaims } from "@/lib/server/auth/session";

// Anonymous visits to the console go to the login page with a way back.
// This only checks that a signed session cookie exists; the console layout
// re-checks the user against the database on every request.

const PUBLIC = ["/admin/login", "/admin/accept-invitation", "/admin/reset-password", "/admin/forgot-password"];

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
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
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/admin", "/admin/:path*"] };
