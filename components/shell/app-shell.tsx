"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { IconLogout, IconMoon, IconSun, IconUserCircle } from "@tabler/icons-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import Image from "next/image";
import { useState, useSyncExternalStore } from "react";
import { RoleBadge } from "@/components/ui/role-badge";
import { ShortcutHelp } from "@/components/ui/shortcut-help";
import { CommandPalette } from "./command-palette";
import { ConsoleCommandsProvider } from "./console-commands";
import { ShortcutProvider } from "@/lib/client/shortcuts";
import { sectionsFor } from "@/lib/console-sections";
import type { Role } from "@/lib/roles";

type Props = { user: { username: string; role: Role }; children: React.ReactNode };

const navItems = (role: Role) => sectionsFor(role, "nav");

// The theme lives on <html data-bs-theme> (the server sets it from the cookie);
// the toggle reads it from there rather than keeping a copy.
function subscribeTheme(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-bs-theme"] });
  return () => observer.disconnect();
}
const themeIsDark = () => document.documentElement.getAttribute("data-bs-theme") === "dark";
const serverThemeIsDark = () => false;

function ThemeToggle() {
  const dark = useSyncExternalStore(subscribeTheme, themeIsDark, serverThemeIsDark);
  function toggle() {
    const next = dark ? "light" : "dark";
    document.documentElement.setAttribute("data-bs-theme", next);
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <button type="button" className="nav-link px-0" onClick={toggle} title={dark ? "Switch to light mode" : "Switch to dark mode"} aria-label={dark ? "Switch to light mode" : "Switch to dark mode"}>
      {dark ? <IconSun size={20} aria-hidden /> : <IconMoon size={20} aria-hidden />}
    </button>
  );
}

/**
 * The account menu (Radix's dropdown menu: arrow keys, Escape, outside click,
 * focus back on the button), below its button and aligned to its right edge,
 * so it never covers the button that opened it.
 */
function UserMenu({ user }: { user: Props["user"] }) {
  return (
    <DropdownMenu.Root>
      <div className="nav-item">
        <DropdownMenu.Trigger className="nav-link d-flex lh-1 text-reset p-0 btn btn-link" data-testid="user-menu">
          <span className="avatar avatar-sm">{user.username.slice(0, 2).toUpperCase()}</span>
          <span className="d-none d-xl-block ps-2 text-start">
            <span className="d-block">{user.username}</span>
            <span className="mt-1 small">
              <RoleBadge role={user.role} />
            </span>
          </span>
        </DropdownMenu.Trigger>
      </div>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="dropdown-menu dropdown-menu-end dropdown-menu-arrow radix-menu" side="bottom" align="end" sideOffset={10} collisionPadding={8}>
          <DropdownMenu.Label className="dropdown-header">
            Signed in as {user.username} <RoleBadge role={user.role} />
          </DropdownMenu.Label>
          {sectionsFor(user.role, "user-menu").map((s) => (
            <DropdownMenu.Item key={s.href} className="dropdown-item" asChild>
              <Link href={s.href}>
                <IconUserCircle size={18} className="me-2" aria-hidden /> {s.label}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Item className="dropdown-item" onSelect={() => void signOut({ callbackUrl: "/admin/login" })}>
            <IconLogout size={18} className="me-2" aria-hidden /> Log out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** The Tabler top-navigation layout of every console page. */
export function AppShell({ user, children }: Props) {
  const pathname = usePathname();
  // The collapsed menu belongs to the page it was opened on: navigating closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
  return (
    <ShortcutProvider>
      <ConsoleCommandsProvider role={user.role}>
      <div className="page">
        <header className="navbar navbar-expand-md d-print-none">
          <div className="container-xl">
            <button className="navbar-toggler" type="button" aria-controls="navbar-menu" aria-expanded={menuOpen} aria-label="Toggle navigation" onClick={() => setMenuOpenOn(menuOpen ? null : pathname)}>
              <span className="navbar-toggler-icon" />
            </button>
            <Link href="/admin" className="navbar-brand navbar-brand-autodark d-flex align-items-center gap-2 pe-0 pe-md-3 text-reset text-decoration-none">
              <Image src="/favicon.svg" width={28} height={28} alt="" />
              SEL Admin
            </Link>
            <div className="navbar-nav flex-row order-md-last align-items-center gap-3">
              <ThemeToggle />
              <UserMenu user={user} />
            </div>
            <div className={`collapse navbar-collapse${menuOpen ? " show" : ""}`} id="navbar-menu">
              <ul className="navbar-nav">
                {navItems(user.role).map((item) => {
                  const active = "exact" in item ? pathname === item.href : pathname.startsWith(item.href);
                  return (
                    <li key={item.href} className={`nav-item${active ? " active" : ""}`}>
                      <Link className="nav-link" href={item.href} aria-current={active ? "page" : undefined}>
                        <span className="nav-link-title">{item.label}</span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </div>
          </div>
        </header>
        <div className="page-wrapper">{children}</div>
      </div>
      <CommandPalette role={user.role} />
      <ShortcutHelp />
      </ConsoleCommandsProvider>
    </ShortcutProvider>
  );
}
