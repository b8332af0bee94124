// What the `?` overlay lists: every shortcut of the console, where it works.
// Keep in step with the useShortcut() registrations.

export type ShortcutHelpItem = { keys: string[]; action: string; where: string };

export const SHORTCUTS: ShortcutHelpItem[] = [
  { keys: ["Ctrl", "K"], action: "Focus the search box", where: "Lists" },
  { keys: ["Ctrl", "N"], action: "Create new (on the Users page: Create User)", where: "Lists" },
  { keys: ["Ctrl", "S"], action: "Save the open form", where: "Forms" },
  { keys: ["Shift", "R"], action: "Resend the invitation of the focused or selected pending user", where: "Users" },
  { keys: ["Ctrl", "E"], action: "Export the filtered activity as CSV", where: "Activity" },
  { keys: ["Esc"], action: "Close the open dialog", where: "Dialogs" },
  { keys: ["?"], action: "Show this list", where: "Everywhere" },
];

/** Ctrl on Windows and Linux, ⌘ on macOS (both work). */
export const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
