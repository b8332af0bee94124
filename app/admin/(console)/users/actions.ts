"use server";

// The server-action door to the users services. Each action is a public POST
// endpoint: the services authorize the cookie session's actor themselves.

import type { CreateUserInput, UpdateUserInput } from "@/lib/schemas/user";
import { action } from "@/lib/server/adapters/action";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { copyInvitationLink } from "@/lib/server/users/invitation-link";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import { revokeInvitation } from "@/lib/server/users/revoke-invitation";
import { sendPasswordReset } from "@/lib/server/users/send-password-reset";
import { unlockUser } from "@/lib/server/users/unlock-user";
import { resetUserTwoFactor } from "@/lib/server/two-factor/service";
import { activateUser, deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";

const revalidate = ["/admin/users", "/admin"];

export const createUserAction = action((ctx, input: CreateUserInput) => createUser(ctx, input), { revalidate });

export const updateUserAction = action((ctx, id: string, input: UpdateUserInput) => updateUser(ctx, id, input), { revalidate });

export const deactivateUserAction = action((ctx, id: string) => deactivateUser(ctx, id), { revalidate });

export const activateUserAction = action((ctx, id: string) => activateUser(ctx, id), { revalidate });

export const deleteUserAction = action((ctx, id: string) => deleteUser(ctx, id), { revalidate });

export const resendInvitationAction = action((ctx, id: string) => resendInvitation(ctx, id), { revalidate });

export const revokeInvitationAction = action((ctx, id: string) => revokeInvitation(ctx, id), { revalidate });

export const sendPasswordResetAction = action((ctx, id: string) => sendPasswordReset(ctx, id), { revalidate });

export const unlockUserAction = action((ctx, id: string) => unlockUser(ctx, id), { revalidate });

export const resetTwoFactorAction = action((ctx, id: string) => resetUserTwoFactor(ctx, id), { revalidate });

/** EMAIL_PROVIDER=log only: a fresh invitation link for the admin to hand over (recorded as activity). */
export const copyInvitationLinkAction = action((ctx, id: string) => copyInvitationLink(ctx, id), { revalidate });
