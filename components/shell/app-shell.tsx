"use client";

import { IconLogout, IconMoon, IconSun } from "@tabler/icons-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { RoleBadge } from "@/components/ui/role-badge";
import { ShortcutHelp } from "@/components/ui/shortcut-help";
import { ShortcutProvider } from "@/lib/client/shortcuts";
import { SECTIONS } from "@/lib/console-sections";
import { can, type Role } from "@/lib/roles";

type Props = { user: { username: string; role: Role }; children: React.ReactNode };

const navItems = (role: Role) => SECTIONS.filter((s) => can(role, s.permission));

function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.getAttribute("data-bs-theme") === "dark"), []);
  function toggle() {
    const next = dark ? "light" : "dark";
    document.documentElement.setAttribute("data-bs-theme", next);
    document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
    setDark(!dark);
  }
  return (
    <button type="button" className="nav-link px-0" onClick={toggle} title={dark ? "Switch to light mode" : "Switch to dark mode"} aria-label={dark ? "Switch to light mode" : "Switch to dark mode"}>
      {dark ? <IconSun size={20} aria-hidden /> : <IconMoon size={20} aria-hidden />}
    </button>
  );
}

function UserMenu({ user }: { user: Props["user"] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  return (
    <div className="nav-item dropdown" ref={ref}>
      <button type="button" className="nav-link d-flex lh-1 text-reset p-0 btn btn-link" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="user-menu">
        <span className="avatar avatar-sm">{user.username.slice(0, 2).toUpperCase()}</span>
        <span className="d-none d-xl-block ps-2 text-start">
          <span className="d-block">{user.username}</span>
          <span className="mt-1 small">
            <RoleBadge role={user.role} />
          </span>
        </span>
      </button>
      <div className={`dropdown-menu dropdown-menu-end dropdown-menu-arrow${open ? " show" : ""}`} role="menu" style={open ? { right: 0, left: "auto" } : undefined}>
        <span className="dropdown-header">
          Signed in as {user.username} <RoleBadge role={user.role} />
        </span>
        <button type="button" role="menuitem" className="dropdown-item" onClick={() => signOut({ callbackUrl: "/admin/login" })}>
          <IconLogout size={18} className="me-2" aria-hidden /> Log out
        </button>
      </div>
    </div>
  );
}

/** The Tabler top-navigation layout of every console page. */
export function AppShell({ user, children }: Props) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <ShortcutProvider>
      <div className="page">
        <header className="navbar navbar-expand-md d-print-none">
          <div className="container-xl">
            <button className="navbar-toggler" type="button" aria-controls="navbar-menu" aria-expanded={menuOpen} aria-label="Toggle navigation" onClick={() => setMenuOpen((o) => !o)}>
              <span className="navbar-toggler-icon" />
            </button>
            <Link href="/admin" className="navbar-brand navbar-brand-autodark d-flex align-items-center gap-2 pe-0 pe-md-3 text-reset text-decoration-none">
              <img src="/favicon.svg" width={28} height={28} alt="" />
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
      <ShortcutHelp />
    </ShortcutProvider>
  );
}
