import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { can, type Permission } from "@/lib/roles";
import { needsTwoFactorSetup, type Actor, type Ctx } from "../auth/actor";
import { actionCtx } from "../auth/session";
import { metaFromHeaders } from "../request-meta";

/** A console page's context: always a signed-in, active actor. */
export type PageCtx = Ctx & { actor: Actor };

/**
 * `now` is the request's clock, read once when the page's data is loaded, so everything
 * it renders ("expires in 2 days", "locked for 5 minutes") agrees and render
 * itself stays pure.
 */
export type PageResult<T> = { ok: true; ctx: PageCtx; data: T; now: number } | { ok: false; code: "forbidden"; ctx: PageCtx };

// The layout and the page of one request both ask; resolve the session once.
const sessionCtx = cache(actionCtx);

async function signedIn(): Promise<PageCtx> {
  const ctx = await sessionCtx();
  if (!ctx.actor) {
    const back = (await headers()).get("x-url") ?? "/admin";
    redirect(`/admin/login?redirect=${encodeURIComponent(back)}`);
  }
  return ctx as PageCtx;
}

/**
 * The page door, the third beside action() and route(). A console page names
 * the permission it needs: a visitor without a session is sent to the login
 * page (and back afterwards), a role without the permission gets a
 * "forbidden" result (proxy.ts normally answers those with a real 403
 * first), and otherwise `load` runs with the context; the services it calls
 * authorize again. An admin the node's two-factor policy holds back is sent
 * to My account to set it up. "public" pages (the emailed links) get the request's
 * context without a session.
 */
export async function page<T>(access: "public", load: (ctx: Ctx) => Promise<T>): Promise<{ ok: true; ctx: Ctx; data: T; now: number }>;
export async function page<T>(access: Permission, load: (ctx: PageCtx) => Promise<T>): Promise<PageResult<T>>;
export async function page<T>(access: Permission | "public", load: (ctx: PageCtx) => Promise<T>): Promise<PageResult<T> | { ok: true; ctx: Ctx; data: T; now: number }> {
  if (access === "public") {
    const ctx: Ctx = { actor: null, meta: metaFromHeaders(await headers()) };
    const data = await (load as (ctx: Ctx) => Promise<T>)(ctx);
    return { ok: true, ctx, data, now: Date.now() };
  }
  const ctx = await signedIn();
  if (!can(ctx.actor.role, access)) return { ok: false, code: "forbidden", ctx };
  // The node requires a second factor for this role: My account (where it is set up) until then.
  if (access !== "account:manage" && needsTwoFactorSetup(ctx.actor)) redirect("/admin/account?setup=two-factor#two-factor");
  const data = await load(ctx);
  return { ok: true, ctx, data, now: Date.now() };
}
