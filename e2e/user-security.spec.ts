// An admin's security controls over an account, in Chromium: send a
// password reset, revoke an invitation, unlock after a lockout, and the last
// active admin's buttons that are not offered.
import type { Page } from "@playwright/test";
import { resetRateLimits, session, uniq } from "./support/api";
import { waitForShortcut } from "./support/keyboard";
import { createUser, expect, linkIn, login, loginAs, mails, resetLinkIn, sql, test, waitForMail } from "./support/fixtures";

test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);
test.describe.configure({ timeout: 90_000 });

async function asAdmin(page: Page) {
  const admin = await createUser({ role: "admin", username: uniq("secadm") });
  await loginAs(page, admin);
  return admin;
}

const LAST_ADMIN_HINT = "At least one active admin must remain: this is the only one. Make another user an admin first.";

test("send a password reset from the user page: the email arrives and its link works", async ({ page, browser, usersPage: users }) => {
  const admin = await asAdmin(page);
  const target = await createUser({ role: "editor", username: uniq("reset") });
  const before = mails().filter((m) => m.to.includes(target.email)).length;
  await page.goto(`/admin/users/${target.id}`);
  await page.getByRole("button", { name: `Send Password Reset to ${target.username}` }).click();
  const dialog = page.getByTestId("send-reset-modal");
  await expect(dialog).toContainText(target.email);
  await dialog.getByRole("button", { name: "Send Reset Link" }).click();
  await expect(page.getByText(`Password reset link sent to ${target.email}`)).toBeVisible();
  await expect(dialog).toBeHidden();

  const mail = await waitForMail(target.email, before);
  expect(mail.subject).toBe("Reset your SEL Admin password");
  const [act] = await sql<{ user_id: string }>(`SELECT user_id FROM activity_logs WHERE event_type = 'user.password_reset_requested' AND resource_id = $1`, [target.id]);
  expect(act.user_id).toBe(admin.id);

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(resetLinkIn(mail));
  await expect(invitee.getByRole("heading", { name: "Choose a New Password" })).toBeVisible();
  await context.close();

  // The row offers it too, in its "More" menu, for active users only.
  const pending = await createUser({ status: "pending", username: uniq("resetpend") });
  await users.goto(target.username);
  // From the keyboard: the menu opens on its first item, Enter picks it
  // (once the table has hydrated: a key pressed earlier opens the menu
  // without Radix knowing it was the keyboard).
  await waitForShortcut(page, "shift+r");
  await users.moreActions(target.username).focus();
  await page.keyboard.press("Enter");
  const item = page.getByRole("menuitem", { name: `Send Password Reset to ${target.username}` });
  await expect(item).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(users.moreActions(target.username)).toBeFocused();
  await users.goto(pending.username);
  // A pending user without an open link has nothing more to offer.
  await expect(users.row(pending.username).getByRole("button", { name: /More actions/ })).toHaveCount(0);
});

test("revoke an invitation from the users table: the link's page says it was withdrawn", async ({ page, browser, request, usersPage: users }) => {
  await asAdmin(page);
  const api = await session(request, "admin", "revapi");
  const name = uniq("revoke");
  const created = await request.post("/api/v1/admin/users", { headers: api.headers, data: { username: name, email: `${name}@example.org` } });
  expect(created.status()).toBe(201);
  const link = linkIn(await waitForMail(`${name}@example.org`));

  await users.goto(name);
  const r = users.row(name);
  await users.moreActions(name).click();
  await page.getByRole("menuitem", { name: `Revoke Invitation of ${name}` }).click();
  const dialog = page.getByTestId("revoke-invitation-modal");
  await expect(dialog).toContainText(`${name}@example.org`);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Revoke Invitation" }).click();
  await expect(page.getByText(`Invitation of ${name} revoked`)).toBeVisible();
  await expect(r.getByTestId("invitation-status")).toHaveText("No open invitation");
  await expect(r.getByRole("button", { name: /More actions/ })).toHaveCount(0);
  await expect(r.getByRole("button", { name: `Resend Invitation to ${name}` })).toBeVisible();

  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Invitation Withdrawn" })).toBeVisible();
  await expect(invitee.getByText("This invitation was withdrawn by an administrator. Please contact them if you still need access.")).toBeVisible();
  await context.close();
  expect(await sql(`SELECT 1 FROM activity_logs WHERE event_type = 'user.invitation_revoked' AND resource_id = (SELECT id FROM users WHERE username = $1)`, [name])).toHaveLength(1);
});

