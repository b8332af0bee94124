"use server";

// My account's server actions: each is a public POST endpoint, and the
// account services authorize the cookie session's own user.

import type { ChangePasswordInput } from "@/lib/schemas/account";
import { action } from "@/lib/server/adapters/action";
import { changePassword } from "@/lib/server/account/change-password";
import { endOtherSessions, endOwnSession } from "@/lib/server/account/sessions";

const revalidate = ["/admin/account"];

export const changePasswordAction = action((ctx, input: ChangePasswordInput) => changePassword(ctx, input), { revalidate });

export const endSessionAction = action((ctx, id: string) => endOwnSession(ctx, id), { revalidate });

export const endOtherSessionsAction = action((ctx) => endOtherSessions(ctx), { revalidate });
