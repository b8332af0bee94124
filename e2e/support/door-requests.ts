// One request per HTTP door, as an admin would send it successfully: the
// authorization matrix sends it with each caller's credentials, so the
// admin's cell proves the door works and the others prove it refuses. Doors
// not listed get the default: the door's method and path, dynamic segments
// filled with a live user's id. Mutating doors get a fresh target per call.
import { createHash, randomBytes } from "node:crypto";
import { ulid } from "ulid";
import { insertInvitation, uniq } from "./api";
import { csrf } from "./credentials";
import { createUser, PASSWORD, sql, type TestUser } from "./fixtures";

export type DoorRequest = {
  method: string;
  path: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Cookies the request needs for itself (next-auth's CSRF cookie). */
  cookie?: string;
};

export type Fixtures = {
  base: string;
  /** A live user whose id fills [id] in read-only paths. */
  someone: TestUser;
  /** An active user whose password is PASSWORD, for the public login doors. */
  loginUser: TestUser;
};

const STRONG = "Proof-Strong-Pass-91!";

/** A pending user and the raw token of their open invitation. */
export async function invitationToken(): Promise<string> {
  const u = await createUser({ status: "pending", username: uniq("inv") });
  return (await insertInvitation(u.id)).token;
}

/** The raw token of an open password reset link for the user (a new active one by default). */
export async function resetToken(userId?: string): Promise<string> {
  const id = userId ?? (await createUser({ username: uniq("rst") })).id;
  const token = randomBytes(32).toString("base64url");
  await sql(`INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`, [
    ulid(),
    id,
    createHash("sha256").update(token).digest("hex"),
  ]);
  return token;
}

const fresh = async (status: TestUser["status"] = "active") => (await createUser({ status, username: uniq("tgt") })).id;

type Builder = (fx: Fixtures) => Promise<Partial<DoorRequest>>;

export const DOOR_REQUESTS: Record<string, Builder> = {
  "page /admin/accept-invitation": async () => ({ path: `/admin/accept-invitation?token=${await invitationToken()}` }),
  "page /admin/reset-password": async () => ({ path: `/admin/reset-password?token=${await resetToken()}` }),
  "GET /api/auth/[...nextauth]": async () => ({ path: "/api/auth/session" }),
  "POST /api/auth/[...nextauth]": async (fx) => {
    const { csrfToken, cookie } = await csrf(fx.base);
    return {
      path: "/api/auth/callback/credentials",
      cookie,
      form: { csrfToken, username: fx.loginUser.username, password: PASSWORD, json: "true", callbackUrl: "/admin" },
    };
  },
  "GET /api/v1/[...slug]": async () => ({ path: "/api/v1/no/such/door" }),
  "POST /api/v1/admin/users": async () => {
    const name = uniq("new");
    return { json: { username: name, email: `${name}@example.org`, role: "viewer" } };
  },
  "PUT /api/v1/admin/users/[id]": async () => ({ path: `/api/v1/admin/users/${await fresh()}`, json: { role: "editor" } }),
  "DELETE /api/v1/admin/users/[id]": async () => ({ path: `/api/v1/admin/users/${await fresh()}` }),
  "POST /api/v1/admin/users/[id]/activate": async () => ({ path: `/api/v1/admin/users/${await fresh("inactive")}/activate` }),
  "POST /api/v1/admin/users/[id]/deactivate": async () => ({ path: `/api/v1/admin/users/${await fresh()}/deactivate` }),
  "POST /api/v1/admin/users/[id]/resend-invitation": async () => ({ path: `/api/v1/admin/users/${await fresh("pending")}/resend-invitation` }),
  "POST /api/v1/admin/users/[id]/invitation-link": async () => ({ path: `/api/v1/admin/users/${await fresh("pending")}/invitation-link` }),
  "POST /api/v1/admin/users/[id]/revoke-invitation": async () => {
    const u = await createUser({ status: "pending", username: uniq("tgt") });
    await insertInvitation(u.id);
    return { path: `/api/v1/admin/users/${u.id}/revoke-invitation` };
  },
  "POST /api/v1/admin/users/[id]/send-password-reset": async () => ({ path: `/api/v1/admin/users/${await fresh()}/send-password-reset` }),
  "POST /api/v1/admin/users/[id]/unlock": async () => {
    const id = await fresh();
    await sql(`UPDATE users SET locked_until = now() + interval '1 hour', failed_login_count = 10, failed_login_since = now() WHERE id = $1`, [id]);
    return { path: `/api/v1/admin/users/${id}/unlock` };
  },
  "POST /api/v1/admin/users/[id]/reset-2fa": async () => {
    const id = await fresh();
    await sql(`UPDATE users SET totp_secret = 'v1.not-a-real-sealed-secret', totp_enabled_at = now() WHERE id = $1`, [id]);
    return { path: `/api/v1/admin/users/${id}/reset-2fa` };
  },
  "POST /api/v1/admin/login": async (fx) => ({ json: { username: fx.loginUser.username, password: PASSWORD } }),
  "POST /api/v1/accept-invitation": async () => ({ json: { token: await invitationToken(), password: STRONG } }),
  "POST /api/v1/password-reset": async () => ({ json: { email: `${uniq("nobody")}@example.org` } }),
  "POST /api/v1/password-reset/confirm": async () => ({ json: { token: await resetToken(), password: STRONG } }),
};

/** The concrete path of a URL pattern: [id] is a live user, [...slug] an unknown path. */
export function fillPath(pattern: string, fx: Fixtures): string {
  return pattern.replace(/\[\.\.\.[^\]]+\]/g, "no/such/door").replace(/\[[^\]]+\]/g, fx.someone.id);
}

/** The request for a door key ("GET /api/v1/admin/users", "page /admin"). */
export async function doorRequest(key: string, fx: Fixtures): Promise<DoorRequest> {
  const [kind, pattern] = key.split(" ");
  const method = kind === "page" ? "GET" : kind;
  const custom = DOOR_REQUESTS[key] ? await DOOR_REQUESTS[key](fx) : {};
  return { method, path: fillPath(pattern, fx), ...custom };
}

/** Sends a door request with the given headers; never follows redirects. */
export async function send(base: string, r: DoorRequest, headers: Record<string, string>): Promise<Response> {
  const h: Record<string, string> = { ...headers };
  if (r.cookie) h.cookie = [h.cookie, r.cookie].filter(Boolean).join("; ");
  let body: string | undefined;
  if (r.json !== undefined) {
    h["content-type"] = "application/json";
    body = JSON.stringify(r.json);
  } else if (r.form) {
    h["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(r.form).toString();
  }
  return fetch(base + r.path, { method: r.method, headers: h, body, redirect: "manual" });
}
