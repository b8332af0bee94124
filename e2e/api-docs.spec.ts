// The API reference page: admins reach it from the console's navigation and
// read the OpenAPI document rendered on the server by the console, in the
// console's theme, with nothing loaded from another origin and no CSP
// violation; other roles are refused. The served document is the one shown.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import path from "node:path";
import { uniq } from "./support/api";
import { OUTPUT_DIR } from "./support/config";
import { createUser, loginAs, test } from "./support/fixtures";

/** Serious and critical axe findings of the page as it is now. */
async function axeFindings(page: Page, label: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label} ${v.id}: ${v.nodes.length} (${v.nodes.slice(0, 3).map((n) => `${n.target} ${n.failureSummary?.split("\n").slice(1).join(" ")}`).join(" | ")})`);
}

function foreignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (!["http:", "https:"].includes(u.protocol)) return;
    if (u.origin !== new URL(page.url() || r.url()).origin && !u.hostname.match(/^(127\.0\.0\.1|localhost)$/)) foreign.push(r.url());
  });
  return foreign;
}

test("admins open the API reference from the navigation, in light and dark, with nothing from elsewhere", async ({ page, request }) => {
  // Four axe runs over a large rendered document.
  test.setTimeout(180_000);
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  const foreign = foreignRequests(page);
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  await loginAs(page, await createUser({ role: "admin", username: uniq("docs") }));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "API", exact: true }).click();
  await page.waitForURL(/\/admin\/api-docs$/);
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  const reference = page.getByTestId("api-reference");
  // Every operation is listed in the reference's navigation, and the first one is rendered.
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const list = reference.getByRole("navigation", { name: "Operations" });
  for (const [p, ops] of Object.entries(doc.paths) as [string, Record<string, { summary: string }>][]) {
    for (const [method, op] of Object.entries(ops)) {
      await expect(list.getByRole("link", { name: new RegExp(`^${method} ${escape(op.summary)}$`, "i") })).toBeAttached();
      const card = reference.getByRole("region", { name: op.summary, exact: true });
      await expect(card.getByText(p, { exact: true })).toBeAttached();
    }
  }
  // The list jumps to the operation; its schema links jump to the schema.
  await list.getByRole("link", { name: /^get List users$/i }).click();
  await expect(page).toHaveURL(/#op-getAdminUsers$/);
  const listUsers = reference.getByRole("region", { name: "List users", exact: true });
  await expect(listUsers.getByRole("cell", { name: /^search/ })).toBeVisible();
  await listUsers.getByRole("link", { name: "UserPage" }).first().click();
  await expect(reference.getByRole("region", { name: "UserPage", exact: true }).getByRole("cell", { name: /^next_cursor/ })).toBeVisible();
  await expect(reference.getByText("SEL Admin API").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "screens", "api-docs-1280-light.png") });
  const findings = await axeFindings(page, "1280 light");

  await page.getByRole("button", { name: "Switch to dark mode" }).click();
  await expect(page.locator('html[data-bs-theme="dark"]')).toBeAttached();
  await expect(reference.getByText("SEL Admin API").first()).toBeVisible();
  await page.screenshot({ path: path.join(OUTPUT_DIR, "screens", "api-docs-1280-dark.png") });
  findings.push(...(await axeFindings(page, "1280 dark")));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(reference.getByText("SEL Admin API").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(OUTPUT_DIR, "screens", "api-docs-390-dark.png") });
  findings.push(...(await axeFindings(page, "390 dark")));
  await page.getByRole("button", { name: "Switch to light mode" }).click().catch(async () => {
    await page.locator(".navbar-toggler").click();
    await page.getByRole("button", { name: "Switch to light mode" }).click();
  });
  await page.screenshot({ path: path.join(OUTPUT_DIR, "screens", "api-docs-390-light.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "horizontal overflow at 390 px").toBeLessThanOrEqual(0);

  expect(violations).toEqual([]);
  expect(foreign).toEqual([]);
  findings.push(...(await axeFindings(page, "390 light")));
  expect(findings).toEqual([]);
});

test("the page is for admins only; the document is public", async ({ page, request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect((await res.json()).openapi).toMatch(/^3\.1\./);
  await loginAs(page, await createUser({ role: "editor", username: uniq("docsed") }));
  await expect(page.getByRole("link", { name: "API", exact: true })).toHaveCount(0);
  expect((await page.goto("/admin/api-docs"))!.status()).toBe(403);
});
