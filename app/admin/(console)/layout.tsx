import { AppShell } from "@/components/shell/app-shell";
import { WelcomeModal } from "@/components/shell/welcome-modal";
import { requirePageCtx } from "@/lib/server/auth/guard";
import { needsWelcome } from "@/lib/server/users/welcome";
import { dismissWelcomeAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageCtx();
  const welcome = await needsWelcome(ctx);
  const user = { username: ctx.actor.username, role: ctx.actor.role };
  return (
    <AppShell user={user}>
      {children}
      {welcome && <WelcomeModal username={user.username} role={user.role} dismiss={dismissWelcomeAction} />}
    </AppShell>
  );
}
