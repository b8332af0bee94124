import "server-only";
import { Pool } from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";
import { logUnexpected } from "./logger";

// The only place a database client is created: one pg pool per process,
// shared by Prisma (through the driver adapter) and the few raw-SQL users
// (rate limiter, outbox locking). Cached on globalThis so dev reloads and
// test files do not open new pools.

type Db = { pool: Pool; prisma: ReturnType<typeof makePrisma> };
const holder = globalThis as unknown as { __selDb?: Db };

// Work to do once a transaction has committed (the audit stream's lines):
// registered by afterCommit() against the transaction's client, run by the
// $transaction wrapper below when the transaction resolved, dropped when it
// rolled back.
const commitHooks = new WeakMap<object, (() => void)[]>();

/**
 * Runs `fn` once the transaction of `tx` has committed, never when it rolls
 * back. Outside a transaction (each statement commits by itself) it runs now.
 */
export function afterCommit(tx: object, fn: () => void): void {
  const hooks = commitHooks.get(tx);
  if (hooks) hooks.push(fn);
  else fn();
}

function withCommitHooks<P extends { $transaction: (...args: never[]) => unknown }>(client: P): P {
  const base = client.$transaction.bind(client) as (arg: unknown, opts?: unknown) => Promise<unknown>;
  const wrapped = async (arg: unknown, opts?: unknown) => {
    if (typeof arg !== "function") return base(arg, opts);
    const hooks: (() => void)[] = [];
    const result = await base((tx: object) => {
      commitHooks.set(tx, hooks);
      return (arg as (tx: object) => unknown)(tx);
    }, opts);
    for (const h of hooks) {
      try {
        h();
      } catch (e) {
        logUnexpected(e, "after-commit hook failed");
      }
    }
    return result;
  };
  Object.defineProperty(client, "$transaction", { value: wrapped, configurable: true, writable: true });
  return client;
}

function makePrisma(pool: Pool) {
  return withCommitHooks(new PrismaClient({
    adapter: new PrismaPg(pool),
    // Bursts (many concurrent creates or accepts) queue for the pool's 10
    // connections; waiting beats failing after Prisma's 2 s default.
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
    // Secrets never leave the database by accident: reading them needs an
    // explicit `omit: { passwordHash: false }` or `select`.
    omit: {
      user: { passwordHash: true, totpSecret: true },
      recoveryCode: { codeHash: true },
      invitation: { tokenHash: true },
      passwordReset: { tokenHash: true },
      session: { tokenHash: true },
      // The chain's columns are the verifier's business (lib/server/activity/chain), not the views'.
      activityLog: { chainSeq: true, prevHash: true, rowHash: true },
    },
  }));
}

function open(): Db {
  if (!holder.__selDb) {
    const url = env().databaseUrl;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
    const pool = new Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 });
    // An idle connection that dies (a server restart) leaves the pool, which
    // opens a fresh one for the next query; only the log hears of it.
    pool.on("error", (e) => {
      logUnexpected(e, "idle database connection lost");
    });
    holder.__selDb = { pool, prisma: makePrisma(pool) };
  }
  return holder.__selDb;
}

export type Prisma = Db["prisma"];
/** The client inside db().$transaction(async (tx) => ...). */
export type Tx = Omit<Prisma, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function db(): Prisma {
  return open().prisma;
}

export function pool(): Pool {
  return open().pool;
}

// What must end before the pool does (a module's own connection, such as
// the session cache's listener), registered by that module.
const closers = new Set<() => Promise<void>>();

/** Runs `fn` when closeDb() is called (once per registration). */
export function onCloseDb(fn: () => Promise<void>): void {
  closers.add(fn);
}

export async function closeDb(): Promise<void> {
  for (const fn of [...closers]) await fn().catch((e: unknown) => logUnexpected(e, "closing a database user failed"));
  closers.clear();
  const d = holder.__selDb;
  holder.__selDb = undefined;
  if (d) {
    await d.prisma.$disconnect();
    await d.pool.end();
  }
}
