// Support for the users service tests (not a test file itself): whole-database
// snapshots to prove failures change nothing, and small fixtures.
import { db, pool } from "@/lib/server/db";
import { openSession } from "@/lib/server/auth/sessions";
import type { Result } from "@/lib/result-types";

const TABLES = ["users", "invitations", "email_outbox", "activity_logs", "sessions"] as const;

/** Every row of every table the users services touch, as comparable JSON. */
export async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const { rows } = await pool().query(`SELECT * FROM ${t} ORDER BY id`);
    out[t] = JSON.parse(JSON.stringify(rows));
  }
  return out;
}

/** Runs `fn` and asserts the database is byte-for-byte what it was before. */
export async function expectUnchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const r = await fn();
  expect(await snapshot()).toEqual(before);
  return r;
}

/** The error half of a Result, failing the test if it was ok. */
export function errOf<T>(r: Result<T>) {
  if (r.ok) throw new Error(`expected an error, got ok: ${JSON.stringify(r.data).slice(0, 200)}`);
  return r;
}

/** A live (unrevoked, unexpired) API token for the user, as login would issue. */
export async function giveApiToken(user: { id: string }) {
  return openSession(user.id, "api", { ip: "203.0.113.7", userAgent: "jest" });
}

/** Whether the session has been ended. */
export async function sessionEnded(id: string): Promise<boolean> {
  return (await db().session.findUniqueOrThrow({ where: { id } })).revokedAt !== null;
}

export const activities = (eventType: string, resourceId?: string) =>
  db().activityLog.findMany({ where: { eventType, ...(resourceId && { resourceId }) }, orderBy: { id: "asc" } });

export const openInvitations = (userId: string) =>
  db().invitation.findMany({
    where: { userId, usedAt: null, supersededAt: null },
    omit: { tokenHash: false },
    include: { emails: true },
  });

export const userRow = (id: string) => db().user.findUniqueOrThrow({ where: { id } });

/** A syntactically valid ULID that no row has. */
export const UNKNOWN_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

export const DAY_MS = 24 * 60 * 60 * 1000;
