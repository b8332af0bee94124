// Real credentials over plain HTTP, for the proof specs: a console cookie
// from next-auth's credentials sign-in (the login form's own request) and an
// API token from POST /api/v1/admin/login. Plain fetch, no cookie jar, so
// each request carries exactly the credentials a test gives it.
import { PASSWORD } from "./fixtures";

export type Credentials = { cookie: string | null; token: string | null };
export const NONE: Credentials = { cookie: null, token: null };

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

/** The next-auth CSRF pair a sign-in form posts: the token and its cookie. */
export async function csrf(base: string): Promise<{ csrfToken: string; cookie: string }> {
  const res = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookiesOf(res).join("; ") };
}

/** Signs in like the login form and returns the session cookie ("name=value"). */
export async function cookieLogin(base: string, username: string, password = PASSWORD): Promise<string> {
  const { csrfToken, cookie } = await csrf(base);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, username, password, json: "true", callbackUrl: "/admin" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  if (res.status !== 200 || !session) throw new Error(`cookie sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  return session;
}

/** Logs in through the API and returns the bearer token. */
export async function tokenLogin(base: string, username: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/v1/admin/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 200 || !body.token) throw new Error(`API login of ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

export async function bothLogins(base: string, username: string, password = PASSWORD): Promise<Credentials> {
  return { cookie: await cookieLogin(base, username, password), token: await tokenLogin(base, username, password) };
}

/** Request headers carrying the credentials (and any cookies the request needs itself). */
export function credentialHeaders(c: Credentials, extraCookie?: string): Record<string, string> {
  const h: Record<string, string> = {};
  const cookie = [c.cookie, extraCookie].filter(Boolean).join("; ");
  if (cookie) h.cookie = cookie;
  if (c.token) h.authorization = `Bearer ${c.token}`;
  return h;
}
