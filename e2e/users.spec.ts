import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ulid } from "ulid";
import { createUser, expect, loginAs, pressShortcut, sql, test } from "./support/fixtures";

// Other specs share this database: every user made here carries RUN in its
// name, and assertions look only at rows found by searching for it.
const RUN = `ux${Date.now().toString(36)}`;

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function asAdmin(page: Page) {
  const admin = await createUser({ role: "admin", username: `${RUN}adm${Math.random().toString(36).slice(2, 6)}` });
  await loginAs(page, admin);
  return admin;
}

test.describe("admin users page", () => {
  // Two shared cores and a server under load from parallel runs: room for the longer journeys.
  test.describe.configure({ timeout: 90_000 });

  test("create with Ctrl+N, validation on the fields, edit with Ctrl+S", async ({ page, usersPage: users }) => {
    await asAdmin(page);
    const taken = await createUser({ username: `${RUN}taken`, email: `${RUN}taken@example.org` });
    await users.goto(RUN);
    await expect(users.heading).toBeVisible();
    await expectNoSeriousA11yIssues(page);

    const dialog = await users.openCreateUser("shortcut");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Username")).toBeFocused();
    await expect(dialog.getByText("Invitation will be sent to this address")).toBeVisible();
    await expect(dialog.getByLabel("Role").locator("option")).toHaveText(["Viewer - Read-only access", "Editor - Create and edit events", "Admin - Full access"]);
    await expectNoSeriousA11yIssues(page);

    // Client-side: the shared zod schema refuses before any request.
    await dialog.getByLabel("Username").fill("a!");
    await dialog.getByLabel("Email").fill("not-an-email");
    await dialog.getByRole("button", { name: "Create & Send Invitation" }).click();
    await expect(dialog.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByText("Username must be 3-50 characters")).toBeVisible();
    await expect(dialog.getByText("Enter a valid email address")).toBeVisible();

    // Server-side: the duplicate email lands on the Email field.
    const name = `${RUN}new`;
    await dialog.getByLabel("Username").fill(name);
    await dialog.getByLabel("Email").fill(taken.email);
    await dialog.getByRole("button", { name: "Create & Send Invitation" }).click();
    await expect(dialog.getByText("Email is already taken")).toBeVisible();
    await expect(dialog.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(dialog.getByLabel("Email")).toBeFocused();

    await dialog.getByLabel("Email").fill(`${name}@Example.org`);
    await dialog.getByLabel("Role").selectOption("editor");
    await dialog.getByRole("button", { name: "Create & Send Invitation" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${name} created`)).toBeVisible();
    const created = users.row(name);
    await expect(created).toContainText("Pending Invitation");
    await expect(created).toContainText("Editor");
    await expect(created).toContainText(`${name}@example.org`);
    await expect(created.getByTestId("invitation-status")).toContainText(/Invitation (queued|sent) · expires/);
    await expect(created.getByRole("button", { name: `Resend Invitation to ${name}` })).toBeVisible();
    await expect(created.getByRole("button", { name: `Deactivate ${name}` })).toHaveCount(0);

    // Edit: the id is shown read-only; Ctrl+S saves while typing.
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [name]);
    const edit = await users.openEdit(name);
    await expect(edit.getByLabel("User ID")).toHaveValue(id);
    await expect(edit.getByLabel("User ID")).toBeDisabled();
    await expect(edit.getByText("Immutable identifier")).toBeVisible();
    await expectNoSeriousA11yIssues(page);
    await edit.getByLabel("Username").fill("");
    await edit.getByLabel("Username").press("Control+s");
    await expect(edit.getByText("Username is required")).toBeVisible();
    await edit.getByLabel("Username").fill(taken.username);
    await edit.getByLabel("Username").press("Control+s");
    await expect(edit.getByText("Username is already taken")).toBeVisible();
    await edit.getByLabel("Username").fill(`${name}2`);
    await edit.getByLabel("Role").selectOption("viewer");
    await edit.getByLabel("Username").press("Control+s");
    await expect(edit).toBeHidden();
    await expect(page.getByText(`Changes to ${name}2 saved`)).toBeVisible();
    await expect(users.row(`${name}2`)).toContainText("Viewer");
    expect(await sql(`SELECT username, role FROM users WHERE id = $1`, [id])).toEqual([{ username: `${name}2`, role: "viewer" }]);
  });

  test("filters, search and keyset paging live in the URL; Back restores them", async ({ page, usersPage: users }) => {
    await asAdmin(page);
    const p = `${RUN}pg`;
    // 64 users in one statement: ids share a fresh ULID prefix, so "newest first" is i descending.
    const base = ulid().slice(0, 16);
    await sql(
      `INSERT INTO users (id, username, email, role, status, password_hash, updated_at)
       SELECT $1 || lpad(i::text, 10, '0'), $2 || lpad(i::text, 3, '0'), $2 || lpad(i::text, 3, '0') || '@example.org',
              (CASE WHEN i % 4 = 0 THEN 'editor' ELSE 'viewer' END),
              (CASE WHEN i % 3 = 0 THEN 'inactive' WHEN i % 3 = 1 THEN 'active' ELSE 'pending' END)::"UserStatus",
              CASE WHEN i % 3 = 2 THEN NULL ELSE 'not-a-login-hash' END, now()
       FROM generate_series(1, 64) AS i`,
      [base, p],
    );
    const inactive = Array.from({ length: 64 }, (_, k) => k + 1).filter((i) => i % 3 === 0);
    const inactiveEditors = inactive.filter((i) => i % 4 === 0);

    await users.goto(p);
    await expect(users.total).toHaveText("Showing 25 of 64 users, newest first");
    await expect(users.rows).toHaveCount(25);
    await expect(users.rows.first()).toContainText(`${p}064`);
    await expect(users.previousButton).toBeDisabled();
    await users.nextButton.click();
    await expect(page).toHaveURL(/after=/);
    await expect(users.rows.first()).toContainText(`${p}039`);
    await users.nextButton.click();
    await expect(users.rows).toHaveCount(14);
    await expect(users.rows.last()).toContainText(`${p}001`);
    await expect(users.nextButton).toBeDisabled();
    await users.previousButton.click();
    await expect(page).toHaveURL(/before=/);
    await expect(users.rows).toHaveCount(25);
    await expect(users.rows.first()).toContainText(`${p}039`);

    // A filter goes back to page one.
    await users.filterByStatus("inactive");
    await expect(page).toHaveURL(new RegExp(`status=inactive`));
    await expect(page).not.toHaveURL(/before=|after=/);
    await expect(users.total).toHaveText(`Showing all ${inactive.length} users`);
    for (const r of await users.rows.all()) await expect(r).toContainText("Inactive");
    await users.filterByRole("editor");
    await expect(page).toHaveURL(/role=editor/);
    await expect(users.total).toHaveText(`Showing all ${inactiveEditors.length} users`);
    await expect(users.rows).toHaveCount(inactiveEditors.length);

    await page.goBack();
    await expect(page).not.toHaveURL(/role=/);
    await expect(users.roleFilter).toHaveValue("");
    await expect(users.statusFilter).toHaveValue("inactive");
    await expect(users.total).toHaveText(`Showing all ${inactive.length} users`);

    // "/" focuses the search box; typing narrows after a pause.
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await users.focusSearch();
    const search = users.searchBox;
    await expect(search).toBeFocused();
    await users.search(`${p}063`);
    await expect(page).toHaveURL(new RegExp(`search=${p}063`));
    await expect(users.total).toHaveText("Showing 1 user");
    await expect(users.rows).toHaveCount(1);
    await expect(users.rows.first()).toContainText(`${p}063`);

    // Nothing matches: the filtered empty state clears everything.
    await users.search(`${p}-nobody`);
    await expect(page.getByText("No users match these filters")).toBeVisible();
    await expectNoSeriousA11yIssues(page);
    await users.clearFiltersButton.click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(search).toHaveValue("");
    await expect(users.statusFilter).toHaveValue("");
    await expect(users.rows).toHaveCount(25);
  });

  test("deactivate, activate and delete with confirmations; Shift+R resends", async ({ page, usersPage: users }) => {
    await asAdmin(page);
    const target = await createUser({ username: `${RUN}tgt`, role: "editor" });
    const pending = await createUser({ username: `${RUN}pend`, status: "pending" });
    await users.goto(RUN);

    const r = users.row(target.username);
    const deactivate = await users.openDeactivate(target.username);
    await expect(deactivate).toContainText(`${target.username} will no longer be able to log in. You can reactivate them later.`);
    await expect(deactivate.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectNoSeriousA11yIssues(page);
    await deactivate.getByRole("button", { name: "Deactivate" }).click();
    await expect(deactivate).toBeHidden();
    await expect(r).toContainText("Inactive");
    expect(await sql(`SELECT status FROM users WHERE id = $1`, [target.id])).toEqual([{ status: "inactive" }]);

    await users.rowButton(target.username, "Activate").click();
    await expect(page.getByText(`${target.username} is active again`)).toBeVisible();
    await expect(r).toContainText("Active");
    await expect(users.rowButton(target.username, "Deactivate")).toBeVisible();

    // Shift+R on the focused pending row resends; on an active row it explains.
    await users.row(pending.username).focus();
    await pressShortcut(page, "Shift+R");
    await expect(page.getByText(`Invitation resent to ${pending.email}`)).toBeVisible();
    await expect(users.row(pending.username).getByTestId("invitation-status")).toBeVisible();
    expect(await sql(`SELECT 1 FROM invitations WHERE user_id = $1 AND superseded_at IS NULL AND used_at IS NULL`, [pending.id])).toHaveLength(1);
    await r.focus();
    await pressShortcut(page, "Shift+R");
    await expect(page.getByText(`${target.username} has no pending invitation to resend`)).toBeVisible();

    const del = await users.openDelete(target.username);
    await expect(del).toContainText(`This will permanently remove ${target.username} from the system. This action cannot be undone, but activity logs will be preserved.`);
    await expect(del).not.toContainText("Deleting yourself");
    await expectNoSeriousA11yIssues(page);
    await del.getByRole("button", { name: "Cancel" }).click();
    await expect(del).toBeHidden();
    await expect(r).toBeVisible();
    await users.openDelete(target.username);
    await del.getByRole("button", { name: "Delete User" }).click();
    await expect(del).toBeHidden();
    await expect(r).toHaveCount(0);
    const [gone] = await sql<{ deleted: boolean }>(`SELECT deleted_at IS NOT NULL AS deleted FROM users WHERE id = $1`, [target.id]);
    expect(gone.deleted).toBe(true);
  });

  test("the detail page shows one user with the same actions", async ({ page, usersPage: users }) => {
    await asAdmin(page);
    const u = await createUser({ username: `${RUN}dtl`, role: "viewer" });
    await users.goto(u.username);
    await users.openRow(u.username);
    await expect(page).toHaveURL(new RegExp(`/admin/users/${u.id}$`));
    await expect(page.getByRole("heading", { name: u.username })).toBeVisible();
    await expect(page.getByText(u.id)).toBeVisible();
    await expect(page.getByText(u.email)).toBeVisible();
    await page.getByRole("button", { name: `Delete ${u.username}` }).click();
    await users.deleteDialog.getByRole("button", { name: "Delete User" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await page.goto(`/admin/users/${u.id}`);
    await expect(page.getByText(/not found/i).first()).toBeVisible();
  });

  test("deleting yourself warns, then logs you out", async ({ page, usersPage: users }) => {
    await createUser({ role: "admin" }); // someone stays to run the node
    const me = await asAdmin(page);
    await users.goto(me.username);
    const del = await users.openDelete(me.username);
    await expect(del).toContainText("Deleting yourself will log you out immediately.");
    await del.getByRole("button", { name: "Delete User" }).click();
    await expect(page).toHaveURL(/\/admin\/login/);
  });

  test("? lists the shortcuts, Esc closes; typing ? in a box does not", async ({ page, usersPage: users }) => {
    await asAdmin(page);
    await users.goto();
    await pressShortcut(page, "?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    for (const action of ["Focus the search box", "Save the open form", "Export the filtered activity as CSV"]) await expect(help).toContainText(action);
    // The list is the registry; the rows with a handler on this page say so.
    for (const combo of ["mod+n", "mod+k", "shift+r"]) await expect(help.locator(`tr[data-combo="${combo}"]`)).toHaveAttribute("data-here", "true");
    for (const combo of ["mod+e", "mod+s"]) await expect(help.locator(`tr[data-combo="${combo}"]`)).toHaveAttribute("data-here", "false");
    await expect(help.locator('tr[data-combo="mod+n"] kbd')).toHaveText(["Ctrl", "N"]);
    // Page shortcuts stay quiet under a dialog.
    await users.openCreateUser("shortcut");
    await expect(users.createDialog).toHaveCount(0);
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await users.searchBox.pressSequentially("what?");
    await expect(users.searchBox).toHaveValue("what?");
    await expect(help).toBeHidden();
  });

  test("an editor gets the 403 page and no Users menu item", async ({ page, usersPage: users }) => {
    const editor = await createUser({ role: "editor", username: `${RUN}ed` });
    await loginAs(page, editor);
    await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
    const res = await users.goto();
    expect(res?.status()).toBe(403);
    await expect(page.getByText("403")).toBeVisible();
    await expect(page.getByText("You do not have access to this page")).toBeVisible();
    await expect(users.rows).toHaveCount(0);
    expect((await page.goto(`/admin/users/${editor.id}`))?.status()).toBe(403);
    await expect(page.getByText("You do not have access to this page")).toBeVisible();
    expect((await page.goto("/admin/activity"))?.status()).toBe(403);
  });
});
