import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { guardAuthRequest } from "@/lib/server/auth/next-auth-guard";
import { authOptions } from "@/lib/server/auth/next-auth";

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) {
  // Malformed requests next-auth would answer with a 500 get a 400 here first.
  const guarded = await guardAuthRequest(req);
  if (guarded instanceof Response) return guarded;
  return NextAuth(authOptions())(guarded as never, ctx as never);
}

export { handler as GET, handler as POST };
