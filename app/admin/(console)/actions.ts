"use server";

import { action } from "@/lib/server/adapters/action";
import { markWelcomed } from "@/lib/server/users/welcome";

/** The welcome modal was closed: never show it again. */
export const dismissWelcomeAction = action((ctx) => markWelcomed(ctx));
