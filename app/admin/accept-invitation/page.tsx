import { IconAlertTriangle } from "@tabler/icons-react";
import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { AuthCard } from "@/components/auth/auth-card";
import { page } from "@/lib/server/adapters/page";
import { checkInvitation, EXPIRED_MESSAGE, INVALID_MESSAGE, REVOKED_MESSAGE } from "@/lib/server/invitations/accept";

// What a dead link's page says, by why it died (the API's invalid-invitation says the same).
const DEAD = {
  expired: { title: "Invitation Expired", text: EXPIRED_MESSAGE },
  revoked: { title: "Invitation Withdrawn", text: REVOKED_MESSAGE },
  invalid: { title: "Invalid Invitation", text: INVALID_MESSAGE },
} as const;

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const { data: check } = await page("public", () => checkInvitation(token));
  if (check.state === "valid") {
    return (
      <AuthCard>
        <AcceptInvitationForm token={token} username={check.username} email={check.email} inputs={check.inputs} />
      </AuthCard>
    );
  }
  const dead = DEAD[check.state];
  return (
    <AuthCard>
      <div className="card card-md">
        <div className="card-body">
          <div className="empty" data-testid="invitation-invalid" data-state={check.state}>
            <div className="empty-icon">
              <IconAlertTriangle className="icon text-warning icon-lg" size={48} aria-hidden />
            </div>
            <h1 className="empty-title h3">{dead.title}</h1>
            <p className="empty-subtitle text-secondary">{dead.text}</p>
            <div className="empty-action">
              <a href="/admin/login" className="btn">
                Go to login
              </a>
            </div>
          </div>
        </div>
      </div>
    </AuthCard>
  );
}
