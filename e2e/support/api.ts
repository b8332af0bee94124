// Helpers for the REST API specs (e2e/api-*.spec.ts): tokens, problem+json
// checks, unique names and rate-limit hygiene. Every API spec talks real HTTP
// to the built app through Playwright's `request` fixture.
import { expect, type APIRequestContext, type APIResponse } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { ulid } from "ulid";
import { createUser, PASSWORD, sql, type TestUser } from "./fixtures";

export const PROBLEM_BASE = "https://sel.events/problems/";

/** A short prefix unique to one test, so list assertions can be scoped with `search`. */
export const uniq = (tag = "t") => `${tag}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

/**
 * All specs share one database and call from 127.0.0.1, so the per-IP login
 * and public limits are shared too: a spec that spends them must give them
 * back, or later specs (and the UI login of other specs) would see 429s.
 */
export async function resetRateLimits(): Promise<void> {
  await sql(`DELETE FROM rate_limits WHERE key LIKE 'login-%' OR key LIKE 'public-ip%'`);
}

export async function login(request: APIRequestContext, username: string, password = PASSWORD): Promise<APIResponse> {
  return request.post("/api/v1/admin/login", { data: { username, password } });
}

export type Session = { user: TestUser; token: string; headers: { authorization: string } };

/** A fresh user of the role with a bearer token (its own API rate-limit budget). */
export async function session(request: APIRequestContext, role: TestUser["role"] = "admin", prefix = "api"): Promise<Session> {
  const user = await createUser({ role, username: uniq(prefix) });
  const res = await login(request, user.username);
  expect(res.status(), await res.text()).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}

export type Problem = { type: string; title: string; status: number; detail: string; instance: string; errors?: { field: string; message: string; rule?: string }[] };

/** Asserts an RFC 7807 answer and returns its body. */
export async function expectProblem(res: APIResponse, status: number, slug: string, detail?: string | RegExp): Promise<Problem> {
  const text = await res.text();
  expect(res.status(), text).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = JSON.parse(text) as Problem;
  expect(body.type).toBe(PROBLEM_BASE + slug);
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe("string");
  expect(body.instance).toBe(new URL(res.url()).pathname);
  if (detail !== undefined) {
    if (typeof detail === "string") expect(body.detail).toBe(detail);
    else expect(body.detail).toMatch(detail);
  }
  expect(text).not.toMatch(/at .+\.(js|ts):\d+|prisma|SELECT /i);
  return body;
}

export function expectRateHeaders(res: APIResponse, limit: number): { remaining: number; reset: number } {
  const h = res.headers();
  expect(h["x-ratelimit-limit"]).toBe(String(limit));
  const remaining = Number(h["x-ratelimit-remaining"]);
  const reset = Number(h["x-ratelimit-reset"]);
  expect(remaining).toBeGreaterThanOrEqual(0);
  expect(remaining).toBeLessThanOrEqual(limit);
  expect(reset).toBeGreaterThanOrEqual(1);
  expect(reset).toBeLessThanOrEqual(60);
  return { remaining, reset };
}

/** Stores an invitation for a user with a token we know (only its SHA-256 is stored, as the app does). */
export async function insertInvitation(
  userId: string,
  opts: { expiresAt?: Date; usedAt?: Date; supersededAt?: Date } = {},
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = ulid();
  await sql(
    `INSERT INTO invitations (id, user_id, token_hash, expires_at, used_at, superseded_at, delivery_status, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'sent', now())`,
    [id, userId, createHash("sha256").update(token).digest("hex"), opts.expiresAt ?? new Date(Date.now() + 7 * 864e5), opts.usedAt ?? null, opts.supersededAt ?? null],
  );
  return { id, token };
}
