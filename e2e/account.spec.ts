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

const sessionRows = (page: Page) => page.getByTestId("session-row");

test("the user menu opens below its button and leads to My account", async ({ page }) => {
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
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "My account" }).click();
  await expect(page).toHaveURL(/\/admin\/account$/);
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  const profile = page.getByTestId("account-profile");
  await expect(profile).toContainText(viewer.username);
  await expect(profile).toContainText(viewer.email);
  await expect(profile).toContainText("Viewer");
  await expect(profile).toContainText("Only an admin can change your username, email or role.");
  // No horizontal scroll on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yIssues(page);
});

test("change password: the wrong current one is refused; then other sessions and API tokens end, this one stays", async ({ page, browser, request }) => {
  const user = await createUser({ role: "admin", username: uniq("chpw") });
  const other = await elsewhere(browser, user);
  const apiRes = await apiLogin(request, user.username);
  expect(apiRes.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await apiRes.json()).token}` };
  expect((await request.get(`/api/v1/admin/users/${user.id}`, { headers })).status()).toBe(200);

  await loginAs(page, user);
  await page.goto("/admin/account");
  // This browser, the other one and the API token, newest first; this one is marked.
  await expect(sessionRows(page)).toHaveCount(3);
  await expect(sessionRows(page).first()).toHaveAttribute("data-current", "true");
  await expect(sessionRows(page).first()).toContainText("This session");
  await expect(sessionRows(page).filter({ hasText: "API token" })).toHaveCount(1);
  await expect(sessionRows(page).first()).toContainText(/Chrome \d+ on \w+/);
  await expect(sessionRows(page).first()).toContainText("IP 127.0.0.1");

  const form = page.getByTestId("change-password");
  const current = form.getByLabel("Current password");
  const next = form.getByLabel("New password", { exact: true });
  const confirm = form.getByLabel("Confirm new password");
  const submit = form.getByRole("button", { name: "Change password" });
  const hashBefore = (await sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [user.id]))[0].password_hash;

  // Wrong current password: a field error, nothing changes.
  await current.fill("Not-My-Password-77!");
  await next.fill(STRONG);
  await confirm.fill(STRONG);
  await submit.click();
  await expect(form.locator("#cp-current-error")).toHaveText("Current password is incorrect");
  await expect(current).toBeFocused();
  expect((await sql<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [user.id]))[0].password_hash).toBe(hashBefore);
  const [failed] = await sql<{ n: number }>(`SELECT failed_login_count AS n FROM users WHERE id = $1`, [user.id]);
  expect(failed.n).toBe(1);

  // A common pick: the live checklist says why before anything is sent.
  await current.fill(PASSWORD);
  await next.fill("Password123!");
  const strength = form.locator('[data-rule="common"]');
  await expect(strength).toHaveAttribute("data-state", "done");
  await expect(strength).toHaveAttribute("data-ok", "false");
  await expect(form.getByTestId("strength-reason")).toContainText("Password is too easy to guess (strength");
  for (const id of ["length", "uppercase", "lowercase", "number", "special", "username"]) await expect(form.locator(`[data-rule="${id}"]`)).toHaveAttribute("data-ok", "true");
  await confirm.fill("Password123!");
  await submit.click();
  await expect(form.locator("#cp-password-error")).toContainText("Password is too easy to guess");

  // The current password again is refused too.
  await next.fill(PASSWORD);
  await confirm.fill(PASSWORD);
  await submit.click();
  await expect(form.locator("#cp-password-error")).toContainText("Choose a password different from your current one");

  // A strong new one: done, and only this session is left.
  await next.fill(STRONG);
  await expect(strength).toHaveAttribute("data-ok", "true");
  await confirm.fill(STRONG);
  await submit.click();
  await expect(page.getByText("Password changed. Your other sessions and API tokens were signed out.")).toBeVisible();
  await expect(sessionRows(page)).toHaveCount(1);
  await expect(next).toHaveValue("");
  await expect(page.getByTestId("account-activity-table").locator('[data-event-type="user.password_changed"]')).toHaveCount(1);

  // The other browser is signed out, the API token is dead, this page still works.
  await other.page.goto("/admin/users");
  await expect(other.page).toHaveURL(/\/admin\/login/);
  expect((await request.get(`/api/v1/admin/users/${user.id}`, { headers })).status()).toBe(401);
  await page.reload();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
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

test("the sessions list: sign out one other session, then everywhere else", async ({ page, browser }) => {
  const user = await createUser({ role: "viewer", username: uniq("sess") });
  const first = await elsewhere(browser, user);
  await loginAs(page, user);
  await page.goto("/admin/account");
  await expect(sessionRows(page)).toHaveCount(2);

  // "Sign out" asks first; Cancel keeps the session.
  const otherRow = sessionRows(page).filter({ hasNot: page.getByText("This session") });
  await otherRow.getByRole("button", { name: /^Sign out / }).click();
  const dialog = page.getByTestId("end-session-modal");
  await expect(dialog).toContainText("will have to sign in again");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(sessionRows(page)).toHaveCount(2);
  await otherRow.getByRole("button", { name: /^Sign out / }).click();
  await dialog.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByText("Session signed out")).toBeVisible();
  await expect(sessionRows(page)).toHaveCount(1);
  await first.page.goto("/admin");
  await expect(first.page).toHaveURL(/\/admin\/login/);
  await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toBeDisabled();
  await first.context.close();

  // Two more elsewhere: one click ends both, this one stays.
  const second = await elsewhere(browser, user);
  const third = await elsewhere(browser, user);
  await page.reload();
  await expect(sessionRows(page)).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  const all = page.getByTestId("end-others-modal");
  await expect(all).toContainText("2 other sessions and API tokens will end. This session stays signed in.");
  await all.getByRole("button", { name: "Sign out all" }).click();
  await expect(page.getByText("Signed out 2 other sessions")).toBeVisible();
  await expect(sessionRows(page)).toHaveCount(1);
  for (const s of [second, third]) {
    await s.page.goto("/admin");
    await expect(s.page).toHaveURL(/\/admin\/login/);
    await s.context.close();
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  const ended = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM activity_logs WHERE event_type = 'user.sessions_ended' AND resource_id = $1`, [user.id]);
  expect(ended[0].n).toBe(2);
  await expect(page.getByTestId("account-activity-table").locator('[data-event-type="user.sessions_ended"]')).toHaveCount(2);
});
