// The Content-Security-Policy: present with a fresh nonce on every page, and
// Chromium reports no violation anywhere in the console, signed out or in,
// with dialogs, the theme toggle and the menus exercised.
import { expect, type Page } from "@playwright/test";
import { insertInvitation, uniq } from "./support/api";
import { createUser, loginAs, pressShortcut, resetLinkIn, sql, test, waitForMail } from "./support/fixtures";

type Violation = { directive: string; blocked: string; sample: string };

async function watch(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp.map((v) => JSON.stringify(v))))];
}

async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  const csp = res!.headers()["content-security-policy"];
  expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toContain("'unsafe-eval'");
  // Next.js's own inline scripts carry the nonce of this response.
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const inline = await page.locator("script:not([src])").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  for (const n of inline) expect(n).toBe(nonce);
  await page.waitForLoadState("networkidle");
  return nonce;
}

test("every page sends a nonce-based policy and runs without a single violation", async ({ page, browser, request }) => {
  const violations = await watch(page);
  const nonces = new Set<string>();

  // Signed out: the public pages, valid and dead emailed links.
  const invitee = await createUser({ status: "pending", username: uniq("cspinv") });
  const { token } = await insertInvitation(invitee.id);
  const resetter = await createUser({ username: uniq("cspreset") });
  expect((await request.post("/api/v1/password-reset", { data: { email: resetter.email } })).status()).toBe(202);
  const resetPage = new URL(resetLinkIn(await waitForMail(resetter.email)));
  for (const path of [
    "/admin/login",
    "/admin/forgot-password",
    `/admin/accept-invitation?token=${token}`,
    "/admin/accept-invitation?token=dead",
    `${resetPage.pathname}${resetPage.search}`,
    "/admin/reset-password?token=dead",
  ]) {
    nonces.add(await visit(page, path));
  }
  await page.getByRole("link", { name: "Request a new link" }).click();
  await page.waitForURL(/forgot-password/);
  // The live reset link shows its form (the strength checklist's chunk loads under the policy too).
  await page.goto(`${resetPage.pathname}${resetPage.search}`);
  await page.getByLabel("New password", { exact: true }).fill("Welcome2024!");
  await expect(page.locator('[data-rule="common"]')).toHaveAttribute("data-state", "done");

  // Signed in as an admin: every console page, dialogs and the theme toggle.
  const admin = await createUser({ role: "admin", username: uniq("cspadm") });
  const other = await createUser({ role: "editor", username: uniq("cspother") });
  await loginAs(page, admin);
  for (const path of ["/admin", "/admin/users", `/admin/users/${other.id}`, "/admin/activity", "/admin/api-docs", "/admin/account", "/admin/no-such-page"]) {
    nonces.add(await visit(page, path));
  }
  // My account: the strength estimator's lazily loaded chunk, and the user menu.
  await page.goto("/admin/account");
  await page.getByLabel("New password", { exact: true }).fill("Password123!");
  await expect(page.locator('[data-rule="common"]')).toHaveAttribute("data-state", "done");
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitem", { name: "My account" })).toBeVisible();
  await page.keyboard.press("Escape");
  // A locked user's Unlock dialog on the user page.
  await sql(`UPDATE users SET locked_until = now() + interval '15 minutes' WHERE id = $1`, [other.id]);
  await page.goto(`/admin/users/${other.id}`);
  await page.getByRole("button", { name: `Unlock ${other.username}` }).click();
  await expect(page.getByTestId("unlock-modal")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Create User" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await pressShortcut(page, "?");
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /Switch to (dark|light) mode/ }).click();
  await page.reload();
  await page.waitForLoadState("networkidle");

  // A viewer's 403 page.
  const viewerCtx = await browser.newContext();
  const viewerPage = await viewerCtx.newPage();
  const viewerViolations = await watch(viewerPage);
  await loginAs(viewerPage, await createUser({ role: "viewer", username: uniq("cspview") }));
  const forbidden = await viewerPage.goto("/admin/users");
  expect(forbidden!.status()).toBe(403);
  expect(forbidden!.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await viewerPage.goto("/admin/account");
  await viewerPage.getByLabel("New password", { exact: true }).fill("Welcome2024!");
  await expect(viewerPage.locator('[data-rule="common"]')).toHaveAttribute("data-state", "done");

  expect(await violations()).toEqual([]);
  expect(await viewerViolations()).toEqual([]);
  await viewerCtx.close();
  // A fresh nonce per response.
  expect(nonces.size).toBe(13);
});

test("no HSTS over plain HTTP, and the API keeps its JSON answers", async ({ request }) => {
  const page = await request.get("/admin/login");
  expect(page.headers()["strict-transport-security"]).toBeUndefined();
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  const api = await request.get("/api/v1/admin/users");
  expect(api.status()).toBe(401);
  expect(api.headers()["content-type"]).toContain("application/problem+json");
});
