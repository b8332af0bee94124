// Shared test helpers: a clean database, users in any state, actors and
// contexts as the services receive them.
import bcrypt from "bcryptjs";
import type { Actor, Ctx } from "@/lib/server/auth/actor";
import { verificationDone } from "@/lib/server/activity/chain/integrity";
import { closeDb, db, pool } from "@/lib/server/db";
import { roleOf, type Role } from "@/lib/roles";

export const PASSWORD = "Correct-Horse-42!";
let fastHash: string | undefined;

/** Empties every table (fast; keeps the schema). */
export async function resetDb(): Promise<void> {
  await pool().query(
    `TRUNCATE activity_logs, activity_chain_cuts, activity_verifications, email_outbox, sessions, invitations, password_resets, users, rate_limits RESTART IDENTITY CASCADE`,
  );
}

export async function closeTestDb(): Promise<void> {
  // A verification started in the background writes its result through the pool.
  await verificationDone();
  await closeDb();
}

let seq = 0;
type MakeUser = { username?: string; email?: string; role?: Role; status?: "pending" | "active" | "inactive"; deleted?: boolean; password?: string };

/** Inserts a user directly (no service, no activity row). Active users get PASSWORD unless told otherwise. */
export async function makeUser(opts: MakeUser = {}) {
  seq += 1;
  const username = opts.username ?? `user${seq}_${Math.random().toString(36).slice(2, 7)}`;
  const status = opts.status ?? "active";
  let passwordHash: string | null = null;
  if (status !== "pending") {
    if (opts.password) passwordHash = await bcrypt.hash(opts.password, 4);
    else passwordHash = fastHash ??= await bcrypt.hash(PASSWORD, 4);
  }
  return db().user.create({
    data: {
      username,
      email: (opts.email ?? `${username}@example.org`).toLowerCase(),
      role: opts.role ?? "viewer",
      status,
      passwordHash,
      deletedAt: opts.deleted ? new Date() : null,
    },
  });
}

/** No session row stands behind it (tests that need one open it with openSession). */
export const NO_SESSION = "0".repeat(26);

export function actorOf(u: { id: string; username: string; email: string; role: string; totpEnabledAt?: Date | null }, sessionId = NO_SESSION): Actor {
  return { id: u.id, username: u.username, email: u.email, role: roleOf(u.role), sessionId, sessionKind: "browser", twoFactor: Boolean(u.totpEnabledAt) };
}

export const META = { ip: "203.0.113.7", userAgent: "jest" };

export function ctxOf(u: Parameters<typeof actorOf>[0] | null): Ctx {
  return { actor: u ? actorOf(u) : null, meta: META };
}

/** An active admin and their context. */
export async function adminCtx(opts: MakeUser = {}) {
  const user = await makeUser({ role: "admin", ...opts });
  return { user, ctx: ctxOf(user) };
}

/** Unwraps an ok Result or fails the test with its error. */
export function unwrap<T>(r: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.data;
}
