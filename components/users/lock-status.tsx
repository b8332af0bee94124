import { IconLock } from "@tabler/icons-react";
import { formatDateTime } from "@/lib/format-date";
import type { UserDto } from "./types";

/** "Locked until ..." while too many failed logins keep the account shut (an admin can unlock it). */
export function LockStatus({ user }: { user: Pick<UserDto, "locked_until"> }) {
  if (!user.locked_until) return null;
  return (
    <div className="small mt-1 lh-sm text-danger" data-testid="lock-status">
      <span className="text-nowrap">
        <IconLock size={14} className="me-1" aria-hidden />
        Locked until
      </span>{" "}
      <span className="text-nowrap">{formatDateTime(user.locked_until)}</span>
    </div>
  );
}
