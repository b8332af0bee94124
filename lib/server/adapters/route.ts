import "server-only";
import type { Ctx } from "../auth/actor";
import { HSTS } from "@/lib/csp";
import { actionCtx, routeCtx, secureCookies } from "../auth/session";
import { AppError, PROBLEM_TYPE_BASE, PROBLEMS } from "../errors";
import { logUnexpected } from "../logger";
import { hit, peek, type Limit, type RateState } from "../rate-limit";
import { errFrom, type Err, type Result } from "../result";

// The HTTP door: thin handlers over the services. Parses JSON bodies (1 MiB
// max), resolves the bearer actor (or the console's cookie session), applies
// the per-user API rate limit, and turns Result values into JSON or RFC 7807
// problem+json. Unexpected errors become a 500 with a reference, never a
// stack trace.

export const MAX_BODY_BYTES = 1024 * 1024;

export function problem(err: Err, instance: string, extraHeaders: Record<string, string> = {}): Response {
  const p = PROBLEMS[err.code];
  const errors = err.fieldErrors ? problemErrors(err) : undefined;
  const headers: Record<string, string> = { "content-type": "application/problem+json", ...extraHeaders };
  if (err.code === "rate_limited" && err.retryAfter) headers["retry-after"] = String(err.retryAfter);
  return new Response(
    JSON.stringify({ type: PROBLEM_TYPE_BASE + p.slug, title: p.title, status: p.status, detail: err.message, instance, ...(errors && { errors }) }),
    { status: p.status, headers },
  );
}

// Password rules arrive keyed "password.<rule>" (one per unmet rule); on the
// wire each stays its own entry, under the field the client sent, with the
// rule id so a client can tick off a checklist.
function problemErrors(err: Err): { field: string; message: string; rule?: string }[] {
  return Object.entries(err.fieldErrors ?? {}).map(([key, message]) => {
    const dot = key.indexOf(".");
    if (err.code !== "weak_password" || dot < 0) return { field: key, message };
    return { field: key.slice(0, dot), rule: key.slice(dot + 1), message };
  });
}

/** Served over HTTPS, every API answer carries HSTS (pages get it from proxy.ts). */
function secured(res: Response): Response {
  if (secureCookies()) res.headers.set("strict-transport-security", HSTS);
  return res;
}

/** A body that must be a JSON object (not an array, string, number or null). */
export function jsonObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("validation", "Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/**
 * 405 as problem+json with an Allow header. Next.js answers undefined methods
 * with a bare 405; route files export this for the methods they do not serve
 * so every API error has the same shape.
 */
export function methodNotAllowed(allowed: string[]) {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const handler = async (req: Request): Promise<Response> => {
    const body = {
      type: PROBLEM_TYPE_BASE + "method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: `${req.method} is not supported here; use ${allowed.join(" or ")}`,
      instance: new URL(req.url).pathname,
    };
    return secured(new Response(JSON.stringify(body), { status: 405, headers: { "content-type": "application/problem+json", allow } }));
  };
  // Read by the OpenAPI coverage test: a method answered this way is not an operation.
  return Object.assign(handler, { methodNotAllowed: true as const });
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json", ...headers } });
}

export function rateHeaders(s: RateState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(s.limit),
    "x-ratelimit-remaining": String(s.remaining),
    "x-ratelimit-reset": String(s.resetSeconds),
  };
}

/** The body as text; 413 past `max` bytes, counted while reading (a chunked body declares no length). */
export async function readText(req: Request, max = MAX_BODY_BYTES): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `Request body must be at most ${max % (1024 * 1024) ? `${max / 1024} KiB` : `${max / (1024 * 1024)} MiB`}`);
  if (Number(req.headers.get("content-length") ?? "0") > max) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a JSON body: 413 over 1 MiB, 400 when it is not JSON. An empty body is {}. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await readText(req);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "Request body is not valid JSON");
  }
}

type Args<P> = {
  req: Request;
  ctx: Ctx;
  params: P;
  /** The query string as a plain object (list filters). */
  query: Record<string, string>;
  /** The JSON body: 413 over 1 MiB, 400 when it is not JSON. */
  body: () => Promise<unknown>;
};
type Handler<P> = (args: Args<P>) => Promise<Response | Result<unknown>>;

type Options = {
  /**
   * "bearer" (default): an API token is required and the per-user API limit
   * applies. "session": the console's cookie session, for the few routes the
   * browser calls itself (the CSV download); the service authorizes.
   * "public": anonymous.
   */
  auth?: "bearer" | "session" | "public";
  /** Status for a successful Result (default 200). */
  status?: number;
  /**
   * The limits a public route's answers report in X-RateLimit-*. The service
   * counts them (and route() reports the states it left); these are peeked
   * only when the request ended before the service got to them (a body that
   * is not JSON, say).
   */
  limits?: Limit[];
};

const sessionOrBearer = (req: Request, auth: Options["auth"]) => (auth === "session" ? actionCtx() : routeCtx(req));

/** The tightest limit the request touched (or would have), for the X-RateLimit-* headers. */
async function limitHeaders(ctx: Ctx | undefined, limits: Limit[] = []): Promise<Record<string, string>> {
  if (!ctx?.rate) return {};
  let states = [...ctx.rate.values()];
  if (!states.length && limits.length) {
    try {
      states = await Promise.all(limits.map((l) => peek(l, ctx)));
    } catch (e) {
      logUnexpected(e, "rate-limit state unavailable for the headers");
    }
  }
  const tightest = states.sort((a, b) => a.remaining - b.remaining)[0];
  return tightest ? rateHeaders(tightest) : {};
}

/** Wraps a route handler: auth, rate limit, errors -> problem+json. */
export function route<P = Record<string, string>>(handler: Handler<P>, opts: Options = {}) {
  const auth = opts.auth ?? "bearer";
  const handle = async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const url = new URL(req.url);
    let ctx: Ctx | undefined;
    const respond = async (res: Response) => {
      for (const [k, v] of Object.entries(await limitHeaders(ctx, opts.limits))) res.headers.set(k, v);
      return secured(res);
    };
    try {
      ctx = { ...(await sessionOrBearer(req, auth)), rate: new Map() };
      if (auth === "bearer") {
        if (!ctx.actor) {
          const missing = !req.headers.get("authorization");
          throw new AppError("unauthorized", missing ? "Authentication required: send Authorization: Bearer <token>" : "Invalid or expired token");
        }
        await hit("api-user", ctx);
      }
      const params = (await segment?.params) ?? ({} as P);
      const out = await handler({ req, ctx, params, query: Object.fromEntries(url.searchParams), body: () => readJson(req) });
      if (out instanceof Response) return respond(out);
      return respond(out.ok ? json(out.data, opts.status ?? 200) : problem(out, url.pathname));
    } catch (e) {
      return respond(problem(errFrom(e), url.pathname));
    }
  };
  // Read by the OpenAPI coverage test: the document's security must be what is enforced here.
  return Object.assign(handle, { auth });
}
