import { IconAlertTriangle } from "@tabler/icons-react";
import type { Metadata } from "next";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { AuthCard } from "@/components/auth/auth-card";
import { page } from "@/lib/server/adapters/page";
import { checkInvitation } from "@/lib/server/invitations/accept";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const { data: check } = await page("public", () => checkInvitation(token));
  if (check.state === "valid") {
    return (
      <AuthCard>
        <AcceptInvitationForm token={token} username={check.username} email={check.email} />
      </AuthCard>
    );
  }
  const expired = check.state === "expired";
  return (
    <AuthCard>
      <div className="card card-md">
        <div className="card-body">
          <div className="empty" data-testid="invitation-invalid">
            <div className="empty-icon">
              <IconAlertTriangle className="icon text-warning icon-lg" size={48} aria-hidden />
            </div>
            <h1 className="empty-title h3">{expired ? "Invitation Expired" : "Invalid Invitation"}</h1>
            <p className="empty-subtitle text-secondary">
              {expired
                ? "This invitation link has expired. Please contact your administrator to resend the invitation."
                : "This invitation link is invalid or has already been used. Please contact your administrator to resend the invitation."}
            </p>
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
