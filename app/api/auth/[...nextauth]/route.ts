import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/auth/next-auth";

function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req as never, ctx as never);
}

export { handler as GET, handler as POST };
