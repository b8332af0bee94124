"use server";

import type { AcceptInvitationInput } from "@/lib/schemas/password";
import { action } from "@/lib/server/adapters/action";
import { acceptInvitation } from "@/lib/server/invitations/accept";

export const acceptInvitationAction = action((ctx, input: AcceptInvitationInput) => acceptInvitation(ctx, input));
