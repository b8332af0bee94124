// When the server fails (the network drops the request, a 5xx, a failure the
// server logged under a reference) every form says so in its form-level
// alert, never under a field as if the input were wrong, and the busy state
// ends so the person can try again. The failures are made with page.route.
import type { Page, Route } from "@playwright/test";
import { insertInvitation, resetRateLimits, uniq } from "./support/api";
import { resetToken } from "./support/door-requests";
import { createUser, expect, loginAs, test } from "./support/fixtures";

const NETWORK = "The server could not be reached. Check your connection and try again.";
const BAD_ANSWER = "The server could not handle the request. Please try again in a moment.";
const STRONG = "Velvet-Comet-Orchard-2026!";

/** Server actions are POSTs to the page's own URL carrying a Next-Action header. */
async function failActions(page: Page, how: "abort" | "500") {
  await page.route(
    (url) => url.pathname.startsWith("/admin"),
    async (route: Route) => {
      if (route.request().method() !== "POST" || !route.request().headers()["next-action"]) return route.fallback();
      if (how === "abort") return route.abort("internetdisconnected");
      return route.fulfill({ status: 500, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" });
    },
  );
}

test.beforeEach(async () => {
  await resetRateLimits();
});

test("login: a network failure, a 5xx and a server failure with its reference are form-level alerts", async ({ page }) => {
  const u = await createUser({ role: "viewer" });
  await page.goto("/admin/login");
  await page.getByLabel("Username or email").fill(u.username);
  await page.getByLabel("Password", { exact: true }).fill("Whatever-it-is-1!");
  const alert = page.locator("#login-error");
  const button = page.getByRole("button", { name: "Sign In" });

  await page.route("**/api/auth/callback/credentials", (r) => r.abort("internetdisconnected"));
  await button.click();
  await expect(alert).toHaveText(NETWORK);
  await expect(button).toBeEnabled();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator(".invalid-feedback")).toHaveCount(0);
  await page.unroute("**/api/auth/callback/credentials");

  await page.route("**/api/auth/callback/credentials", (r) => r.fulfill({ status: 500, contentType: "text/html", body: "<h1>Internal Server Error</h1>" }));
  await button.click();
  await expect(alert).toHaveText("Login is unavailable right now. Please try again shortly.");
  await expect(button).toBeEnabled();
  await page.unroute("**/api/auth/callback/credentials");

  // What next-auth answers when the login service failed: the code and the log's reference.
  await page.route("**/api/auth/callback/credentials", (r) =>
    r.fulfill({ status: 401, contentType: "application/json", body: JSON.stringify({ url: `${new URL(page.url()).origin}/admin/login?error=ServerError%3A0badcafe` }) }),
  );
  await button.click();
  await expect(alert).toHaveText("Login is unavailable right now (reference 0badcafe). Please try again shortly.");
  await expect(page.locator(".invalid-feedback")).toHaveCount(0);
  await page.unroute("**/api/auth/callback/credentials");

  // With the server back, the same form signs in.
  await page.getByLabel("Password", { exact: true }).fill("Correct-Horse-42!");
  await button.click();
  await expect(page).toHaveURL(/\/admin$/);
});

test("accept invitation: a dropped request is a form-level alert, not a password error", async ({ page }) => {
  const pending = await createUser({ status: "pending", username: uniq("ffinv") });
  const { token } = await insertInvitation(pending.id);
  await page.goto(`/admin/accept-invitation?token=${token}`);
  await page.getByLabel("Password", { exact: true }).fill(STRONG);
  await page.getByLabel("Confirm Password").fill(STRONG);
  const button = page.getByRole("button", { name: "Accept Invitation & Set Password" });

  await failActions(page, "abort");
  await button.click();
  await expect(page.getByTestId("form-alert")).toHaveText(NETWORK);
  await expect(page.locator("#inv-password-error")).toHaveCount(0);
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "false");
  await expect(button).toBeEnabled();

  await page.unrouteAll();
  await button.click();
  await expect(page).toHaveURL(/\/admin\/login\?accepted=1/);
});

test("reset password: a 5xx is a form-level alert and the form can be sent again", async ({ page }) => {
  const token = await resetToken();
  await page.goto(`/admin/reset-password?token=${token}`);
  await page.getByLabel("New password", { exact: true }).fill(STRONG);
  await page.getByLabel("Confirm new password").fill(STRONG);
  const button = page.getByRole("button", { name: "Change Password" });

  await failActions(page, "500");
  await button.click();
  await expect(page.getByTestId("form-alert")).toHaveText(BAD_ANSWER);
  await expect(page.locator("#reset-password-error")).toHaveCount(0);
  await expect(button).toBeEnabled();

  await page.unrouteAll();
  await button.click();
  await expect(page).toHaveURL(/\/admin\/login\?reset=1/);
});

test("forgot password: a dropped request is a form-level alert, not an email error", async ({ page }) => {
  await page.goto("/admin/forgot-password");
  await page.getByLabel("Email").fill(`${uniq("ffgot")}@example.org`);
  const button = page.getByRole("button", { name: "Send reset link" });
  await failActions(page, "abort");
  await button.click();
  await expect(page.getByTestId("form-alert")).toHaveText(NETWORK);
  await expect(page.locator("#reset-email-error")).toHaveCount(0);
  await expect(button).toBeEnabled();
  await page.unrouteAll();
  await button.click();
  await expect(page.getByTestId("reset-requested")).toBeVisible();
});

test("users: a failed deactivate leaves the dialog usable; a failed create keeps the form", async ({ page, usersPage: users }) => {
  const admin = await createUser({ role: "admin", username: uniq("ffadm") });
  const target = await createUser({ role: "viewer", username: uniq("fftgt") });
  await loginAs(page, admin);
  await users.goto(target.username);
  await users.rowButton(target.username, "Deactivate").click();
  const dialog = page.getByTestId("deactivate-modal");
  await expect(dialog).toBeVisible();

  await failActions(page, "abort");
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(NETWORK);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeEnabled();
  await expect(dialog.getByRole("button", { name: "Deactivate" })).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  const create = await users.openCreateUser();
  await create.getByLabel("Username").fill(uniq("ffnew"));
  await create.getByLabel("Email").fill(`${uniq("ffnew")}@example.org`);
  await create.getByRole("button", { name: "Create & Send Invitation" }).click();
  await expect(create.getByTestId("form-alert")).toHaveText(NETWORK);
  await expect(create.locator(".invalid-feedback")).toHaveCount(0);
  await expect(create.getByRole("button", { name: "Cancel" })).toBeEnabled();
  await page.unrouteAll();
  await create.getByRole("button", { name: "Cancel" }).click();

  // The server is reachable again: the same dialog deactivates.
  await users.rowButton(target.username, "Deactivate").click();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${target.username} was deactivated`)).toBeVisible();
});
