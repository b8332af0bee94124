"use server";

import { action } from "@/lib/server/adapters/action";
import { confirmPasswordReset } from "@/lib/server/password-reset/confirm";

export async function confirmPasswordResetAction(input: { token: string; password: string; password_confirm: string }) {
  return action((ctx) => confirmPasswordReset(ctx, input));
}
