"use server";

import { actionCtx } from "@/lib/server/auth/session";
import { markWelcomed } from "@/lib/server/users/welcome";

/** The welcome modal was closed: never show it again. */
export async function dismissWelcomeAction(): Promise<void> {
  await markWelcomed(await actionCtx());
}
