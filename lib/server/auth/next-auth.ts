import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env";
import { AppError } from "../errors";
import { logUnexpected } from "../logger";
import { metaFromHeaders } from "../request-meta";
import { recordLogout, verifyCredentials } from "./login";
import { useSecureCookies } from "./session";

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

function headersOf(req: { headers?: unknown } | undefined): Headers {
  const h = new Headers();
  const raw = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
  return h;
}

/**
 * next-auth 4 with the credentials provider and JWT sessions. The JWT carries
 * only the user id and session version; every request re-checks both against
 * the database (lib/server/auth/session.ts).
 */
export function authOptions(): AuthOptions {
  return {
    secret: env().secret,
    useSecureCookies: useSecureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { username: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const meta = metaFromHeaders(headersOf(req));
          try {
            const u = await verifyCredentials({ actor: null, meta }, credentials);
            return { id: u.id, name: u.username, email: u.email, role: u.role, sv: u.sessionVersion };
          } catch (e) {
            if (e instanceof AppError && e.code === "rate_limited") throw new Error("RateLimited");
            if (e instanceof AppError) return null;
            // The form maps the code to its message; the reference is in the log.
            logUnexpected(e, "login failed unexpectedly");
            throw new Error("ServerError");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; sv: number; role: string };
          token.uid = u.id;
          token.sv = u.sv;
          token.role = u.role;
        }
        return token;
      },
      async session({ session, token }) {
        // The client needs nothing but a display name; roles are re-read on the server.
        return { expires: session.expires, user: { name: token.name ?? null } };
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid && token.name) {
          // The cookie is cleared whatever happens; a lost logout row is only logged.
          await recordLogout({ actor: null, meta: { ip: null, userAgent: null } }, { id: String(token.uid), username: String(token.name) }).catch((e: unknown) => {
            logUnexpected(e, "logout could not be recorded", { userId: String(token.uid) });
          });
        }
      },
    },
  };
}
