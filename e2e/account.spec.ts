// My account in Chromium: the user menu's way in, changing one's password
// (what it refuses, and which sessions and tokens it ends), the sessions
// list with "Sign out" and "Sign out everywhere else".
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { login as apiLogin, resetRateLimits, uniq } from "./support/api";
import { createUser, expect, login, loginAs, PASSWORD, sql, test, type TestUser } from "./support/fixtures";

const STRONG = "Quiet-Harbour-2026!";

test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);
test.describe.configure({ timeout: 90_000 });

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The user signed in in a browser of their own. */
async function elsewhere(browser: Browser, user: TestUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, user);
  return { context, page };
}

test("the user menu opens below its button and leads to My account", async ({ page, accountPage: account }) => {
  const viewer = await createUser({ role: "viewer", username: uniq("menu") });
  await loginAs(page, viewer);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const button = page.getByTestId("user-menu");
    await button.click();
    const menu = page.getByRole("menu");
    await expect(menu).toBeVisible();
    const [b, m] = [await button.boundingBox(), await menu.boundingBox()];
    // The menu never covers the button that opened it, and stays on screen.
    expect(m!.y, `at ${width} px`).toBeGreaterThanOrEqual(b!.y + b!.height);
    expect(m!.x).toBeGreaterThanOrEqual(0);
    expect(m!.x + m!.width).toBeLessThanOrEqual(width);
    await page.keyboard.press("Escape");
    await expect(menu).toBeHidden();
  }
  await account.openFromUserMenu();
  await expect(page).toHaveURL(/\/admin\/account$/);
  await expect(account.heading).toBeVisible();
  const profile = account.profile;
  await expect(profile).toContainText(viewer.username);
  await expect(profile).toContainText(viewer.email);
  await expect(profile).toContainText("Viewer");
  await expect(profile).toContainText("Only an admin can change your username, email or role.");
  // No horizontal scroll on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yIssues(page);
});

test("change password: the wrong current one is refused; then other sessions and API tokens end, this one stays", async ({ page, browser, request, accountPage: account }) => {
  const user = await createUser({ role: "admin", username: uniq("chpw") });
  const other = await elsewhere(browser, user);
  const apiRes = await apiLogin(request, user.username);
  expect(apiRes.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await apiRes.json()).token}` };
  expect((await request.get(`/api/v1/admin/users/${user.id}`, { headers })).status()).toBe(200);

  await loginAs(page, user);
  await account.goto();
  const sessionRows = account.sessionRows;
  // This browser, the other one and the API token, newest first; this one is marked.
  await expect(sessionRows).toHaveCount(3);
  await expect(sessionRows.first()).toHaveAttribute("data-current", "true");
  await expect(sessionRows.first()).toContainText("This session");
  await expect(sessionRows.filter({ hasText: "API token" })).toHaveCount(1);
  await expect(sessionRows.first()).toContainText(/Chrome \d+ on \w+/);
  await expect(sessionRows.first()).toContainText("IP 127.0.0.1");

  const { currentPassword: current, newPassword: next } = account;
  const hashBefore = (await sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [user.id]))[0].password_hash;

  // Wrong current password: a field error, nothing changes.
  await account.changePassword({ current: "Not-My-Password-77!", next: STRONG, confirm: STRONG });
  await expect(account.currentPasswordError).toHaveText("Current password is incorrect");
  await expect(current).toBeFocused();
  expect((await sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [user.id]))[0].password_hash).toBe(hashBefore);
  const [failed] = await sql<{ n: number }>(`SELECT failed_login_count AS n FROM users WHERE id = $1`, [user.id]);
  expect(failed.n).toBe(1);

  // A common pick: the live checklist says why before anything is sent.
  await current.fill(PASSWORD);
  await next.fill("Password123!");
  const strength = account.passwordRule("common");
  await expect(strength).toHaveAttribute("data-state", "done");
  await expect(strength).toHaveAttribute("data-ok", "false");
  await expect(account.strengthReason).toContainText("Password is too easy to guess (strength");
  for (const id of ["length", "uppercase", "lowercase", "number", "special", "username"]) await expect(account.passwordRule(id)).toHaveAttribute("data-ok", "true");
  await account.changePassword({ confirm: "Password123!" });
  await expect(account.newPasswordError).toContainText("Password is too easy to guess");

  // The current password again is refused too.
  await account.changePassword({ next: PASSWORD, confirm: PASSWORD });
  await expect(account.newPasswordError).toContainText("Choose a password different from your current one");

  // A strong new one: done, and only this session is left.
  await next.fill(STRONG);
  await expect(strength).toHaveAttribute("data-ok", "true");
  await account.changePassword({ confirm: STRONG });
  await expect(page.getByText("Password changed. Your other sessions and API tokens were signed out.")).toBeVisible();
  await expect(sessionRows).toHaveCount(1);
  await expect(next).toHaveValue("");
  await expect(account.activityOf("user.password_changed")).toHaveCount(1);

  // The other browser is signed out, the API token is dead, this page still works.
  await other.page.goto("/admin/users");
  await expect(other.page).toHaveURL(/\/admin\/login/);
  expect((await request.get(`/api/v1/admin/users/${user.id}`, { headers })).status()).toBe(401);
  await page.reload();
  await expect(account.heading).toBeVisible();
  await other.context.close();

  // The new password is the one that signs in.
  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await login(again, user.username);
  await expect(again.locator("#login-error")).toHaveText("Invalid username or password");
  await login(again, user.username, STRONG);
  await expect(again).toHaveURL(/\/admin$/);
  await fresh.close();
});

test("the sessions list: sign out one other session, then everywhere else", async ({ page, browser, accountPage: account }) => {
  const user = await createUser({ role: "viewer", username: uniq("sess") });
  const first = await elsewhere(browser, user);
  await loginAs(page, user);
  await account.goto();
  const sessionRows = account.sessionRows;
  await expect(sessionRows).toHaveCount(2);

  // "Sign out" asks first; Cancel keeps the session.
  const otherRow = account.otherSessions;
  const dialog = await account.signOutSession(otherRow);
  await expect(dialog).toContainText("will have to sign in again");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(sessionRows).toHaveCount(2);
  await account.signOutSession(otherRow);
  await dialog.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByText("Session signed out")).toBeVisible();
  await expect(sessionRows).toHaveCount(1);
  await first.page.goto("/admin");
  await expect(first.page).toHaveURL(/\/admin\/login/);
  await expect(account.signOutEverywhereElseButton).toBeDisabled();
  await first.context.close();

  // Two more elsewhere: one click ends both, this one stays.
  const second = await elsewhere(browser, user);
  const third = await elsewhere(browser, user);
  await page.reload();
  await expect(sessionRows).toHaveCount(3);
  const all = await account.signOutEverywhereElse();
  await expect(all).toContainText("2 other sessions and API tokens will end. This session stays signed in.");
  await all.getByRole("button", { name: "Sign out all" }).click();
  await expect(page.getByText("Signed out 2 other sessions")).toBeVisible();
  await expect(sessionRows).toHaveCount(1);
  for (const s of [second, third]) {
    await s.page.goto("/admin");
    await expect(s.page).toHaveURL(/\/admin\/login/);
    await s.context.close();
  }
  await page.reload();
  await expect(account.heading).toBeVisible();
  const ended = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM activity_logs WHERE event_type = 'user.sessions_ended' AND resource_id = $1`, [user.id]);
  expect(ended[0].n).toBe(2);
  await expect(account.activityOf("user.sessions_ended")).toHaveCount(2);
});
