// Malformed requests per HTTP door, for e2e/proof-fuzz.spec.ts. Each door's
// body and query keys come from the zod schema its service parses with (so
// generated fields are the ones the server reads), and every door found in
// app/ gets requests, listed here or not: unlisted doors get generic ones.
// Nothing generated may succeed at changing anything: a mutating door never
// gets a real id, logout never gets a live token, and a create body that
// would pass validation is not sent.
import fc from "fast-check";
import type { z } from "zod";
import { activityFilterSchema, activityQuerySchema, userActivityQuerySchema } from "@/lib/schemas/activity";
import { acceptInvitationSchema, loginSchema } from "@/lib/schemas/password";
import { confirmPasswordResetSchema, requestPasswordResetSchema } from "@/lib/schemas/password-reset";
import { createUserSchema, listUsersQuerySchema, updateUserSchema } from "@/lib/schemas/user";
import { bodyFor, hostileString, junkAuthorization, keysOf, pathSegment, queryFor, safeEncode, type Body } from "../../tests/proof/arbitraries";
import type { Door } from "../../tests/proof/doors";

type Auth = "bearer" | "cookie" | "none" | "junk";
type Spec = { body?: string[]; query?: string[]; auth?: Auth; subpaths?: string[]; refuseValid?: z.ZodType };

const NEXTAUTH_PATHS = ["session", "csrf", "providers", "signin", "signout", "callback/credentials", "signin/credentials", "error", "_log", "callback/nope", "verify-request", "x".repeat(300)];

export const FUZZ_SPECS: Record<string, Spec> = {
  "GET /api/v1/admin/users": { query: keysOf(listUsersQuerySchema) },
  "POST /api/v1/admin/users": { body: keysOf(createUserSchema), refuseValid: createUserSchema },
  "PUT /api/v1/admin/users/[id]": { body: keysOf(updateUserSchema) },
  "GET /api/v1/admin/activity": { query: keysOf(activityQuerySchema) },
  "GET /api/v1/admin/activity/export.csv": { query: keysOf(activityFilterSchema) },
  "GET /api/v1/admin/users/[id]/activity": { query: keysOf(userActivityQuerySchema) },
  "POST /api/v1/admin/login": { body: keysOf(loginSchema), auth: "none" },
  "POST /api/v1/admin/logout": { auth: "junk" },
  "POST /api/v1/accept-invitation": { body: keysOf(acceptInvitationSchema), auth: "none" },
  "POST /api/v1/password-reset": { body: keysOf(requestPasswordResetSchema), auth: "none" },
  "POST /api/v1/password-reset/confirm": { body: keysOf(confirmPasswordResetSchema), auth: "none" },
  "GET /admin/activity/export": { query: keysOf(activityFilterSchema), auth: "cookie" },
  "page /admin/users": { query: keysOf(listUsersQuerySchema) },
  "page /admin/activity": { query: keysOf(activityQuerySchema) },
  "page /admin/accept-invitation": { query: ["token"], auth: "none" },
  "page /admin/reset-password": { query: ["token"], auth: "none" },
  "page /admin/login": { query: ["redirect", "accepted", "reset", "error", "callbackUrl"], auth: "none" },
  "GET /api/auth/[...nextauth]": { subpaths: NEXTAUTH_PATHS, query: ["callbackUrl", "error", "csrf"], auth: "none" },
  "POST /api/auth/[...nextauth]": { subpaths: NEXTAUTH_PATHS, body: ["csrfToken", "username", "password", "callbackUrl", "json", "redirect"], auth: "none" },
};

export type FuzzRequest = { door: string; method: string; path: string; headers: Record<string, string>; body?: Body };
export type Keys = { token: string; cookie: string; userIds: string[] };

const PUBLIC_PAGES = ["/admin/login", "/admin/forgot-password", "/admin/accept-invitation", "/admin/reset-password"];

function defaultAuth(door: Door): Auth {
  if (door.target.startsWith("/api/v1/admin/") && door.target !== "/api/v1/admin/login") return "bearer";
  if (door.target.startsWith("/admin") && !PUBLIC_PAGES.includes(door.target)) return "cookie";
  return "none";
}

