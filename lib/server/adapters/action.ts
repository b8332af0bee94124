import "server-only";
import { revalidatePath } from "next/cache";
import type { Ctx } from "../auth/actor";
import { actionCtx } from "../auth/session";
import { errFrom, type Result } from "../result";

/**
 * The server-action door: `action((ctx, input: CreateUserInput) => createUser(ctx, input))`
 * is a server action whose arguments are typed (input types come from the zod
 * schemas in lib/schemas) and whose answer is the service's Result. It
 * resolves the cookie session's actor, calls the service, which authorizes and
 * validates with those same schemas (every server action is a public POST
 * endpoint, so nothing here trusts the page or the types), revalidates pages
 * on success, and turns anything unexpected into a server_error value.
 */
export function action<A extends unknown[], T>(fn: (ctx: Ctx, ...args: A) => Promise<Result<T>>, opts: { revalidate?: string[] } = {}) {
  return async (...args: A): Promise<Result<T>> => {
    try {
      const r = await fn(await actionCtx(), ...args);
      if (r.ok) for (const p of opts.revalidate ?? []) revalidatePath(p);
      return r;
    } catch (e) {
      return errFrom(e);
    }
  };
}
