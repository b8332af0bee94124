"use client";

import { IconArrowRight, IconDownload, IconLayoutDashboard, IconLogout, IconSearch, IconUserCircle, IconUserPlus } from "@tabler/icons-react";
import { signOut } from "next-auth/react";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Modal } from "@/components/ui/modal";
import { RoleBadge, StatusBadge } from "@/components/ui/role-badge";
import { useShortcut } from "@/lib/client/shortcuts";
import { useUserSearch } from "@/lib/client/use-user-search";
import { sectionsFor } from "@/lib/console-sections";
import { can, type Role } from "@/lib/roles";
import { filterQueryString } from "@/lib/schemas/activity";
import { useConsoleCommands } from "./console-commands";

// Ctrl+K on every console page: users (searched on the server as you type,
// a short page at a time), the pages the role may open, and what the role
// may do. An ARIA combobox: focus stays in the box, the arrow keys move
// through the options, Enter runs the highlighted one, Escape closes.

const SEARCH_DELAY_MS = 200;

type Item = { id: string; group: "Users" | "Pages" | "Actions"; label: string; hint?: React.ReactNode; icon: React.ReactNode; run: () => void; keywords?: string };

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

export function CommandPalette({ role }: { role: Role }) {
  const [open, setOpen] = useState(false);
  useShortcut("mod+k", () => setOpen(true));
  return <>{open && <PaletteDialog role={role} onClose={() => setOpen(false)} />}</>;
}