test("10 failed logins lock an account; the admin sees 'Locked until' and unlocks it", async ({ page, browser, baseURL, usersPage: users }) => {
  const target = await createUser({ role: "viewer", username: uniq("lock") });
  for (let i = 0; i < 10; i++) {
    await resetRateLimits();
    const res = await fetch(`${baseURL}/api/v1/admin/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: target.username, password: "Wrong-Password-99!" }) });
    expect(res.status).toBe(401);
  }
  await resetRateLimits();
  // The right password now gets the same generic answer.
  const context = await browser.newContext();
  const victim = await context.newPage();
  await login(victim, target.username);
  await expect(victim.locator("#login-error")).toHaveText("Invalid username or password");

  await asAdmin(page);
  await users.goto(target.username);
  const r = users.row(target.username);
  await expect(r.getByTestId("lock-status")).toContainText(/Locked until \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC/);
  await page.goto(`/admin/users/${target.id}`);
  await expect(page.getByTestId("lock-status")).toContainText("Locked until");
  await page.getByRole("button", { name: `Unlock ${target.username}` }).click();
  const dialog = page.getByTestId("unlock-modal");
  await expect(dialog).toContainText("after too many failed logins");
  await dialog.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByText(`${target.username} is unlocked and can log in again`)).toBeVisible();
  await expect(page.getByTestId("lock-status")).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Unlock ${target.username}` })).toHaveCount(0);
  expect(await sql(`SELECT 1 FROM activity_logs WHERE event_type = 'user.unlocked' AND resource_id = $1`, [target.id])).toHaveLength(1);

  await resetRateLimits();
  await login(victim, target.username);
  await expect(victim).toHaveURL(/\/admin$/);
  await context.close();
});

test("the last active admin is not offered Deactivate, Delete or a role change, and the reason shows", async ({ page, usersPage: users }) => {
  const admin = await asAdmin(page);
  // Every other active admin of the shared database steps aside for this test (restored after).
  const others = await sql<{ id: string }>(`UPDATE users SET status = 'inactive' WHERE role = 'admin' AND status = 'active' AND deleted_at IS NULL AND id <> $1 RETURNING id`, [admin.id]);
  try {
    await users.goto(admin.username);
    const r = users.row(admin.username);
    for (const label of ["Deactivate", "Delete"]) {
      const button = users.rowButton(admin.username, label);
      await expect(button).toBeDisabled();
      await expect(button).toHaveAttribute("title", LAST_ADMIN_HINT);
      await expect(button).toHaveAccessibleDescription(LAST_ADMIN_HINT);
      // Focusable, so keyboard users reach the reason; a click does nothing.
      await button.focus();
      await expect(button).toBeFocused();
      await button.click({ force: true });
      await expect(page.getByRole("dialog")).toHaveCount(0);
    }
    await users.rowButton(admin.username, "Edit").click();
    const edit = users.editDialog;
    await expect(edit.getByLabel("Role")).toBeDisabled();
    await expect(edit.getByText(LAST_ADMIN_HINT)).toBeVisible();
    // Saving other fields still works and keeps the role.
    await edit.getByLabel("Email").fill(`${admin.username}-new@example.org`);
    await edit.getByRole("button", { name: "Save Changes" }).click();
    await expect(page.getByText(`Changes to ${admin.username} saved`)).toBeVisible();
    const [saved] = await sql<{ role: string; email: string }>(`SELECT role, email FROM users WHERE id = $1`, [admin.id]);
    expect(saved).toEqual({ role: "admin", email: `${admin.username}-new@example.org` });

    // The hidden reason stays inside the scrolled table: no page-wide horizontal scroll on a phone.
    await page.setViewportSize({ width: 390, height: 800 });
    await users.goto(admin.username);
    await expect(r).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`/admin/users/${admin.id}`);
    await expect(page.getByRole("button", { name: `Delete ${admin.username}` })).toBeDisabled();
    await expect(page.getByRole("button", { name: `Deactivate ${admin.username}` })).toHaveAttribute("title", LAST_ADMIN_HINT);
  } finally {
    await sql(`UPDATE users SET status = 'active' WHERE id = ANY($1)`, [others.map((o) => o.id)]);
  }
  // With a second active admin, they are offered again.
  await createUser({ role: "admin", username: uniq("secadm2") });
  await users.goto(admin.username);
  await expect(users.rowButton(admin.username, "Delete")).toBeEnabled();
});
