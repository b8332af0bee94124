import { IconAlertTriangle } from "@tabler/icons-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { RESET_INVALID_MESSAGE } from "@/lib/schemas/password-reset";
import { page } from "@/lib/server/adapters/page";
import { checkPasswordReset } from "@/lib/server/password-reset/confirm";

// The token is in the URL: keep it out of Referer headers of anything the page loads.
export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const { data: check } = await page("public", () => checkPasswordReset(token));
  if (check.state === "valid") {
    return (
      <AuthCard>
        <ResetPasswordForm token={token} username={check.username} inputs={check.inputs} />
      </AuthCard>
    );
  }
  return (
    <AuthCard>
      <div className="card card-md">
        <div className="card-body">
          <div className="empty" data-testid="reset-invalid">
            <div className="empty-icon">
              <IconAlertTriangle className="icon text-warning icon-lg" size={48} aria-hidden />
            </div>
            <h1 className="empty-title h3">Reset link invalid or expired</h1>
            <p className="empty-subtitle text-secondary">{RESET_INVALID_MESSAGE}</p>
            <div className="empty-action d-flex flex-column gap-2 align-items-center">
              <Link href="/admin/forgot-password" className="btn btn-primary">
                Request a new link
              </Link>
              <Link href="/admin/login">Back to login</Link>
            </div>
          </div>
        </div>
      </div>
    </AuthCard>
  );
}
