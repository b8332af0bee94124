import "server-only";
import { revalidatePath } from "next/cache";
import type { Ctx } from "../auth/actor";
import { actionCtx } from "../auth/session";
import { errFrom, type Result } from "../result";

/**
 * The server-action door: resolve the cookie session's actor, call the
 * service (which authorizes), revalidate pages on success. Every server
 * action is a public POST endpoint, so nothing here trusts the page.
 */
export async function action<T>(fn: (ctx: Ctx) => Promise<Result<T>>, revalidate: string[] = []): Promise<Result<T>> {
  try {
    const r = await fn(await actionCtx());
    if (r.ok) for (const p of revalidate) revalidatePath(p);
    return r;
  } catch (e) {
    return errFrom(e);
  }
}
