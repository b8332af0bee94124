"use server";

import type { ConfirmPasswordResetInput } from "@/lib/schemas/password-reset";
import { action } from "@/lib/server/adapters/action";
import { confirmPasswordReset } from "@/lib/server/password-reset/confirm";

export const confirmPasswordResetAction = action((ctx, input: ConfirmPasswordResetInput) => confirmPasswordReset(ctx, input));
