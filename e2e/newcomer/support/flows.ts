// What a person does in the browser on the newcomer's setup: set a
// password from a link, log in (dismissing the one-time welcome), invite a
// user from the Users page, log out.
import { expect, type Page } from "@playwright/test";

export async function acceptLink(page: Page, link: string, password: string) {
  await page.goto(link);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm Password").fill(password);
  await page.getByRole("button", { name: "Accept Invitation & Set Password" }).click();
  await expect(page.getByText("Password set successfully. Please log in.")).toBeVisible();
}

export async function logIn(page: Page, base: string, username: string, password: string, firstTime = false) {
  await page.goto(`${base}/admin/login`);
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page).toHaveURL(`${base}/admin`);
  if (firstTime) {
    await expect(page.getByRole("heading", { name: "Welcome to SEL Admin!" })).toBeVisible();
    await page.getByRole("button", { name: "Get Started" }).click();
  }
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

export async function invite(page: Page, base: string, username: string, email: string, role: "viewer" | "editor" | "admin") {
  await page.goto(`${base}/admin/users`);
  await page.getByRole("button", { name: "Create User" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create New User" });
  await dialog.getByLabel("Username").fill(username);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Create & Send Invitation" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name: username, exact: true })).toBeVisible();
}

export async function logOut(page: Page, base: string) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(new RegExp(`^${base}/admin/login`));
}
