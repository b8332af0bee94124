// The console's keyboard shortcuts: one entry per key combination. A
// component registers a handler with useShortcut(combo, ...), and the combo
// must be a key of this registry (the type says so), so the `?` overlay,
// which lists this registry, always shows what exists. Adding a shortcut is
// one entry here plus its useShortcut() call.

export type ShortcutEntry = {
  action: string;
  /** Where it works, for the overlay's "Where" column. */
  where: string;
  /** Handled by the dialogs themselves (Radix), not through useShortcut(). */
  builtIn?: true;
  /** What the overlay says on a page where the shortcut has no handler (instead of leaving it unexplained). */
  elsewhere?: string;
};

export const SHORTCUTS = {
  "mod+k": { action: "Open the command palette: find a user by username or email, go to a page, run an action", where: "Everywhere" },
  "mod+n": { action: "Create new: Create User", where: "Every page, for admins", elsewhere: "Nothing your role can create" },
  "/": { action: "Focus the search box", where: "Users" },
  "mod+s": { action: "Save the open form", where: "Forms" },
  "shift+r": { action: "Resend the invitation of the focused or selected pending user", where: "Users" },
  "mod+e": { action: "Export the filtered activity as CSV", where: "Activity" },
  escape: { action: "Close the open dialog or menu", where: "Dialogs", builtIn: true },
  "?": { action: "Show this list", where: "Everywhere" },
} as const satisfies Record<string, ShortcutEntry>;

export type ShortcutCombo = keyof typeof SHORTCUTS;

/** Ctrl on Windows and Linux, ⌘ on macOS (both work). */
export const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const KEY_NAMES: Record<string, string> = { mod: "Ctrl", ctrl: "Ctrl", meta: "Ctrl", shift: "Shift", alt: "Alt", escape: "Esc" };

/** "mod+k" as the keys a person presses: ["Ctrl", "K"] (["⌘", "K"] on a Mac). */
export function comboKeys(combo: string, mac = false): string[] {
  const parts = combo.split("+");
  const key = parts.pop() || "+";
  const named = [...parts.map((m) => KEY_NAMES[m] ?? m), KEY_NAMES[key] ?? (key.length === 1 ? key.toUpperCase() : key)];
  return named.map((k) => (mac && k === "Ctrl" ? "⌘" : k));
}
