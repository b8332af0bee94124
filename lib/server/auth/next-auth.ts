import "server-only";
import type { AuthOptions, Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { INVALID_OTP } from "@/lib/schemas/two-factor";
import { env } from "../env";
import { AppError } from "../errors";
import { logUnexpected } from "../logger";
import { metaFromHeaders } from "../request-meta";
import { recordLogout, verifyCredentials } from "./login";
import { actorForToken } from "./resolve";
import { secureCookies } from "./session";
import { closeSessionByToken, openSession, SESSION_TTL_MS } from "./sessions";

export const SESSION_MAX_AGE_S = SESSION_TTL_MS / 1000;

function headersOf(req: { headers?: unknown } | undefined): Headers {
  const h = new Headers();
  const raw = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
  return h;
}

/**
 * next-auth 4 with the credentials provider and JWT cookies. A sign-in opens
 * a browser row in `sessions`; the JWT carries the user id, that session's
 * secret token, the name and the role (for proxy.ts), and every request
 * re-checks the session and the user in the database (lib/server/auth/resolve.ts).
 */
export function authOptions(): AuthOptions {
  return {
    secret: env().secret,
    useSecureCookies: secureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/admin/login", error: "/admin/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { username: { type: "text" }, password: { type: "password" }, otp: { type: "text" } },
        async authorize(credentials, req) {
          const meta = metaFromHeaders(headersOf(req));
          try {
            const u = await verifyCredentials({ actor: null, meta }, credentials);
            const session = await openSession(u.id, "browser", meta);
            return { id: u.id, name: u.username, email: u.email, role: u.role, st: session.token };
          } catch (e) {
            if (e instanceof AppError && e.code === "rate_limited") throw new Error("RateLimited");
            // The password was right: the form asks for the code (again, when this one was wrong or used).
            if (e instanceof AppError && e.code === "otp_required") throw new Error(e.message === INVALID_OTP ? "OtpInvalid" : "OtpRequired");
            if (e instanceof AppError) return null;
            // The form maps the code to its message and shows the reference the log has.
            const ref = logUnexpected(e, "login failed unexpectedly");
            throw new Error(`ServerError:${ref}`);
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; st: string; role: string };
          token.uid = u.id;
          token.st = u.st;
          token.role = u.role;
        }
        return token;
      },
      async session({ session, token }) {
        // GET /api/auth/session decodes the cookie without the database: a
        // signed-out, deactivated, deleted, demoted or password-changed user's
        // cookie would still read as signed in. Checked like every other request (found by
        // the authorization matrix); a stale cookie reads as no session.
        const actor = typeof token.st === "string" ? await actorForToken("browser", token.st) : null;
        if (!actor) return {} as Session;
        // The client needs nothing but a display name; roles are re-read on the server.
        return { expires: session.expires, user: { name: token.name ?? null } };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.st !== "string" || !token.name) return;
        // The cookie is cleared whatever happens; a failure here is only logged.
        try {
          // A session already ended elsewhere (signed out from another device) logs nothing more.
          const ended = await closeSessionByToken(token.st);
          if (ended) await recordLogout({ actor: null, meta: { ip: null, userAgent: null } }, { id: ended.userId, username: String(token.name) });
        } catch (e) {
          logUnexpected(e, "logout could not be recorded", { userId: String(token.uid) });
        }
      },
    },
  };
}