function PaletteDialog({ role, onClose }: { role: Role; onClose: () => void }) {
  const router = useRouter();
  const pathname = usePathname();
  const { createUser } = useConsoleCommands();
  const [text, setText] = useState("");
  // The highlighted option; a new list (other length or query) starts at its first.
  const [highlight, setHighlight] = useState({ list: "", index: 0 });
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const searchesUsers = can(role, "users:read");
  const q = norm(text);
  const search = useUserSearch(q, searchesUsers, { delayMs: SEARCH_DELAY_MS });

  const items = useMemo(() => {
    const go = (href: string) => () => {
      onClose();
      router.push(href);
    };
    const users: Item[] = search.hits.map((u) => ({
      id: `user-${u.id}`,
      group: "Users",
      label: u.username,
      hint: (
        <>
          <span className="text-secondary text-truncate">{u.email}</span>
          <RoleBadge role={u.role} />
          {u.status !== "active" && <StatusBadge status={u.status} />}
        </>
      ),
      icon: <IconUserCircle size={18} aria-hidden />,
      run: go(`/admin/users/${u.id}`),
    }));
    const pages: Item[] = sectionsFor(role, "nav").map((s) => ({
      id: `page-${s.href}`,
      group: "Pages",
      label: s.label,
      icon: <IconLayoutDashboard size={18} aria-hidden />,
      run: go(s.href),
    }));
    const actions: Item[] = [];
    if (createUser)
      actions.push({
        id: "action-create-user",
        group: "Actions",
        label: "Create user",
        keywords: "new invite add",
        icon: <IconUserPlus size={18} aria-hidden />,
        run: () => {
          onClose();
          createUser();
        },
      });
    if (can(role, "activity:read"))
      actions.push({
        id: "action-export-activity",
        group: "Actions",
        label: "Export activity",
        hint: <span className="text-secondary">{pathname === "/admin/activity" ? "CSV of the filtered view" : "CSV of the whole log"}</span>,
        keywords: "csv download log",
        icon: <IconDownload size={18} aria-hidden />,
        run: () => {
          onClose();
          // On the Activity page, the filters on screen; elsewhere the whole log.
          const query = pathname === "/admin/activity" ? filterQueryString(Object.fromEntries(new URLSearchParams(window.location.search))) : "";
          const a = document.createElement("a");
          a.href = `/admin/activity/export${query}`;
          a.download = "";
          document.body.appendChild(a);
          a.click();
          a.remove();
        },
      });
    for (const s of sectionsFor(role, "user-menu"))
      actions.push({ id: `action-${s.href}`, group: "Actions", label: s.label, keywords: "password sessions profile", icon: <IconUserCircle size={18} aria-hidden />, run: go(s.href) });
    actions.push({
      id: "action-log-out",
      group: "Actions",
      label: "Log out",
      keywords: "sign out",
      icon: <IconLogout size={18} aria-hidden />,
      run: () => {
        onClose();
        void signOut({ callbackUrl: "/admin/login" });
      },
    });
    const matches = (i: Item) => !q || norm(`${i.label} ${i.keywords ?? ""}`).includes(q);
    return [...users, ...pages.filter(matches), ...actions.filter(matches)];
  }, [search.hits, role, createUser, pathname, q, router, onClose]);

  const list = `${items.length}|${search.q}`;
  const active = highlight.list === list ? highlight.index : 0;
  const setActive = (next: number | ((a: number) => number)) =>
    setHighlight({ list, index: typeof next === "function" ? next(active) : next });
  const current = items[Math.min(active, items.length - 1)];

  useEffect(() => {
    if (current) document.getElementById(optionId(listId, current.id))?.scrollIntoView({ block: "nearest" });
  }, [current, listId]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const n = items.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (n) setActive((a) => (Math.min(a, n - 1) + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
    } else if (e.key === "Home" && e.ctrlKey) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === "End" && e.ctrlKey) {
      e.preventDefault();
      setActive(Math.max(0, n - 1));
    } else if (e.key === "Enter") {
      e.preventDefault();
      current?.run();
    }
  };

  const searching = searchesUsers && q && search.q === q && search.state === "loading";
  const status =
    searchesUsers && q
      ? search.state === "error"
        ? search.message
        : search.state === "done" && search.q === q
          ? search.hits.length === 0
            ? "No users match"
            : `${search.hits.length}${search.hits.length >= 8 ? "+" : ""} ${search.hits.length === 1 ? "user" : "users"}`
          : "Searching users…"
      : null;

  const groups = (["Users", "Pages", "Actions"] as const).map((g) => [g, items.filter((i) => i.group === g)] as const).filter(([, list]) => list.length > 0);

  return (
    <Modal open onClose={onClose} ariaLabel="Command palette" testId="command-palette" initialFocus={inputRef}>
      <div className="modal-body p-0">
        <div className="input-icon p-2 border-bottom">
          <span className="input-icon-addon ps-3">
            {searching ? <span className="spinner-border spinner-border-sm" aria-hidden /> : <IconSearch size={18} aria-hidden />}
          </span>
          <input
            ref={inputRef}
            type="text"
            className="form-control form-control-lg border-0 shadow-none"
            placeholder={searchesUsers ? "Search users by username or email, pages, actions" : "Search pages and actions"}
            aria-label={searchesUsers ? "Search users, pages and actions" : "Search pages and actions"}
            role="combobox"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={current ? optionId(listId, current.id) : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKeyDown}
          />
        </div>
        <div className="visually-hidden" aria-live="polite" data-testid="palette-status">
          {status}
        </div>
        <div id={listId} role="listbox" aria-label="Results" className="command-palette-list py-1">
          {groups.map(([group, list]) => (
            <div key={group} role="group" aria-label={group}>
              <div className="px-3 pt-2 pb-1 small text-uppercase fw-bold text-secondary" aria-hidden>
                {group}
              </div>
              {list.map((item) => {
                const selected = item === current;
                return (
                  <div
                    key={item.id}
                    id={optionId(listId, item.id)}
                    role="option"
                    aria-selected={selected}
                    className={`command-palette-option d-flex align-items-center gap-2 px-3 py-2${selected ? " active" : ""}`}
                    // Keep focus in the box; a click runs the option.
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => !selected && setActive(items.indexOf(item))}
                    onClick={() => item.run()}
                  >
                    <span className="text-secondary d-flex" aria-hidden>
                      {item.icon}
                    </span>
                    <span className="fw-medium text-nowrap">{item.label}</span>
                    {item.hint && <span className="d-flex align-items-center gap-2 min-w-0 ms-auto small">{item.hint}</span>}
                    {selected && <IconArrowRight size={16} className="ms-2 flex-shrink-0 text-secondary" aria-hidden />}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        {searchesUsers && q && search.q === q && search.state !== "loading" && search.hits.length === 0 && (
          <div className="px-3 pb-2 text-secondary small" data-testid="palette-no-users">
            {search.state === "error" ? search.message : `No users match “${text.trim()}”`}
          </div>
        )}
        <div className="border-top px-3 py-2 small text-secondary d-flex flex-wrap gap-3" aria-hidden>
          <span>
            <kbd>↑</kbd> <kbd>↓</kbd> to move
          </span>
          <span>
            <kbd>Enter</kbd> to open
          </span>
          <span>
            <kbd>Esc</kbd> to close
          </span>
        </div>
      </div>
    </Modal>
  );
}

const optionId = (listId: string, id: string) => `${listId}-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
