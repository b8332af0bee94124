import "server-only";
import { NextRequest } from "next/server";
import { problem, readText } from "../adapters/route";
import { errFrom } from "../result";

// next-auth 4 answers some malformed requests with a 500 although the fault
// is the client's: a callbackUrl (query, form or cookie) that is not a URL is
// reported as a server configuration error, and a body sent as JSON that is
// not JSON throws while next-auth reads it, a GET of the credentials
// callback throws too, and so does an `error` parameter that cannot go into
// a header. Found by the malformed-input
// proof (e2e/proof-fuzz.spec.ts). This door refuses those with a 400 first;
// everything else reaches next-auth as it came.

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];
const MAX_BODY = 64 * 1024;

/** next-auth's own test (core/lib/assert.js): an http(s) URL, absolute or relative to the site. */
function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

const refuse = (req: Request, message: string) => problem({ ok: false, code: "validation", message }, new URL(req.url).pathname);

/** The request to hand to next-auth, or the 400 that answers it. */
export async function guardAuthRequest(req: NextRequest): Promise<NextRequest | Response> {
  const base = req.nextUrl.origin;
  // Only OAuth providers have a GET callback; next-auth throws for the credentials one.
  if (req.method === "GET" && req.nextUrl.pathname.startsWith("/api/auth/callback/")) {
    return new Response(JSON.stringify({ type: "https://sel.events/problems/method-not-allowed", title: "Method not allowed", status: 405, detail: "Sign in with POST", instance: req.nextUrl.pathname }), {
      status: 405,
      headers: { "content-type": "application/problem+json", allow: "POST" },
    });
  }
  const fromQuery = req.nextUrl.searchParams.get("callbackUrl");
  const fromCookie = CALLBACK_COOKIES.map((n) => req.cookies.get(n)?.value).find((v) => v !== undefined);
  for (const v of [fromQuery, fromCookie]) if (v && !isHttpUrl(v, base)) return refuse(req, "callbackUrl must be a URL of this site");
  // next-auth copies `error` into a redirect's Location header: a character past Latin-1 there threw.
  const error = req.nextUrl.searchParams.get("error");
  if (error !== null && !/^[A-Za-z]{0,64}$/.test(error)) return refuse(req, "error must be one of next-auth's error codes");
  if (req.method !== "POST" || !req.body) return req;

  let text: string;
  try {
    text = await readText(req, MAX_BODY);
  } catch (e) {
    return problem(errFrom(e), req.nextUrl.pathname);
  }
  const type = req.headers.get("content-type") ?? "";
  let fields: Record<string, unknown> = {};
  if (type.includes("application/json")) {
    try {
      fields = JSON.parse(text);
    } catch {
      return refuse(req, "Request body is not valid JSON");
    }
    // The sign-in form posts flat string fields; anything else is not a request next-auth can read.
    if (typeof fields !== "object" || fields === null || Array.isArray(fields) || Object.values(fields).some((v) => typeof v !== "string")) {
      return refuse(req, "Request body must be an object of string fields");
    }
  } else if (type.includes("application/x-www-form-urlencoded")) {
    fields = Object.fromEntries(new URLSearchParams(text));
  }
  const cb = fields.callbackUrl;
  if (typeof cb === "string" && cb && !isHttpUrl(cb, base)) return refuse(req, "callbackUrl must be a URL of this site");
  // The body was read: hand next-auth an identical request it can read again.
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body: text });
}
