"use server";

import { action } from "@/lib/server/adapters/action";
import { requestPasswordReset } from "@/lib/server/password-reset/request";

export async function requestPasswordResetAction(input: { email: string }) {
  return action((ctx) => requestPasswordReset(ctx, input));
}
