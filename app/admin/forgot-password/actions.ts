"use server";

import type { RequestPasswordResetInput } from "@/lib/schemas/password-reset";
import { action } from "@/lib/server/adapters/action";
import { requestPasswordReset } from "@/lib/server/password-reset/request";

export const requestPasswordResetAction = action((ctx, input: RequestPasswordResetInput) => requestPasswordReset(ctx, input));
