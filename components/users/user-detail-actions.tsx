"use client";

import { useRouter } from "next/navigation";
import type { UserDto } from "./types";
import { UserActionButtons } from "./user-action-buttons";
import { UserActionsProvider } from "./user-actions";

/** The detail page's action buttons; a deleted user's page is gone, so go back to the list. */
export function UserDetailActions({ user, selfId, activeAdmins, now }: { user: UserDto; selfId: string; activeAdmins: number; now: number }) {
  const router = useRouter();
  return (
    <UserActionsProvider selfId={selfId} activeAdmins={activeAdmins} onDeleted={() => router.push("/admin/users")}>
      <UserActionButtons user={user} now={now} layout="page" />
    </UserActionsProvider>
  );
}
