import "server-only";
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterCommit, onCloseDb, pool, type Tx } from "../db";
import { env } from "../env";
import { logger, logUnexpected } from "../logger";
import type { Actor } from "./actor";

// The answers of recent session checks (lib/server/auth/resolve.ts), kept in
// this process so that a busy API token or browser session costs no database
// round trip before its request's own SQL. Correctness never rests on a
// timeout: every change that check reads (a session ended or deleted, its
// user's role, status, deletion, name, email or two-factor state) makes
// PostgreSQL notify channel `sel_auth` with the user's id when it commits
// (triggers of migration 20261212090000_auth_notify), and every process
// listening forgets that user's entries. So an ended session or a deactivated
// user is refused on the next request on every instance, whoever made the
// change: this process, another one, or psql.
//
// The cache is only used while this process is known to hear those
// notifications: from the moment a test notification it sent itself came
// back on its listening connection, until that connection fails. Then every
// entry is dropped and each request reads the database again until a new
// connection has heard its own test notification (a pooler that cannot
// LISTEN, such as PgBouncer in transaction mode, never gets that far).
// The process that makes a change also forgets locally once it commits
// (forgetUser), before it answers, without waiting for the round trip.
//
// A read that started before a change and finishes after it must not put
// its older answer back: each forget bumps a generation, and an answer is
// only stored if no forget happened while it was being read.
//
// SESSION_CACHE=false turns it off (every request reads the database).

const CHANNEL = "sel_auth";
/** A safety net only (notifications do the work): an entry is re-read after this. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export type CachedSession = { actor: Actor; expiresAt: number; lastUsedAt: number };
type Entry = CachedSession & { storedAt: number };

type State = {
  entries: Map<string, Entry>;
  byUser: Map<string, Set<string>>;
  generation: number;
  listening: boolean;
  client: Client | null;
  starting: boolean;
  stopped: boolean;
  retryMs: number;
  timer: NodeJS.Timeout | null;
};

const holder = globalThis as unknown as { __selActorCache?: State };

function state(): State {
  holder.__selActorCache ??= {
    entries: new Map(),
    byUser: new Map(),
    generation: 0,
    listening: false,
    client: null,
    starting: false,
    stopped: false,
    retryMs: RETRY_MIN_MS,
    timer: null,
  };
  return holder.__selActorCache;
}

const enabled = () => env().SESSION_CACHE && Boolean(env().databaseUrl);

/** Marks the start of a database read whose answer may be stored with remember(). */
export function readMark(): number {
  const s = state();
  if (!s.listening && !s.starting && !s.stopped && enabled()) void listen(s);
  return s.generation;
}

/** The stored answer for a token's hash, while it is still trustworthy. */
export function recall(key: string, now: number): CachedSession | null {
  const s = state();
  if (!s.listening) return null;
  const e = s.entries.get(key);
  if (!e) return null;
  if (now - e.storedAt > TTL_MS || e.expiresAt <= now) {
    drop(s, key, e.actor.id);
    return null;
  }
  return e;
}

/** Stores an answer read since `mark`, unless something was forgotten meanwhile. */
export function remember(key: string, mark: number, session: CachedSession, now: number): void {
  const s = state();
  if (!s.listening || s.generation !== mark) return;
  if (s.entries.size >= MAX_ENTRIES) {
    const oldest = s.entries.keys().next().value as string;
    drop(s, oldest, s.entries.get(oldest)!.actor.id);
  }
  s.entries.set(key, { ...session, storedAt: now });
  let keys = s.byUser.get(session.actor.id);
  if (!keys) s.byUser.set(session.actor.id, (keys = new Set()));
  keys.add(key);
}

/** Forgets every stored session of a user (this process; other processes hear the notification). */
export function forgetUser(userId: string): void {
  const s = state();
  s.generation++;
  for (const key of s.byUser.get(userId) ?? []) s.entries.delete(key);
  s.byUser.delete(userId);
}

/**
 * For a service that changes what the session check reads (a session's end,
 * the user's role, status, deletion, name, email or two-factor state): this
 * process forgets the user as soon as the transaction commits, before the
 * service answers. Other processes hear it from PostgreSQL.
 */
export function forgetAfterCommit(tx: Tx, userId: string): void {
  afterCommit(tx, () => forgetUser(userId));
}

function forgetAll(s: State): void {
  s.generation++;
  s.entries.clear();
  s.byUser.clear();
}

function drop(s: State, key: string, userId: string): void {
  s.entries.delete(key);
  const keys = s.byUser.get(userId);
  keys?.delete(key);
  if (keys && !keys.size) s.byUser.delete(userId);
}

async function listen(s: State): Promise<void> {
  s.starting = true;
  onCloseDb(stopActorCache);
  const client = new Client({ connectionString: env().databaseUrl, application_name: "sel-admin session cache" });
  const probe = `probe:${randomUUID()}`;
  let heard: () => void = () => undefined;
  const heardProbe = new Promise<void>((resolve) => (heard = resolve));
  let dead = false;
  const lost = (e?: unknown) => {
    if (dead) return;
    dead = true;
    client.end().catch(() => undefined);
    if (s.client !== client) return; // stopped, or already replaced
    s.client = null;
    const was = s.listening;
    s.listening = false;
    forgetAll(s);
    if (s.stopped) return;
    if (was) logger().warn({ err: e instanceof Error ? e.message : e }, "session cache off until its database notifications are back");
    s.timer = setTimeout(() => {
      s.timer = null;
      if (!s.stopped) void listen(s);
    }, s.retryMs);
    s.timer.unref();
    s.retryMs = Math.min(s.retryMs * 2, RETRY_MAX_MS);
  };
  client.on("notification", (n) => {
    if (n.channel !== CHANNEL || !n.payload) return;
    if (n.payload === probe) return heard();
    if (n.payload.startsWith("probe:")) return;
    if (n.payload === "*") forgetAll(s);
    else forgetUser(n.payload);
  });
  client.on("error", lost);
  client.on("end", () => lost());
  try {
    s.client = client;
    await client.connect();
    // The listening connection must never keep a script or test process alive.
    (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    await client.query(`LISTEN ${CHANNEL}`);
    // Sent on another connection: what must work is hearing other sessions' changes.
    await pool().query(`SELECT pg_notify($1, $2)`, [CHANNEL, probe]);
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000).unref());
    if ((await Promise.race([heardProbe, timeout])) === "timeout") throw new Error("the test notification did not come back");
    if (s.client !== client || s.stopped) return;
    forgetAll(s);
    s.listening = true;
    s.retryMs = RETRY_MIN_MS;
  } catch (e) {
    if (s.stopped || dead) return;
    logUnexpected(e, "session cache could not listen for database notifications; sessions are read on every request");
    lost(e);
  } finally {
    s.starting = false;
  }
}

/** Closes the listening connection (tests, shutdown); the cache stays off. */
export async function stopActorCache(): Promise<void> {
  const s = holder.__selActorCache;
  if (!s) return;
  s.stopped = true;
  s.listening = false;
  if (s.timer) clearTimeout(s.timer);
  forgetAll(s);
  const c = s.client;
  s.client = null;
  await c?.end().catch(() => undefined);
  holder.__selActorCache = undefined;
}

/** Whether answers are being cached now (tests). */
export const actorCacheListening = () => Boolean(holder.__selActorCache?.listening);
