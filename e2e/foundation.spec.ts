import { createUser, expect, login, loginAs, PASSWORD, setupLinkFromLog, sql, test } from "./support/fixtures";

test.describe("first start and login", () => {
  test("the first-admin setup link leads to a logged-in admin dashboard", async ({ page }) => {
    const link = setupLinkFromLog();
    expect(link, "npm start prints a setup link on a node without admins").toBeTruthy();
    await page.goto(link!);
    await expect(page.getByRole("heading", { name: "Set Your Password" })).toBeVisible();
    await expect(page.getByLabel("Username")).toHaveValue("admin");
    await page.getByLabel("Password", { exact: true }).fill("Harbor-Lights-2026!");
    await page.getByLabel("Confirm Password").fill("Harbor-Lights-2026!");
    await page.getByRole("button", { name: "Accept Invitation & Set Password" }).click();
    await expect(page).toHaveURL(/\/admin\/login\?accepted=1/);
    await expect(page.getByText("Password set successfully. Please log in.")).toBeVisible();
    await login(page, "admin", "Harbor-Lights-2026!");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Welcome to SEL Admin!" })).toBeVisible();
    await page.getByRole("button", { name: "Get Started" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Users", exact: true })).toBeVisible();
    // The link is single use.
    await page.goto(link!);
    await expect(page.getByText("Invalid Invitation")).toBeVisible();
  });

  test("a wrong password shows one generic message", async ({ page }) => {
    const u = await createUser({ role: "editor" });
    await login(page, u.username, "Not-The-Password-1!");
    await expect(page.locator("#login-error")).toHaveText("Invalid username or password");
    await login(page, "no-such-user", PASSWORD);
    await expect(page.locator("#login-error")).toHaveText("Invalid username or password");
    await expect(page).toHaveURL(/\/admin\/login/);
  });

  test("anonymous visits redirect to login and come back afterwards", async ({ page }) => {
    const u = await createUser({ role: "admin" });
    await page.goto("/admin/users?status=active");
    await expect(page).toHaveURL(/\/admin\/login\?redirect=%2Fadmin%2Fusers%3Fstatus%3Dactive/);
    await page.getByLabel("Username or email").fill(u.email.toUpperCase());
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign In" }).click();
    await expect(page).toHaveURL(/\/admin\/users\?status=active$/);
  });

  test("an open redirect is refused", async ({ page }) => {
    const u = await createUser({ role: "viewer" });
    await page.goto("/admin/login?redirect=//evil.example/steal");
    await page.getByLabel("Username or email").fill(u.username);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign In" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/admin$/);
  });

  test("logout from the user menu ends the session", async ({ page }) => {
    const u = await createUser({ role: "viewer" });
    await loginAs(page, u);
    await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Log out" }).click();
    await expect(page).toHaveURL(/\/admin\/login/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/login\?redirect=%2Fadmin/);
    const rows = await sql(`SELECT 1 FROM activity_logs WHERE event_type='user.logout' AND user_id=$1`, [u.id]);
    expect(rows).toHaveLength(1);
  });

  test("a deactivated user's open session is thrown out on the next request", async ({ page }) => {
    const u = await createUser({ role: "editor" });
    await loginAs(page, u);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await sql(`UPDATE users SET status='inactive' WHERE id=$1`, [u.id]);
    await page.reload();
    await expect(page).toHaveURL(/\/admin\/login/);
  });
});
