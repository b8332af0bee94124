import { AppShell } from "@/components/shell/app-shell";
import { WelcomeModal } from "@/components/shell/welcome-modal";
import { InvitationLinkProvider } from "@/components/users/invitation-link";
import { page } from "@/lib/server/adapters/page";
import { needsWelcome } from "@/lib/server/users/welcome";
import { dismissWelcomeAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  // Every role may enter the console (account:manage is every role's, and the
  // one an admin still has while the node's two-factor policy holds them back);
  // the pages inside ask for more.
  const p = await page("account:manage", needsWelcome);
  const welcome = p.ok && p.data;
  const user = { username: p.ctx.actor.username, role: p.ctx.actor.role };
  return (
    <InvitationLinkProvider>
      <AppShell user={user}>
        {children}
        {welcome && <WelcomeModal username={user.username} role={user.role} dismiss={dismissWelcomeAction} />}
      </AppShell>
    </InvitationLinkProvider>
  );
}
