// Two-factor sign-in in Chromium: an admin sets up an authenticator from My
// account by reading the secret the page shows, keeps the recovery codes,
// signs out, and signs in again with a code computed here; the users table
// then shows the 2FA badge.
import { Secret, TOTP } from "otpauth";
import { resetRateLimits, uniq } from "./support/api";
import { createUser, expect, login, loginAs, PASSWORD, serverLog, sql, test } from "./support/fixtures";

test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);
test.describe.configure({ timeout: 90_000 });

const codeAt = (secret: string, ms: number) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });

test("an admin sets up two-factor from the page, signs out, and signs in with a code", async ({ page }) => {
  const admin = await createUser({ role: "admin", username: uniq("tfa") });
  await loginAs(page, admin);
  await page.goto("/admin/account");
  const card = page.getByTestId("two-factor");
  await expect(card.getByTestId("two-factor-state")).toHaveText("Off");
  await card.getByRole("button", { name: "Set up two-factor authentication" }).click();

  await expect(card.getByTestId("totp-qr")).toBeVisible();
  // The key as a person reads it from the page (groups of four), without the spaces.
  const secret = ((await card.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.screenshot({ path: test.info().outputPath("two-factor-setup.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await card.screenshot({ path: test.info().outputPath("two-factor-setup-390-dark.png") });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: "light" });

  await card.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
  await card.getByLabel("Your password").fill(PASSWORD);
  await card.getByRole("button", { name: "Turn on" }).click();

  const codes = card.getByTestId("recovery-codes");
  await expect(codes).toBeVisible();
  await expect(codes.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await codes.getByRole("listitem").allTextContents()).map((c) => c.trim());
  const download = page.waitForEvent("download");
  await codes.getByRole("button", { name: "Download as text" }).click();
  expect((await download).suggestedFilename()).toBe(`sel-admin-recovery-codes-${admin.username}.txt`);
  await codes.getByRole("button", { name: "I have saved them" }).click();
  await expect(card.getByTestId("two-factor-state")).toHaveText("On");
  await expect(card.getByTestId("recovery-codes-left")).toHaveText("10");

  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/admin\/login/);

  // The password alone is not enough any more: the code step follows.
  await login(page, admin.username);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("two-factor-login.png"), fullPage: true });
  // The next step's code: newer than the one the setup used, so it is not a replay.
  await page.getByLabel("Authentication code").fill(codeAt(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  const rows = await sql<{ event_type: string }>(`SELECT event_type FROM activity_logs WHERE resource_id = $1 ORDER BY id`, [admin.id]);
  expect(rows.map((r) => r.event_type)).toEqual(expect.arrayContaining(["user.2fa_enabled", "user.login"]));

  await page.goto("/admin/users");
  await expect(page.getByRole("row").filter({ hasText: admin.username }).getByTestId("two-factor-badge")).toBeVisible();

  // Neither the secret nor a recovery code ever reaches the server's log.
  const log = serverLog();
  expect(log).not.toContain(secret);
  for (const c of recoveryCodes) expect(c.length > 0 && log.includes(c), `recovery code ${c} in the server log`).toBe(false);
});

test("a wrong code is refused at the code step and a recovery code works instead", async ({ page }) => {
  const user = await createUser({ role: "viewer", username: uniq("tfb") });
  await loginAs(page, user);
  await page.goto("/admin/account");
  const card = page.getByTestId("two-factor");
  await card.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = ((await card.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await card.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
  await card.getByLabel("Your password").fill(PASSWORD);
  await card.getByRole("button", { name: "Turn on" }).click();
  const first = ((await card.getByTestId("recovery-codes").getByRole("listitem").first().textContent()) ?? "").trim();
  await card.getByRole("button", { name: "I have saved them" }).click();
  await page.context().clearCookies();

  await login(page, user.username);
  const right = codeAt(secret, Date.now() + 30_000);
  await page.getByLabel("Authentication code").fill(right === "000000" ? "000001" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/not valid or was already used/)).toBeVisible();
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(first);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const used = await sql(`SELECT 1 FROM activity_logs WHERE event_type = 'user.recovery_code_used' AND resource_id = $1`, [user.id]);
  expect(used).toHaveLength(1);
});
