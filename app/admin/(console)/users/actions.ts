"use server";

// The server-action door to the users services. Each action is a public POST
// endpoint: the services authorize the cookie session's actor themselves.

import { action } from "@/lib/server/adapters/action";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { listUsers } from "@/lib/server/users/list-users";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import { activateUser, deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";

const USERS = ["/admin/users", "/admin"];

export async function listUsersAction(query: unknown) {
  return action((ctx) => listUsers(ctx, query));
}

export async function createUserAction(input: unknown) {
  return action((ctx) => createUser(ctx, input), USERS);
}

export async function updateUserAction(id: string, input: unknown) {
  return action((ctx) => updateUser(ctx, id, input), USERS);
}

export async function deactivateUserAction(id: string) {
  return action((ctx) => deactivateUser(ctx, id), USERS);
}

export async function activateUserAction(id: string) {
  return action((ctx) => activateUser(ctx, id), USERS);
}

export async function deleteUserAction(id: string) {
  return action((ctx) => deleteUser(ctx, id), USERS);
}

export async function resendInvitationAction(id: string) {
  return action((ctx) => resendInvitation(ctx, id), USERS);
}