/** Headers for the door's credential: usually the real one (so the input reaches the service), sometimes junk. */
function authHeaders(auth: Auth, keys: Keys): fc.Arbitrary<Record<string, string>> {
  const junk = junkAuthorization.map((a) => ({ authorization: a }));
  const junkCookie = hostileString.map((s) => ({ cookie: `next-auth.session-token=${safeEncode(s)}` }));
  if (auth === "bearer") return fc.oneof({ weight: 9, arbitrary: fc.constant({ authorization: `Bearer ${keys.token}` }) }, { weight: 1, arbitrary: junk });
  if (auth === "cookie") return fc.oneof({ weight: 9, arbitrary: fc.constant({ cookie: keys.cookie }) }, { weight: 1, arbitrary: junkCookie });
  if (auth === "junk") return fc.oneof(junk, junkCookie);
  return fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junkCookie });
}

/** The path: [id] a real id only where the door cannot change anything (GET), [...slug] hostile segments. */
function pathFor(door: Door, method: string, spec: Spec, keys: Keys): fc.Arbitrary<string> {
  const id = method === "GET" ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...keys.userIds) }, { weight: 3, arbitrary: pathSegment }) : pathSegment;
  const slug = spec.subpaths ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...spec.subpaths) }, { weight: 1, arbitrary: fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")) }) : fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));
  return fc.tuple(id, slug).map(([i, s]) => door.target.replace(/\[\.\.\.[^\]]+\]/, s).replace(/\[[^\]]+\]/g, i));
}

/** Whether a JSON body would pass the schema as the server sees it (after a JSON round trip). */
function wouldPass(schema: z.ZodType | undefined, body: Body | undefined): boolean {
  if (!schema || !body || typeof body.data !== "string" || body.contentType !== "application/json") return false;
  try {
    return schema.safeParse(JSON.parse(body.data)).success;
  } catch {
    return false;
  }
}

/**
 * At most 6 KB of URL once percent-encoded (as fetch sends it): Next.js's
 * trailing-slash redirect echoes the URL twice in its headers, and the
 * client reads at most 16 KB of them.
 */
function capUrl(raw: string): string {
  const u = new URL(raw, "http://fuzz.invalid");
  let out = u.pathname + u.search;
  while (out.length > 6000) out = out.slice(0, 6000).replace(/%[0-9A-Fa-f]?$/, "");
  return out;
}

/** The requests of one door. */
export function requestsFor(door: Door, keys: Keys): fc.Arbitrary<FuzzRequest> {
  const spec = FUZZ_SPECS[door.key] ?? {};
  const method = door.kind === "page" ? "GET" : door.key.split(" ")[0];
  const auth = spec.auth ?? defaultAuth(door);
  const body = method === "GET" || method === "HEAD" ? fc.constant(undefined) : bodyFor(spec.body ?? []);
  return fc
    .record({ path: pathFor(door, method, spec, keys), query: queryFor(spec.query ?? []), headers: authHeaders(auth, keys), body })
    .filter((r) => !wouldPass(spec.refuseValid, r.body))
    .map((r) => ({ door: door.key, method, path: capUrl(r.path + r.query), headers: r.headers, body: r.body }));
}

/**
 * The runs of each door: at least 3 each, the rest shared by weight, so
 * doors that do something get more than those that only answer 405, pages
 * in between. Every door is reached whatever the total.
 */
export function shareRuns(doors: Door[], total: number, notAllowed: (d: Door) => boolean): { door: Door; runs: number }[] {
  const weight = (d: Door) => (notAllowed(d) ? 1 : d.kind === "page" ? 4 : 8);
  const sum = doors.reduce((n, d) => n + weight(d), 0);
  const spare = Math.max(0, total - 3 * doors.length);
  return doors.map((door) => ({ door, runs: 3 + Math.ceil((spare * weight(door)) / sum) }));
}

/** Sends one generated request as it is (no redirects followed). */
export async function sendFuzz(base: string, r: FuzzRequest): Promise<Response> {
  const headers: Record<string, string> = { ...r.headers };
  if (r.body?.contentType) headers["content-type"] = r.body.contentType;
  return fetch(base + r.path, { method: r.method, headers, body: r.body?.data as BodyInit | undefined, redirect: "manual" });
}
