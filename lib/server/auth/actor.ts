import "server-only";
import { can, twoFactorPolicyCovers, type Permission, type Role } from "@/lib/roles";
import { env } from "../env";
import { AppError } from "../errors";
import type { RateReport } from "../rate-limit";

/** Who is acting, resolved from a cookie session or a bearer token. */
export type Actor = {
  id: string;
  username: string;
  email: string;
  role: Role;
  /** The session the request came with (a browser sign-in or an API token). */
  sessionId: string;
  sessionKind: SessionKind;
  /** Whether the account has two-factor sign-in on. */
  twoFactor: boolean;
};

export type SessionKind = "browser" | "api";

/** Where a request came from, for the activity log and rate limits. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

/**
 * What every service receives first. `rate` is set by route(): the limits the
 * request touched, reported in its X-RateLimit-* headers.
 */
export type Ctx = { actor: Actor | null; meta: RequestMeta; rate?: RateReport };

export const TWO_FACTOR_REQUIRED = "This node requires two-factor authentication for admins: set it up on My account (/admin/account) first";

/**
 * Whether the node's policy (REQUIRE_2FA_FOR_ADMINS) holds this actor back:
 * a covered role without a second factor may only use My account (where it
 * is set up) until it has one.
 */
export function needsTwoFactorSetup(actor: Actor): boolean {
  return env().REQUIRE_2FA_FOR_ADMINS && twoFactorPolicyCovers(actor.role) && !actor.twoFactor;
}

/** First line of every service: throws 401/403 as an AppError. */
export function authorize(ctx: Ctx, permission: Permission): Actor {
  if (!ctx.actor) throw new AppError("unauthorized", "Authentication required");
  if (!can(ctx.actor.role, permission)) throw new AppError("forbidden", "You do not have permission to do this");
  if (permission !== "account:manage" && needsTwoFactorSetup(ctx.actor)) throw new AppError("two_factor_required", TWO_FACTOR_REQUIRED);
  return ctx.actor;
}

/** A context for scripts and system jobs (no human actor). */
export const systemCtx = (): Ctx => ({ actor: null, meta: { ip: null, userAgent: "sel-admin/cli" } });
