import type { Page } from "@playwright/test";

/**
 * Presses a console keyboard shortcut once the page has registered a handler
 * for it ("Control+n" waits for "mod+n"): a server-rendered page shows before
 * hydration, when no key handler listens yet.
 */
export async function pressShortcut(page: Page, combo: string) {
  await waitForShortcut(page, combo);
  await page.keyboard.press(combo);
}

/**
 * Waits until the page has registered a handler for the shortcut: its screen
 * has hydrated and run its effects (so keyboard handling elsewhere on that
 * screen, such as a menu that focuses its first item when opened with Enter,
 * is live too).
 */
export async function waitForShortcut(page: Page, combo: string) {
  const name = combo.toLowerCase().replace(/^(control|meta)\+/, "mod+");
  await page.locator(`html[data-shortcuts~="${name}"]`).waitFor({ state: "attached" });
}
