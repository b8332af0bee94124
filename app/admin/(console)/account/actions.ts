"use server";

// My account's server actions: each is a public POST endpoint, and the
// account services authorize the cookie session's own user.

import type { ChangePasswordInput } from "@/lib/schemas/account";
import { action } from "@/lib/server/adapters/action";
import { changePassword } from "@/lib/server/account/change-password";
import { endOtherSessions, endOwnSession } from "@/lib/server/account/sessions";
import type { ConfirmTwoFactorInput, DisableTwoFactorInput, RegenerateRecoveryCodesInput } from "@/lib/schemas/two-factor";
import { confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorSetup } from "@/lib/server/two-factor/service";

const revalidate = ["/admin/account"];

export const changePasswordAction = action((ctx, input: ChangePasswordInput) => changePassword(ctx, input), { revalidate });

export const endSessionAction = action((ctx, id: string) => endOwnSession(ctx, id), { revalidate });

export const endOtherSessionsAction = action((ctx) => endOtherSessions(ctx), { revalidate });

// Not revalidated: the answer holds what is shown once (the secret, the codes); the form refreshes after.
export const startTwoFactorSetupAction = action((ctx) => startTwoFactorSetup(ctx));

export const confirmTwoFactorAction = action((ctx, input: ConfirmTwoFactorInput) => confirmTwoFactorSetup(ctx, input));

export const regenerateRecoveryCodesAction = action((ctx, input: RegenerateRecoveryCodesInput) => regenerateRecoveryCodes(ctx, input));

export const disableTwoFactorAction = action((ctx, input: DisableTwoFactorInput) => disableTwoFactor(ctx, input), { revalidate });
