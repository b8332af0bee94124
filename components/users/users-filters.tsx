"use client";

import { IconSearch } from "@tabler/icons-react";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { useShortcut } from "@/lib/client/shortcuts";
import type { QueryPatch } from "@/lib/client/use-url-query";
import { ROLE_NAMES, ROLES } from "@/lib/roles";

export type UserFilters = { status: string; role: string; search: string };

const STATUS_OPTIONS = [
  { value: "", label: "All" },
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
  { value: "pending", label: "Pending" },
];
const SEARCH_DELAY_MS = 300;

/** Status and Role selects and the search box; every change goes to the URL. */
export function UsersFilters({ filters, onChange }: { filters: UserFilters; onChange: (patch: QueryPatch) => void }) {
  const [text, setText] = useState(filters.search);
  // Selects show the choice at once, not when the server has answered.
  const [picked, setPicked] = useState({ status: filters.status, role: filters.role });
  // When the URL's choice changes under us (Back, Clear filters), it wins.
  const [urlPicked, setUrlPicked] = useState(picked);
  if (urlPicked.status !== filters.status || urlPicked.role !== filters.role) {
    setUrlPicked({ status: filters.status, role: filters.role });
    setPicked({ status: filters.status, role: filters.role });
  }
  const searchRef = useRef<HTMLInputElement>(null);
  const sendSearch = useEffectEvent((q: string) => onChange({ search: q }));
  const lastSent = useRef(filters.search);

  // The URL wins when it changes under us (Back, Clear filters), but the echo
  // of our own search must not overwrite what the user typed since.
  useEffect(() => {
    if (filters.search !== lastSent.current) setText(filters.search);
    lastSent.current = filters.search;
  }, [filters.search]);

  // Debounced: one navigation per pause in typing, not one per key.
  useEffect(() => {
    const q = text.trim();
    if (q === lastSent.current) return;
    const t = setTimeout(() => {
      lastSent.current = q;
      sendSearch(q);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(t);
  }, [text, filters.search]);

  const pick = (key: "status" | "role", value: string) => {
    setPicked((p) => ({ ...p, [key]: value }));
    onChange({ [key]: value });
  };

  useShortcut("/", () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  });

  return (
    <div className="row g-2 align-items-end" role="search" aria-label="Filter users">
      <div className="col-12 col-md">
        <label className="form-label" htmlFor="users-search">
          Search
        </label>
        <div className="input-icon">
          <span className="input-icon-addon">
            <IconSearch size={16} aria-hidden />
          </span>
          <input
            id="users-search"
            ref={searchRef}
            type="search"
            className="form-control"
            placeholder="Username or email"
            value={text}
            maxLength={100}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches now instead of after the pause.
              if (e.key !== "Enter") return;
              lastSent.current = text.trim();
              onChange({ search: text.trim() });
            }}
            aria-keyshortcuts="Control+K"
            autoComplete="off"
          />
        </div>
      </div>
      <div className="col-6 col-md-auto">
        <label className="form-label" htmlFor="users-status">
          Status
        </label>
        <select id="users-status" className="form-select" value={picked.status} onChange={(e) => pick("status", e.target.value)}>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-auto">
        <label className="form-label" htmlFor="users-role">
          Role
        </label>
        <select id="users-role" className="form-select" value={picked.role} onChange={(e) => pick("role", e.target.value)}>
          <option value="">All</option>
          {ROLE_NAMES.map((r) => (
            <option key={r} value={r}>
              {ROLES[r].label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
