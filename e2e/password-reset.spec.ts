// Self-service password reset: from the login page's "Forgot password?" link
// through the email (over real SMTP) to a new password; the old password and
// every open session stop working. Plus the REST doors and accessibility.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expectProblem, resetRateLimits } from "./support/api";
import { createUser, expect, login, loginAs, resetLinkIn, sql, test, waitForMail } from "./support/fixtures";

const STRONG = "Amber-Lantern-2026!";
const REQUESTED = "If an account with that email exists, we have sent a link to reset its password.";
const INVALID = "This password reset link is invalid or has expired. Request a new one.";

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test.beforeEach(async () => {
  await resetRateLimits();
});

test("a user resets a forgotten password by email; old password and open sessions stop working", async ({ page, browser }) => {
  const user = await createUser({ role: "editor" });

  // The user is still signed in somewhere else (another browser).
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await loginAs(other, user);

  await page.goto("/admin/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/admin\/forgot-password$/);
  await expect(page.getByRole("heading", { name: "Forgot password" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Email").fill(user.email.toUpperCase());
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByTestId("reset-requested")).toHaveText(REQUESTED);

  const mail = await waitForMail(user.email);
  expect(mail.subject).toBe("Reset your SEL Admin password");
  expect(mail.text).toContain(`Hi ${user.username},`);
  expect(mail.text).toMatch(/This link expires on \w+day, \d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC \(1 hour from now\)/);
  expect(mail.text).toContain("If you didn't ask for this, ignore this email; your password stays the same.");
  const link = resetLinkIn(mail);
  expect(mail.html).toContain(link.replace(/&/g, "&amp;"));

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a New Password" })).toBeVisible();
  await expectAccessible(page);

  // The checklist knows whose password this is.
  const rule = (id: string) => page.locator(`[data-testid="password-checklist"] [data-rule="${id}"]`);
  const password = page.getByLabel("New password", { exact: true });
  await password.fill(`${user.username}X`);
  await expect(rule("username")).toHaveAttribute("data-ok", "false");

  // Weak: refused with the reasons; the link stays usable.
  await password.fill("short");
  await page.getByLabel("Confirm new password").fill("short");
  await page.getByRole("button", { name: "Change Password" }).click();
  await expect(page.locator("#reset-password-error")).toContainText("Password must be at least 12 characters");
  await expect(page).toHaveURL(/reset-password\?token=/);

  await password.fill(STRONG);
  for (const id of ["length", "uppercase", "lowercase", "number", "special", "username"]) await expect(rule(id)).toHaveAttribute("data-ok", "true");
  await page.getByLabel("Confirm new password").fill(STRONG);
  await page.getByRole("button", { name: "Change Password" }).click();
  await expect(page).toHaveURL(/\/admin\/login\?reset=1/);
  await expect(page.getByText("Password changed. Please log in.")).toBeVisible();

  // The old password no longer works; the new one does.
  await login(page, user.username);
  await expect(page.locator("#login-error")).toHaveText("Invalid username or password");
  await login(page, user.username, STRONG);
  await expect(page).toHaveURL(/\/admin$/);

  // The session opened before the reset is over.
  await other.goto("/admin/users");
  await expect(other).toHaveURL(/\/admin\/login/);
  await elsewhere.close();

  // The link was single use.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Reset link invalid or expired" })).toBeVisible();
  await expect(page.getByText(INVALID)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Request a new link" }).click();
  await expect(page).toHaveURL(/\/admin\/forgot-password$/);

  const events = await sql<{ event_type: string }>(`SELECT event_type FROM activity_logs WHERE resource_id = $1 AND event_type LIKE 'user.password%' ORDER BY id`, [user.id]);
  expect(events.map((e) => e.event_type)).toEqual(["user.password_reset_requested", "user.password_changed"]);
});

test("the REST doors answer with the contract's statuses and problems", async ({ request }) => {
  const unknown = await request.post("/api/v1/password-reset", { data: { email: "nobody-here@example.org" } });
  expect(unknown.status()).toBe(202);
  expect(await unknown.json()).toEqual({ message: REQUESTED });
  expect(unknown.headers()["x-ratelimit-limit"]).toBe("10");

  const bad = await expectProblem(await request.post("/api/v1/password-reset", { data: { email: "nope" } }), 400, "validation-error");
  expect(bad.errors).toEqual([{ field: "email", message: "Enter a valid email address" }]);
  await expectProblem(await request.post("/api/v1/password-reset", { data: "[1]", headers: { "content-type": "application/json" } }), 400, "validation-error");
  await expectProblem(await request.post("/api/v1/password-reset/confirm", { data: { token: "not-a-token", password: STRONG } }), 400, "invalid-token", INVALID);

  // A real link: a weak password is refused rule by rule and the link survives.
  const user = await createUser();
  expect((await request.post("/api/v1/password-reset", { data: { email: user.email } })).status()).toBe(202);
  const token = new URL(resetLinkIn(await waitForMail(user.email))).searchParams.get("token")!;
  const weak = await expectProblem(await request.post("/api/v1/password-reset/confirm", { data: { token, password: "weak" } }), 400, "weak-password");
  expect(weak.errors?.map((e) => e.rule)).toEqual(expect.arrayContaining(["length", "uppercase", "number", "special"]));
  const done = await request.post("/api/v1/password-reset/confirm", { data: { token, password: STRONG, password_confirm: STRONG } });
  expect(done.status()).toBe(200);
  expect(await done.json()).toEqual({ message: "Password changed. Please log in." });
  await expectProblem(await request.post("/api/v1/password-reset/confirm", { data: { token, password: STRONG } }), 400, "invalid-token");
  expect((await request.get("/api/v1/password-reset")).status()).toBe(405);

  // 10 a minute per IP, requests and confirmations together (7 spent above).
  for (let i = 0; i < 3; i++) expect((await request.post("/api/v1/password-reset", { data: { email: `n${i}@example.org` } })).status()).toBe(202);
  const limited = await request.post("/api/v1/password-reset", { data: { email: "n@example.org" } });
  await expectProblem(limited, 429, "rate-limited");
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  await resetRateLimits();
});
