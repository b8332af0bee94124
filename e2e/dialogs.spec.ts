// Dialogs and the user menu (Radix primitives in Tabler markup): focus moves
// in and stays in, Escape and a press outside close, focus returns to what
// opened them, a running request keeps its dialog open, and the menu opens
// below its button instead of over it.
import type { Page } from "@playwright/test";
import { uniq } from "./support/api";
import { createUser, expect, loginAs, test } from "./support/fixtures";

const focusedInside = (page: Page, testId: string) =>
  page.evaluate((id) => Boolean(document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement)), testId);

test("a form dialog traps focus, closes on Escape and on a press outside, and gives focus back", async ({ page, usersPage: users }) => {
  await loginAs(page, await createUser({ role: "admin", username: uniq("dlgadm") }));
  await users.goto();
  const opener = users.createButton;
  const dialog = await users.openCreateUser();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Username")).toBeFocused();

  // Tab and Shift+Tab go round the dialog's own controls, never behind it.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    expect(await focusedInside(page, "create-user-modal")).toBe(true);
  }
  await dialog.getByLabel("Username").focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusedInside(page, "create-user-modal")).toBe(true);
  }
  // The page behind is out of reach for assistive technology meanwhile.
  await expect(users.heading).toHaveCount(0);

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await users.openCreateUser();
  await expect(dialog).toBeVisible();
  await page.mouse.click(5, 400);
  await expect(dialog).toBeHidden();
  await expect(users.heading).toBeVisible();
});

test("a confirmation starts on Cancel and stays open while its request runs", async ({ page, usersPage: users }) => {
  const target = await createUser({ role: "viewer", username: uniq("dlgtgt") });
  await loginAs(page, await createUser({ role: "admin", username: uniq("dlgadm") }));
  await users.goto(target.username);
  const dialog = await users.openDeactivate(target.username);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();

  // Hold the action's request: Escape and a press outside must not drop the dialog under it.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route(
    (url) => url.pathname.startsWith("/admin/users"),
    async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) await held;
      await route.fallback();
    },
  );
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await page.mouse.click(5, 400);
  await expect(dialog).toBeVisible();
  release();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${target.username} was deactivated`)).toBeVisible();
});

test("the user menu opens below its button, works from the keyboard and closes on Escape or outside", async ({ page }) => {
  const admin = await createUser({ role: "admin", username: uniq("dlgmenu") });
  await loginAs(page, admin);
  const trigger = page.getByTestId("user-menu");
  const menu = page.getByRole("menu");

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await trigger.click();
    await expect(menu).toBeVisible();
    const [button, box] = [await trigger.boundingBox(), await menu.boundingBox()];
    expect(box!.y, `menu top at ${width} px`).toBeGreaterThanOrEqual(button!.y + button!.height);
    expect(box!.x + box!.width, `menu inside the viewport at ${width} px`).toBeLessThanOrEqual(width);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    await expect(menu).toContainText(`Signed in as ${admin.username}`);
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
    await expect(trigger).toBeFocused();
  }

  await trigger.click();
  await expect(menu).toBeVisible();
  await page.mouse.click(5, 600);
  await expect(menu).toBeHidden();

  // Keyboard: Enter opens with the first item focused, arrows move, Enter chooses.
  await trigger.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem", { name: "My account" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Log out" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/login/);
});
