import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { ACCEPTED_MESSAGE } from "@/lib/server/invitations/accept";

export const metadata: Metadata = { title: "Sign in" };

type Search = Promise<{ redirect?: string; accepted?: string; reset?: string; error?: string }>;

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const notice = sp.accepted ? ACCEPTED_MESSAGE : sp.reset ? "Password changed. Please log in." : undefined;
  return (
    <AuthCard>
      <LoginForm redirect={typeof sp.redirect === "string" ? sp.redirect : undefined} notice={notice} />
    </AuthCard>
  );
}
