import { formatDate, formatDateTime } from "@/lib/format-date";
import type { UserDto } from "./types";

const LABEL = { queued: "Invitation queued", sent: "Invitation sent", failed: "Delivery failed" } as const;
const TONE = { queued: "text-secondary", sent: "text-secondary", failed: "text-danger" } as const;

/**
 * Where a pending user's invitation email is (the outbox's delivery state)
 * and when its link dies; a failure's last error shows on hover.
 */
export function InvitationStatus({ invitation, now }: { invitation: NonNullable<UserDto["invitation"]>; now?: number }) {
  const { delivery, last_error, sent_at, expires_at } = invitation;
  const expired = now !== undefined && new Date(expires_at).getTime() < now;
  const title = delivery === "failed" ? (last_error ?? "The email could not be delivered") : sent_at ? `Sent ${formatDateTime(sent_at)}` : undefined;
  return (
    <div className="small mt-1 lh-sm" data-testid="invitation-status">
      <div className={`text-nowrap ${TONE[delivery]}`} title={title}>
        {LABEL[delivery]}
        <span className="visually-hidden"> · </span>
      </div>
      <div className="text-secondary text-nowrap">
        <span title={formatDateTime(expires_at)} className={expired ? "text-danger" : undefined}>
          {expired ? "expired" : "expires"} {formatDate(expires_at)}
        </span>
      </div>
    </div>
  );
}
