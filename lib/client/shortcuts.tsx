"use client";

import { createContext, useCallback, useContext, useEffect, useEffectEvent, useState, useSyncExternalStore } from "react";
import { isModalOpen } from "./open-dialogs";
import type { ShortcutCombo } from "./shortcut-list";

// One keyboard-shortcut registry for the whole console: a single keydown
// listener, so two screens can never both act on one key press, and one
// place that knows about inputs and open modals.

export type ShortcutOptions = {
  /** Fire even while the user types in an input, select or textarea (Ctrl+S in a form). */
  allowInInputs?: boolean;
  /** Fire while a modal is open (only the modal's own shortcuts should). */
  inModal?: boolean;
  /** Off switch, so a hook can stay mounted while its target is closed. */
  enabled?: boolean;
};

type Combo = { key: string; mod: boolean; shift: boolean; alt: boolean; anyShift: boolean };
type Entry = { name: ShortcutCombo; combo: Combo; handler: (e: KeyboardEvent) => void; options: ShortcutOptions };
type Registry = {
  add: (entry: Entry) => () => void;
  /** The combos with a handler on the current page, as one space-separated string. */
  registered: () => string;
  subscribe: (listener: () => void) => () => void;
};

/**
 * "mod+n", "ctrl+k", "shift+r", "?". `mod` and `ctrl` both mean Ctrl or Cmd,
 * so macOS users get the same shortcuts. A bare punctuation key like "?"
 * ignores Shift, which the keyboard layout needs to type it.
 */
export function parseCombo(combo: string): Combo {
  const parts = combo.toLowerCase().split("+");
  const key = parts.pop() || "+";
  const has = (m: string) => parts.includes(m);
  return { key, mod: has("mod") || has("ctrl") || has("meta"), shift: has("shift"), alt: has("alt"), anyShift: !/^[a-z0-9]$/.test(key) && !has("shift") };
}

export function matches(c: Combo, e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  if ((e.key ?? "").toLowerCase() !== c.key) return false;
  if ((e.ctrlKey || e.metaKey) !== c.mod || e.altKey !== c.alt) return false;
  return c.anyShift || e.shiftKey === c.shift;
}

/** True while focus is somewhere keys are text, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
  if (el.tagName !== "INPUT") return false;
  const type = (el as HTMLInputElement).type;
  return !["button", "submit", "reset", "checkbox", "radio", "range", "color", "file"].includes(type);
}

const Ctx = createContext<Registry | null>(null);

// Screens below a Suspense boundary hydrate after the shell, so a page's
// shortcuts arrive one by one: the overlay and <html data-shortcuts> follow
// them (tests wait for the combo they press to be listed there).
function createRegistry(): Registry & { dispatch: (e: KeyboardEvent) => void } {
  let entries: Entry[] = [];
  const listeners = new Set<() => void>();
  let snapshot = "";
  function changed() {
    snapshot = [...new Set(entries.filter((e) => e.options.enabled !== false).map((e) => e.name))].sort().join(" ");
    document.documentElement.dataset.shortcuts = snapshot;
    for (const l of listeners) l();
  }
  return {
    add(entry) {
      entries.push(entry);
      changed();
      return () => {
        entries = entries.filter((e) => e !== entry);
        changed();
      };
    },
    registered: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(e) {
      if (e.defaultPrevented || e.isComposing) return;
      const typing = isTyping(e.target);
      const modal = isModalOpen();
      // Newest registration wins: a modal's Ctrl+S beats a page's.
      for (let i = entries.length - 1; i >= 0; i--) {
        const { combo, handler, options } = entries[i];
        if (options.enabled === false || !matches(combo, e)) continue;
        if (typing && !options.allowInInputs) continue;
        if (modal && !options.inModal) continue;
        e.preventDefault();
        // A held key repeats keydown: act once, but keep the browser's own shortcut off.
        if (!e.repeat) handler(e);
        return;
      }
    },
  };
}

export function ShortcutProvider({ children }: { children: React.ReactNode }) {
  const [registry] = useState(createRegistry);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => registry.dispatch(e);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      delete document.documentElement.dataset.shortcuts;
    };
  }, [registry]);

  return <Ctx.Provider value={registry}>{children}</Ctx.Provider>;
}

const NONE = () => "";

/** The shortcuts registered right now (for the `?` overlay); re-renders as screens mount and unmount. */
export function useRegisteredShortcuts(): Set<ShortcutCombo> {
  const registry = useContext(Ctx);
  const subscribe = useCallback((l: () => void) => registry?.subscribe(l) ?? (() => {}), [registry]);
  const list = useSyncExternalStore(subscribe, registry?.registered ?? NONE, NONE);
  return new Set(list ? (list.split(" ") as ShortcutCombo[]) : []);
}

/**
 * Registers a shortcut of the registry (lib/client/shortcut-list.ts) while
 * the calling component is mounted. The handler
 * may change every render; the registration does not.
 */
export function useShortcut(combo: ShortcutCombo, handler: (e: KeyboardEvent) => void, options: ShortcutOptions = {}) {
  const registry = useContext(Ctx);
  const onKey = useEffectEvent((e: KeyboardEvent) => handler(e));
  const { allowInInputs, inModal, enabled } = options;
  useEffect(() => {
    if (!registry || enabled === false) return;
    return registry.add({ name: combo, combo: parseCombo(combo), handler: (e) => onKey(e), options: { allowInInputs, inModal } });
  }, [registry, combo, allowInInputs, inModal, enabled]);
}
