import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "./db";
import { env } from "./env";
import { AppError } from "./errors";
import { logUnexpected } from "./logger";
import { SyncedLimiter, type Decision } from "./rate-limit-synced";

// Limits live in PostgreSQL (rate_limits table, rate-limiter-flexible's
// layout) so they hold across app instances. Windows are one minute.

/** The part of a request context a limit reads (and reports into). */
type Ctx = { actor: { id: string } | null; meta: { ip: string | null }; rate?: RateReport };

/** What is limited. Accept-invitation and password reset share one store ("public-ip") but not one budget. */
export type Limit = "login-ip" | "login-user" | "accept-ip" | "reset-ip" | "api-user";

type Store = "login-ip" | "login-user" | "public-ip" | "api-user";

const STORE: Record<Limit, Store> = {
  "login-ip": "login-ip",
  "login-user": "login-user",
  "accept-ip": "public-ip",
  "reset-ip": "public-ip",
  "api-user": "api-user",
};

/**
 * The key a limit counts under, for the limiter and the X-RateLimit-* headers
 * alike: the client IP, the account (login-user: its username, so the
 * username and the email share one budget) or the signed-in user.
 */
export function limitKey(limit: Limit, ctx: Ctx, account?: string): string {
  const ip = ctx.meta.ip ?? "unknown";
  const key =
    limit === "login-user" ? (account ?? "").trim()
    : limit === "api-user" ? (ctx.actor?.id ?? "anonymous")
    : limit === "accept-ip" ? `accept:${ip}`
    : limit === "reset-ip" ? `reset:${ip}`
    : ip;
  return key.toLowerCase();
}

function points(store: Store): number {
  const e = env();
  if (store === "login-ip" || store === "login-user") return e.RATE_LIMIT_LOGIN_PER_MINUTE;
  if (store === "public-ip") return e.RATE_LIMIT_PUBLIC_PER_MINUTE;
  return e.RATE_LIMIT_API_PER_MINUTE;
}

const limiters = new Map<Store, RateLimiterPostgres>();
function limiter(store: Store): RateLimiterPostgres {
  let l = limiters.get(store);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      // Expired rows are removed by the housekeeping job (lib/server/housekeeping).
      clearExpiredByTimeout: false,
      keyPrefix: store,
      points: points(store),
      duration: 60,
    });
    limiters.set(store, l);
  }
  return l;
}

// The per-user API limit is counted in memory and synced in batches (see
// rate-limit-synced.ts for the guarantee); login and public limits stay
// exact in the database, one write per attempt.
let synced: SyncedLimiter | undefined;
const apiLimiter = () => (synced ??= new SyncedLimiter(pool, "api-user", () => points("api-user")));

const fromDecision = (d: Decision): RateState => ({ limit: d.limit, remaining: d.remaining, resetSeconds: Math.max(1, Math.ceil(d.resetMs / 1000)) });

/** What the X-RateLimit-* headers report. */
export type RateState = { limit: number; remaining: number; resetSeconds: number };

/**
 * The limits a request touched, as they stood last. route() creates it and
 * reports the tightest one in its headers, so a service that counts a limit
 * needs no second lookup at the door.
 */
export type RateReport = Map<Limit, RateState>;

function stateOf(limit: Limit, r: RateLimiterRes | null): RateState {
  const max = points(STORE[limit]);
  if (!r) return { limit: max, remaining: max, resetSeconds: 60 };
  return { limit: max, remaining: Math.max(0, r.remainingPoints), resetSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)) };
}

function noted(ctx: Ctx, limit: Limit, state: RateState): RateState {
  ctx.rate?.set(limit, state);
  return state;
}

/** Counts one hit; throws rate_limited when over the limit. */
export async function hit(limit: Limit, ctx: Ctx, account?: string): Promise<RateState> {
  if (limit === "api-user") {
    const d = await apiLimiter().consume(limitKey(limit, ctx, account));
    const s = noted(ctx, limit, fromDecision(d));
    if (!d.allowed) throw new AppError("rate_limited", `Too many requests. Try again in ${s.resetSeconds} seconds.`, undefined, s.resetSeconds);
    return s;
  }
  try {
    return noted(ctx, limit, stateOf(limit, await limiter(STORE[limit]).consume(limitKey(limit, ctx, account), 1)));
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    const s = noted(ctx, limit, stateOf(limit, e));
    throw new AppError("rate_limited", `Too many requests. Try again in ${s.resetSeconds} seconds.`, undefined, s.resetSeconds);
  }
}

/** The state of a limit without counting a hit. */
export async function peek(limit: Limit, ctx: Ctx, account?: string): Promise<RateState> {
  if (limit === "api-user") return noted(ctx, limit, fromDecision(apiLimiter().peek(limitKey(limit, ctx, account))));
  return noted(ctx, limit, stateOf(limit, await limiter(STORE[limit]).get(limitKey(limit, ctx, account))));
}

/**
 * Gives back one point taken by hit() (a login that turned out right). A
 * failure only costs the person a point, so it is logged, not thrown.
 */
export async function refund(limit: Limit, ctx: Ctx, account?: string): Promise<void> {
  try {
    noted(ctx, limit, stateOf(limit, await limiter(STORE[limit]).reward(limitKey(limit, ctx, account), 1)));
  } catch (e) {
    logUnexpected(e, "rate-limit refund failed", { limit });
  }
}
