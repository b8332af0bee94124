import type { Page } from "@playwright/test";

/**
 * Presses a console keyboard shortcut once the page has registered a handler
 * for it ("Control+n" waits for "mod+n"): a server-rendered page shows before
 * hydration, when no key handler listens yet.
 */
export async function pressShortcut(page: Page, combo: string) {
  const name = combo.toLowerCase().replace(/^(control|meta)\+/, "mod+");
  await page.locator(`html[data-shortcuts~="${name}"]`).waitFor({ state: "attached" });
  await page.keyboard.press(combo);
}
