import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "./db";
import { env } from "./env";
import { AppError } from "./errors";

// Limits live in PostgreSQL (rate_limits table, rate-limiter-flexible's
// layout) so they hold across app instances. Windows are one minute.

export type LimitName = "login-ip" | "login-user" | "public-ip" | "api-user";

function points(name: LimitName): number {
  const e = env();
  if (name === "login-ip" || name === "login-user") return e.RATE_LIMIT_LOGIN_PER_MINUTE;
  if (name === "public-ip") return e.RATE_LIMIT_PUBLIC_PER_MINUTE;
  return e.RATE_LIMIT_API_PER_MINUTE;
}

const limiters = new Map<LimitName, RateLimiterPostgres>();
function limiter(name: LimitName): RateLimiterPostgres {
  let l = limiters.get(name);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points: points(name),
      duration: 60,
    });
    limiters.set(name, l);
  }
  return l;
}

/** What the X-RateLimit-* headers report. */
export type RateState = { limit: number; remaining: number; resetSeconds: number };

function stateOf(name: LimitName, r: RateLimiterRes): RateState {
  return {
    limit: points(name),
    remaining: Math.max(0, r.remainingPoints),
    resetSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)),
  };
}

function limited(name: LimitName, r: RateLimiterRes): AppError {
  const s = stateOf(name, r);
  return new AppError("rate_limited", `Too many requests. Try again in ${s.resetSeconds} seconds.`, undefined, s.resetSeconds);
}

/** Counts one hit; throws rate_limited when over the limit. */
export async function hit(name: LimitName, key: string): Promise<RateState> {
  try {
    return stateOf(name, await limiter(name).consume(key.toLowerCase(), 1));
  } catch (e) {
    if (e instanceof RateLimiterRes) throw limited(name, e);
    throw e;
  }
}

/** Throws rate_limited if the key is already over the limit; counts nothing. */
export async function check(name: LimitName, key: string): Promise<RateState> {
  const r = await limiter(name).get(key.toLowerCase());
  if (r && r.consumedPoints >= points(name)) throw limited(name, r);
  return r ? stateOf(name, r) : { limit: points(name), remaining: points(name), resetSeconds: 60 };
}

/** The state of a key without counting a hit (for X-RateLimit-* headers of routes whose service counts). */
export async function peek(name: LimitName, key: string): Promise<RateState> {
  const r = await limiter(name).get(key.toLowerCase());
  return r ? stateOf(name, r) : { limit: points(name), remaining: points(name), resetSeconds: 60 };
}

/** Gives back one point taken by hit() (a login that turned out right). */
export async function refund(name: LimitName, key: string): Promise<void> {
  await limiter(name).reward(key.toLowerCase(), 1).catch(() => undefined);
}
