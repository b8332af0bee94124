"use server";

import type { UserSearchInput } from "@/lib/schemas/search";
import { action } from "@/lib/server/adapters/action";
import { searchUsers } from "@/lib/server/users/search-users";
import { markWelcomed } from "@/lib/server/users/welcome";

/** The welcome modal was closed: never show it again. */
export const dismissWelcomeAction = action((ctx) => markWelcomed(ctx));

/** The command palette's user search (Ctrl+K), a few characters at a time. */
export const searchUsersAction = action((ctx, input: UserSearchInput) => searchUsers(ctx, input));
