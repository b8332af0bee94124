"use client";

import { IconX } from "@tabler/icons-react";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useUserSearch } from "@/lib/client/use-user-search";

const DELAY_MS = 150;
const LIMIT = 12;

type Hit = { id: string; username: string };

type Props = {
  /** The user the URL filters by, as the server resolved it (null: all users). */
  selected: { id: string; label: string } | null;
  onSelect: (userId: string | null) => void;
};

/**
 * The Activity Log's User filter: a combobox over every live user. Typing
 * part of a username or email asks the server (the command palette's user
 * search: one bounded read per pause in typing, the exact match first), so
 * the page never ships a list of users and any user of any node is
 * reachable. Arrow keys move through the matches, Enter picks, Escape puts
 * back the current choice; the x button (or leaving the field empty) shows
 * all users again. The parent re-keys it by the selected id, so a new URL
 * (Back, Clear filters) shows its own choice.
 */
export function UserFilter({ selected, onSelect }: Props) {
  const [text, setText] = useState(selected?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const q = text.trim();
  const typing = open && q !== "" && q !== selected?.label;
  const shown = useUserSearch(q, typing, { limit: LIMIT, delayMs: DELAY_MS });
  // The highlighted match, kept inside the list when a new answer is shorter.
  const current = Math.min(active, Math.max(0, shown.hits.length - 1));

  const pick = (hit: Hit | null) => {
    setOpen(false);
    setText(hit?.username ?? "");
    if ((hit?.id ?? null) !== (selected?.id ?? null)) onSelect(hit?.id ?? null);
  };
  const restore = () => {
    setOpen(false);
    setText(selected?.label ?? "");
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const hits = shown.hits;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      if (hits.length) setActive(e.key === "ArrowDown" ? (current + 1) % hits.length : (current - 1 + hits.length) % hits.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (q === "") pick(null);
      else if (hits[current]) pick(hits[current]);
    } else if (e.key === "Escape" && (open || text !== (selected?.label ?? ""))) {
      e.preventDefault();
      e.stopPropagation();
      restore();
    }
  };

  const activeId = typing && shown.hits[current] ? `${listId}-${current}` : undefined;
  return (
    <div className="position-relative" ref={boxRef}>
      <div className="input-icon">
        <input
          ref={inputRef}
          id="user-filter"
          type="text"
          className="form-control"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={typing}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-describedby={`${listId}-hint`}
          autoComplete="off"
          spellCheck={false}
          placeholder="All Users"
          value={text}
          maxLength={100}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={(e) => {
            if (boxRef.current?.contains(e.relatedTarget as Node | null)) return;
            if (q === "" && selected) pick(null);
            else restore();
          }}
        />
        {selected && (
          <button
            type="button"
            className="input-icon-addon btn btn-link p-0 pe-2 text-secondary"
            style={{ pointerEvents: "auto" }}
            aria-label="Show all users"
            title="Show all users"
            onClick={() => {
              pick(null);
              inputRef.current?.focus();
            }}
          >
            <IconX size={16} aria-hidden />
          </button>
        )}
      </div>
      <span id={`${listId}-hint`} className="visually-hidden">
        Type part of a username or email, then pick a user with the arrow keys and Enter.
      </span>
      <ul id={listId} role="listbox" aria-label="Matching users" className={`dropdown-menu w-100 ${typing ? "show" : ""}`} style={{ maxHeight: "18rem", overflowY: "auto" }}>
        {shown.hits.map((h, i) => (
          <li
            key={h.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            tabIndex={-1}
            className={`dropdown-item d-flex flex-column align-items-start ${i === current ? "active" : ""}`}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(h)}
          >
            <span>{h.username}</span>
            <small className={i === current ? "" : "text-secondary"}>{h.email}</small>
          </li>
        ))}
        {shown.state === "loading" && !shown.hits.length && (
          <li className="dropdown-item-text text-secondary" aria-live="polite">
            Searching…
          </li>
        )}
        {shown.state === "done" && !shown.hits.length && (
          <li className="dropdown-item-text text-secondary" aria-live="polite">
            No user matches “{shown.q}”
          </li>
        )}
        {shown.state === "error" && (
          <li className="dropdown-item-text text-danger" role="alert">
            {shown.message}
          </li>
        )}
      </ul>
    </div>
  );
}
