// Every page on a phone (390 px wide) and on a laptop, in the light and the
// dark theme: nothing scrolls sideways, axe finds nothing serious, and on the
// Users page each user's badges and actions are on screen. Screenshots of
// each go to the e2e output folder (screens/) for a person to look at.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { ulid } from "ulid";
import { uniq } from "./support/api";
import { BASE_URL, OUTPUT_DIR } from "./support/config";
import { createUser, expect, loginAs, sql, test, type TestUser } from "./support/fixtures";

const sha = (t: string) => createHash("sha256").update(t).digest("hex");

async function invitationToken(user: TestUser): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await sql(`INSERT INTO invitations (id, user_id, token_hash, expires_at, delivery_status, sent_at) VALUES ($1,$2,$3,now() + interval '7 days','sent',now())`, [ulid(), user.id, sha(token)]);
  return token;
}

async function resetToken(user: TestUser): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await sql(`INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES ($1,$2,$3,now() + interval '1 hour')`, [ulid(), user.id, sha(token)]);
  return token;
}

async function expectFits(page: Page, name: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect.soft(scrollWidth, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

async function expectNoSeriousA11yIssues(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect.soft(bad.map((v) => `${name}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUTPUT_DIR, "screens", `${name}.png`), fullPage: true });
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test.describe.configure({ timeout: 180_000 });

    test.beforeEach(async ({ context }) => {
      await context.addCookies([{ name: "theme", value: theme, url: BASE_URL }]);
    });

    test(`every page at 390 px fits the screen and passes axe (${theme})`, async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const admin = await createUser({ role: "admin", username: uniq("phone") });
      const pending = await createUser({ status: "pending", role: "editor", username: uniq("phonepend") });
      await invitationToken(pending);
      const invitee = await createUser({ status: "pending", username: uniq("phoneinv") });
      const resetter = await createUser({ username: uniq("phonerst") });

      const check = async (name: string) => {
        await shoot(page, `${name}-390-${theme}`);
        await expectFits(page, name);
        await expectNoSeriousA11yIssues(page, name);
      };

      // Signed out.
      await page.goto("/admin/login");
      await expect(page.getByRole("button", { name: "Sign In" })).toBeVisible();
      await check("login");
      await page.goto(`/admin/accept-invitation?token=${await invitationToken(invitee)}`);
      await expect(page.getByRole("button", { name: "Accept Invitation & Set Password" })).toBeVisible();
      await check("accept-invitation");
      await page.goto("/admin/forgot-password");
      await expect(page.getByLabel("Email")).toBeVisible();
      await check("forgot-password");
      await page.goto(`/admin/reset-password?token=${await resetToken(resetter)}`);
      await expect(page.getByRole("button", { name: "Change Password" })).toBeVisible();
      await check("reset-password");

      // Signed in.
      await loginAs(page, admin);
      await expect(page.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
      await check("dashboard");

      await page.goto(`/admin/users?search=${pending.username}`);
      const card = page.getByTestId("user-row").first();
      await expect(card).toContainText(pending.username);
      // The Pending Invitation badge and every action button are on screen.
      for (const el of [card.getByText("Pending Invitation").first(), ...(await card.getByRole("button").all())]) {
        await expect(el).toBeInViewport({ ratio: 1 });
      }
      await check("users");

      await page.goto(`/admin/users/${pending.id}`);
      const heading = page.getByRole("heading", { name: pending.username });
      await expect(heading).toBeVisible();
      // The header's buttons sit beside or below the name, never over it.
      const h = (await heading.boundingBox())!;
      for (const button of await page.locator(".page-header").getByRole("button").all()) {
        const b = (await button.boundingBox())!;
        const overlaps = b.x < h.x + h.width && h.x < b.x + b.width && b.y < h.y + h.height && h.y < b.y + b.height;
        expect(overlaps, `a header button covers the username`).toBe(false);
        await expect(button).toBeInViewport({ ratio: 1 });
      }
      await check("user-detail");

      await page.goto("/admin/activity");
      await expect(page.getByRole("heading", { name: "Activity", exact: true })).toBeVisible();
      await check("activity");

      await page.goto("/admin/account");
      await expect(page.getByRole("heading", { name: "My account", exact: true })).toBeVisible();
      await check("account");

      const res = await page.goto("/admin/no-such-page");
      expect(res?.status()).toBe(404);
      await check("not-found");
    });

    test(`the console at 1280 px: the email column shows, nothing scrolls sideways (${theme})`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const admin = await createUser({ role: "admin", username: uniq("laptop") });
      const someone = await createUser({ role: "editor", username: uniq("laptopusr") });
      await loginAs(page, admin);
      for (const [name, url] of [
        ["dashboard", "/admin"],
        ["users", `/admin/users?search=${someone.username}`],
        ["user-detail", `/admin/users/${someone.id}`],
        ["activity", "/admin/activity"],
        ["account", "/admin/account"],
      ] as const) {
        await page.goto(url);
        // A streamed page holds its loading skeleton's title and its own for a moment (React reveals
        // a finished boundary up to ~300 ms after it arrives): wait for the page's one title.
        await expect(page.locator("h1")).toHaveCount(1);
        await expect(page.locator("h1")).toBeVisible();
        if (name === "users") await expect(page.getByRole("columnheader", { name: "Email" })).toBeVisible();
        if (name === "users") await expect(page.getByTestId("user-row").first().getByRole("cell", { name: someone.email })).toBeVisible();
        await shoot(page, `${name}-1280-${theme}`);
        await expectFits(page, name);
        await expectNoSeriousA11yIssues(page, name);
      }
    });
  });
}
