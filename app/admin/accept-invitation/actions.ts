"use server";

import { action } from "@/lib/server/adapters/action";
import { acceptInvitation } from "@/lib/server/invitations/accept";

export async function acceptInvitationAction(input: { token: string; password: string; password_confirm: string }) {
  return action((ctx) => acceptInvitation(ctx, input));
}
