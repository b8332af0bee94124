import { IconMailOff } from "@tabler/icons-react";
import { formatDate, formatDateTime } from "@/lib/format-date";
import type { UserDto } from "./types";

const LABEL = { queued: "Invitation queued", sent: "Invitation sent", failed: "Delivery failed", not_sent: "Not emailed" } as const;
const TONE = { queued: "text-secondary", sent: "text-secondary", failed: "text-danger", not_sent: "text-secondary" } as const;

/**
 * Where a pending user's invitation email is (the outbox's delivery state)
 * and when its link dies. A failure shows the mail server's reason; with no
 * email provider it says nothing was sent (the row's actions offer Retry
 * and Copy link). A pending user whose invitation was revoked has no open
 * link until it is resent.
 */
export function InvitationStatus({ user, now }: { user: Pick<UserDto, "status" | "invitation">; now?: number }) {
  if (user.status !== "pending") return null;
  // Revoked: pending without a live link until an admin resends.
  if (!user.invitation) {
    return (
      <div className="small mt-1 lh-sm text-secondary text-nowrap" data-testid="invitation-status">
        No open invitation
      </div>
    );
  }
  const { delivery, last_error, sent_at, expires_at } = user.invitation;
  const expired = now !== undefined && new Date(expires_at).getTime() < now;
  const reason =
    delivery === "failed" ? (last_error ?? "The email could not be delivered") : delivery === "not_sent" ? "Email is not configured: copy the invitation link" : null;
  return (
    <div className="small mt-1 lh-sm" data-testid="invitation-status" data-delivery={delivery}>
      <div className={`text-nowrap ${TONE[delivery]}`} title={sent_at ? `Sent ${formatDateTime(sent_at)}` : undefined}>
        {delivery === "not_sent" && <IconMailOff size={14} className="me-1 text-warning" aria-hidden />}
        {LABEL[delivery]}
        <span className="visually-hidden"> · </span>
      </div>
      {reason && (
        <div className="text-secondary invitation-reason" title={reason} data-testid="delivery-reason">
          {reason}
          <span className="visually-hidden"> · </span>
        </div>
      )}
      <div className="text-secondary text-nowrap">
        <span title={formatDateTime(expires_at)} className={expired ? "text-danger" : undefined}>
          {expired ? "expired" : "expires"} {formatDate(expires_at)}
        </span>
      </div>
    </div>
  );
}
