// The in-process memory of session checks (lib/server/auth/actor-cache.ts):
// a live session is not re-read on every request, and every change that
// check reads reaches every process through PostgreSQL's notifications, so
// an ended session or a deactivated user is still refused on the next
// request. "Another instance" here is a second connection of its own: it
// changes rows with plain SQL, as another server process (or psql) would.
import { Client } from "pg";
import { actorCacheListening, forgetUser, readMark, recall, remember, stopActorCache } from "@/lib/server/auth/actor-cache";
import { actorForToken } from "@/lib/server/auth/resolve";
import { openSession } from "@/lib/server/auth/sessions";
import { pool } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";
import { adminCtx, closeTestDb, makeUser, META, resetDb, unwrap } from "../helpers";

let other: Client;

beforeAll(async () => {
  other = new Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});
beforeEach(async () => {
  await resetDb();
  await listening();
});
afterAll(async () => {
  await other.end();
  await closeTestDb();
});

async function eventually(check: () => Promise<boolean> | boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Starts the cache (it starts with the first check) and waits until it hears notifications. */
async function listening(): Promise<void> {
  readMark();
  await eventually(actorCacheListening, "the cache hears its test notification");
}

/** A session whose answer this process has remembered. */
async function cachedSession(opts: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(opts);
  const s = await openSession(user.id, "api", META);
  expect(await actorForToken("api", s.token, META)).toMatchObject({ id: user.id });
  return { user, session: s };
}

/** Runs `fn` while the triggers that notify are off: what the cache answers then is what it remembered. */
async function withoutNotifications(fn: () => Promise<void>): Promise<void> {
  await other.query(`ALTER TABLE sessions DISABLE TRIGGER USER`);
  try {
    await fn();
  } finally {
    await other.query(`ALTER TABLE sessions ENABLE TRIGGER USER`);
  }
}

describe("the session cache", () => {
  it("answers a repeated check from memory (nothing re-read: a change PostgreSQL does not announce goes unseen)", async () => {
    const { user, session } = await cachedSession();
    await withoutNotifications(async () => {
      await other.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [session.id]);
      expect(await actorForToken("api", session.token, META)).toMatchObject({ id: user.id });
    });
  });

  it("forgets a session another instance ended, as soon as PostgreSQL announces it", async () => {
    const { session } = await cachedSession();
    await other.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [session.id]);
    await eventually(async () => (await actorForToken("api", session.token, META)) === null, "the ended session is refused");
  });

  it.each([
    ["deactivated", `UPDATE users SET status = 'inactive' WHERE id = $1`],
    ["deleted", `UPDATE users SET deleted_at = now() WHERE id = $1`],
    ["demoted", `UPDATE users SET role = 'viewer' WHERE id = $1`],
  ])("forgets a user another instance %s (without ending the sessions)", async (_what, sql) => {
    const { user, session } = await cachedSession({ role: "editor" });
    await other.query(sql, [user.id]);
    await eventually(async () => (await actorForToken("api", session.token, META))?.role !== "editor", "the change is seen");
  });

  it("sees a new name or email another instance gave the user", async () => {
    const { user, session } = await cachedSession();
    await other.query(`UPDATE users SET username = 'renamed_elsewhere' WHERE id = $1`, [user.id]);
    await eventually(async () => (await actorForToken("api", session.token, META))?.username === "renamed_elsewhere", "the new name is seen");
  });

  it("refuses a user this process deactivated on the very next check, without waiting for the notification", async () => {
    const { ctx } = await adminCtx();
    const { user, session } = await cachedSession();
    unwrap(await deactivateUser(ctx, user.id));
    expect(await actorForToken("api", session.token, META)).toBeNull();
  });

  it("refuses a user this process demoted on the very next check", async () => {
    const { ctx } = await adminCtx();
    const { user, session } = await cachedSession({ role: "editor" });
    unwrap(await updateUser(ctx, user.id, { role: "viewer" }));
    expect(await actorForToken("api", session.token, META)).toBeNull();
  });

  it("does not store an answer read before a change that was forgotten while it was being read", () => {
    const actor = { id: "U1", username: "u", email: "u@example.org", role: "admin" as const, sessionId: "S1", sessionKind: "api" as const, twoFactor: false };
    const now = Date.now();
    const mark = readMark();
    forgetUser("U1"); // the change commits while the read is in flight
    remember("api:k1", mark, { actor, expiresAt: now + 60_000, lastUsedAt: now }, now);
    expect(recall("api:k1", now)).toBeNull();
    remember("api:k1", readMark(), { actor, expiresAt: now + 60_000, lastUsedAt: now }, now);
    expect(recall("api:k1", now)).not.toBeNull();
    expect(recall("api:k1", now + 60_000)).toBeNull(); // the session's own expiry
  });

  it("forgets everything after a TRUNCATE, which names no rows", async () => {
    const { session } = await cachedSession();
    await other.query(`TRUNCATE sessions`);
    await eventually(async () => (await actorForToken("api", session.token, META)) === null, "the session is gone");
  });

  it("stops remembering when its connection is lost, answers from the database meanwhile, and comes back", async () => {
    const { session } = await cachedSession();
    await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'sel-admin session cache'`);
    await eventually(() => !actorCacheListening(), "the cache turns itself off");
    // Ended while nobody was listening: the database answers.
    await other.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [session.id]);
    expect(await actorForToken("api", session.token, META)).toBeNull();
    await eventually(actorCacheListening, "the cache listens again", 5_000);
    const { user, session: fresh } = await cachedSession();
    await withoutNotifications(async () => {
      await other.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [fresh.id]);
      expect(await actorForToken("api", fresh.token, META)).toMatchObject({ id: user.id });
    });
  });

  it("is off with SESSION_CACHE=false", async () => {
    await stopActorCache();
    process.env.SESSION_CACHE = "false";
    resetEnvForTests();
    try {
      const { session } = await cachedSession();
      expect(actorCacheListening()).toBe(false);
      await withoutNotifications(async () => {
        await other.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1`, [session.id]);
        expect(await actorForToken("api", session.token, META)).toBeNull();
      });
    } finally {
      delete process.env.SESSION_CACHE;
      resetEnvForTests();
    }
  });
});

test("the listening connection is the only one it holds", async () => {
  await listening();
  const { rows } = await pool().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'sel-admin session cache' AND datname = current_database()`);
  expect(rows[0].n).toBe(1);
});
