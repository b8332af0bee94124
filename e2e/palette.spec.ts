// The console from the keyboard: Ctrl+K's command palette on every page,
// Ctrl+N's Create User from every admin page (and what the shortcut help
// says where nothing can be created), the welcome modal per role, and rows
// that open their user on a click.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import path from "node:path";
import { uniq } from "./support/api";
import { OUTPUT_DIR } from "./support/config";
import { createUser, expect, loginAs, pressShortcut, sql, test } from "./support/fixtures";

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const palette = (page: Page) => page.getByRole("dialog", { name: "Command palette" });

test.describe("command palette and context-aware shortcuts", () => {
  test.describe.configure({ timeout: 90_000 });

  test("Ctrl+K on the dashboard finds a user by a fragment of their email and opens them, keyboard only", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("pal") });
    const fragment = uniq("mx").toLowerCase();
    const target = await createUser({ role: "editor", username: uniq("target"), email: `someone.${fragment}@lists.example.org` });
    await loginAs(page, admin);
    await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();

    await pressShortcut(page, "Control+k");
    const dialog = palette(page);
    await expect(dialog).toBeVisible();
    const box = dialog.getByRole("combobox");
    await expect(box).toBeFocused();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    // Before typing: the pages and actions an admin has.
    await expect(dialog.getByRole("group", { name: "Pages" }).getByRole("option")).toHaveText(["Dashboard", "Users", "Activity", "API"]);
    await expect(dialog.getByRole("group", { name: "Actions" }).getByRole("option")).toHaveText([/Create user/, /Export activity/, /My account/, /Log out/]);
    await expectNoSeriousA11yIssues(page);

    await page.keyboard.type(fragment.slice(2));
    const users = dialog.getByRole("group", { name: "Users" }).getByRole("option");
    await expect(users).toHaveCount(1);
    await page.screenshot({ path: path.join(OUTPUT_DIR, "screens", "palette-1280-light.png") });
    await expect(users.first()).toContainText(target.username);
    await expect(users.first()).toContainText(target.email);
    // The first option is highlighted and named by the box's active descendant.
    await expect(users.first()).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await users.first().getAttribute("id"))!);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/admin/users/${target.id}$`));
    await expect(page.getByRole("heading", { name: target.username })).toBeVisible();
    await expect(dialog).toHaveCount(0);
  });

  test("the arrows move through pages and actions, Enter opens, Escape closes and gives focus back", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("pal") });
    await loginAs(page, admin);
    await page.goto("/admin/account");
    await pressShortcut(page, "Control+k");
    const dialog = palette(page);
    const box = dialog.getByRole("combobox");
    await page.keyboard.type("activ");
    // "Activity" (a page) and "Export activity" (an action); no user is named so.
    await expect(dialog.getByTestId("palette-no-users")).toBeVisible();
    const options = dialog.getByRole("option");
    await expect(options).toHaveText([/^Activity/, /Export activity/]);
    await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowUp");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);

    await pressShortcut(page, "Control+k");
    await expect(box).toBeFocused();
    await page.keyboard.type("activ");
    await expect(options.nth(0)).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/admin\/activity$/);
    await expect(page.getByRole("heading", { name: "Activity", exact: true })).toBeVisible();

    // From the activity page, the palette's "Create user" opens the dialog in place.
    await pressShortcut(page, "Control+k");
    await page.keyboard.type("create");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Create New User" })).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/activity$/);
  });

  test("Ctrl+N on the activity page opens Create User, and the user is created there", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("ctrn") });
    await loginAs(page, admin);
    await page.goto("/admin/activity");
    await expect(page.getByRole("heading", { name: "Activity", exact: true })).toBeVisible();
    await pressShortcut(page, "Control+n");
    const dialog = page.getByRole("dialog", { name: "Create New User" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Username")).toBeFocused();
    const name = uniq("fromact");
    await dialog.getByLabel("Username").fill(name);
    await dialog.getByLabel("Email").fill(`${name}@example.org`);
    await page.keyboard.press("Control+s");
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${name} created`)).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/activity$/);
    expect(await sql("SELECT status FROM users WHERE username = $1", [name])).toEqual([{ status: "pending" }]);

    // The dashboard and a user's page have it too.
    for (const path of ["/admin", `/admin/users/${admin.id}`]) {
      await page.goto(path);
      await pressShortcut(page, "Control+n");
      await expect(dialog).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    }
  });

  test("a viewer's palette has pages and actions only, and the shortcut help says there is nothing to create", async ({ page }) => {
    const viewer = await createUser({ role: "viewer", username: uniq("view") });
    await loginAs(page, viewer);
    await pressShortcut(page, "Control+k");
    const dialog = palette(page);
    await expect(dialog.getByRole("combobox")).toHaveAttribute("placeholder", "Search pages and actions");
    await expect(dialog.getByRole("option")).toHaveText(["Dashboard", /My account/, /Log out/]);
    await page.keyboard.type(viewer.username);
    await expect(dialog.getByRole("option")).toHaveCount(0);
    await page.keyboard.press("Escape");

    // Ctrl+N has no handler for a viewer: nothing opens, and ? says why.
    await page.keyboard.press("Control+n");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await pressShortcut(page, "?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    const row = help.locator('tr[data-combo="mod+n"]');
    await expect(row).toHaveAttribute("data-here", "false");
    await expect(row).toContainText("Nothing your role can create");
    await expect(help.locator('tr[data-combo="mod+k"]')).toHaveAttribute("data-here", "true");
  });

  test("the welcome modal lists what the role has, with the guide's [Admin only] marks", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("wel") });
    const viewer = await createUser({ role: "viewer", username: uniq("wel") });
    await sql("UPDATE users SET welcomed_at = NULL WHERE id = ANY($1)", [[admin.id, viewer.id]]);

    await loginAs(page, admin);
    const welcome = page.getByTestId("welcome-modal");
    await expect(welcome).toBeVisible();
    const sections = welcome.getByTestId("welcome-sections").locator("li");
    await expect(sections).toHaveText([/^Dashboard: View system statistics/, /^Users: \[Admin only\]/, /^Activity: \[Admin only\]/, /^API: \[Admin only\]/, /^My account:/]);
    for (const missing of ["Events", "API Keys", "Federation"]) await expect(welcome).not.toContainText(missing);
    await expect(welcome.getByTestId("welcome-shortcuts").locator("li")).toHaveText([/Ctrl\+K - Quick search/, /Ctrl\+N - Create new \(context-aware\) \[Admin only\]$/, /Ctrl\+S - Save current form/, /\? - All shortcuts/]);
    await expectNoSeriousA11yIssues(page);
    await welcome.getByRole("button", { name: "Get Started" }).click();
    await expect(welcome).toBeHidden();

    await page.context().clearCookies();
    await loginAs(page, viewer);
    await expect(welcome).toBeVisible();
    await expect(sections).toHaveText([/^Dashboard:/, /^My account:/]);
    await expect(welcome).toContainText("there is nothing your role can create");
  });

  test("a click anywhere on a user's row opens the user; its buttons keep their own jobs", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("rowadm") });
    const other = await createUser({ role: "viewer", username: uniq("rowusr") });
    await page.setViewportSize({ width: 1280, height: 900 });
    await loginAs(page, admin);
    await page.goto(`/admin/users?search=${other.username}`);
    const row = page.getByTestId("user-row").filter({ hasText: other.username });

    // A button in the row: its dialog, no navigation.
    await row.getByRole("button", { name: `Edit ${other.username}` }).click();
    await expect(page.getByRole("dialog", { name: "Edit User" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/\/admin\/users\?search=/);

    // The email cell (not a link): the user's page.
    await row.getByRole("cell", { name: other.email }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/users/${other.id}$`));

    // From the keyboard: a focused row opens with Enter.
    await page.goBack();
    await row.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/admin/users/${other.id}$`));
  });
});
