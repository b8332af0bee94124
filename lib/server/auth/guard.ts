import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Ctx } from "./actor";
import { actionCtx } from "./session";

// The layout and the page of one request both ask; resolve the session once.
const pageCtx = cache(actionCtx);

/**
 * For console pages: the request's context with a signed-in, active actor,
 * or a redirect to the login page that comes back here afterwards.
 */
export async function requirePageCtx(): Promise<Ctx & { actor: NonNullable<Ctx["actor"]> }> {
  const ctx = await pageCtx();
  if (!ctx.actor) {
    const back = (await headers()).get("x-url") ?? "/admin";
    redirect(`/admin/login?redirect=${encodeURIComponent(back)}`);
  }
  return ctx as Ctx & { actor: NonNullable<Ctx["actor"]> };
}
