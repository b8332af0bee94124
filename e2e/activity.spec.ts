// The activity log: the /admin/activity page (filters, paging, CSV export by
// button and Ctrl+E) and its REST endpoints.
import { readFileSync } from "node:fs";
import { ulid } from "ulid";
import { expectProblem, resetRateLimits, session, uniq } from "./support/api";
import { createUser, expect, loginAs, sql, test } from "./support/fixtures";

test.beforeEach(resetRateLimits);
test.afterAll(resetRateLimits);

const HEADER = "Timestamp,User,Event Type,Resource,IP Address,Details";
const todayFile = () => `activity_log_${new Date().toISOString().slice(0, 10).replace(/-/g, "")}.csv`;

/** A failed-login row as the login service writes it (anonymous actor, the typed name in details). */
async function failedLogin(typed: string) {
  await sql(`INSERT INTO activity_logs (id, event_type, ip_address, user_agent, details) VALUES ($1, 'user.login_failed', '203.0.113.9', 'e2e', $2)`, [
    ulid(),
    JSON.stringify({ username: typed }),
  ]);
}

test.describe("the Activity Log page", () => {
  test("an admin sees their login, filters by event type and exports the filtered view", async ({ page, activityPage: activity }) => {
    const admin = await createUser({ role: "admin", username: uniq("auditor") });
    const typed = uniq("intruder");
    await failedLogin(typed);
    await loginAs(page, admin);

    await activity.openFromNav();
    await expect(page).toHaveURL(/\/admin\/activity$/);
    await expect(activity.exportButton).toBeVisible();
    const table = activity.table;
    for (const h of ["Timestamp", "User", "Event Type", "Resource", "IP Address", "Details"]) {
      await expect(table.getByRole("columnheader", { name: h })).toBeVisible();
    }
    const myLogin = table.getByRole("row").filter({ hasText: admin.username }).filter({ hasText: "user.login" }).first();
    await expect(myLogin).toBeVisible();
    await expect(myLogin.locator(".badge")).toHaveClass(/bg-success-lt/);
    await expect(myLogin).toContainText("Logged in");

    await activity.filterByEventType("Failed Logins");
    await expect(page).toHaveURL(/event_type=user\.login_failed/);
    await expect(activity.rows.first()).toHaveAttribute("data-event-type", "user.login_failed");
    await expect(table.locator('tbody tr:not([data-event-type="user.login_failed"])')).toHaveCount(0);
    await expect(table.getByText(`Failed login as "${typed}"`)).toBeVisible();
    await expect(activity.rows.first().locator(".badge")).toHaveClass(/bg-danger-lt/);

    // The button downloads the filtered view...
    const download = await activity.exportCsv();
    expect(download.suggestedFilename()).toBe(todayFile());
    const lines = readFileSync((await download.path())!, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.split(",")[2] === "user.login_failed")).toBe(true);
    expect(lines.some((l) => l.includes(typed))).toBe(true);

    // ...and so does Ctrl+E, also with focus in a filter.
    await activity.userFilter.focus();
    const viaKey = await activity.exportCsv("shortcut");
    expect(viaKey.suggestedFilename()).toBe(todayFile());
    expect(readFileSync((await viaKey.path())!, "utf8").split("\n")[0]).toBe(HEADER);
  });

  test("filters by user and date range, pages with Next and Previous, and shows an empty state", async ({ page, activityPage: activity }) => {
    const admin = await createUser({ role: "admin", username: uniq("pager") });
    const subject = await createUser({ role: "viewer", username: uniq("subject") });
    // 60 logins of one user on one day: two pages at the default 50.
    for (let i = 0; i < 60; i++) {
      const at = new Date(Date.UTC(2025, 5, 15, 8, 0, i));
      await sql(`INSERT INTO activity_logs (id, "timestamp", user_id, username, event_type, ip_address) VALUES ($1, $2, $3, $4, 'user.login', '192.0.2.5')`, [
        ulid(at.getTime()),
        at,
        subject.id,
        subject.username,
      ]);
    }
    await loginAs(page, admin);
    await activity.goto();
    await activity.filterByUser(subject.username);
    await expect(page).toHaveURL(new RegExp(`user_id=${subject.id}`));
    await activity.setStartDate("2025-06-15");
    await expect(page).toHaveURL(/start_date=2025-06-15/);
    await activity.setEndDate("2025-06-15");
    await expect(page).toHaveURL(/end_date=2025-06-15/);
    await expect(page).toHaveURL(new RegExp(`user_id=${subject.id}`));
    const rows = activity.rows;
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toContainText("2025-06-15 08:00:59 UTC");
    await activity.nextLink.click();
    await expect(rows).toHaveCount(10);
    await expect(rows.last()).toContainText("2025-06-15 08:00:00 UTC");
    await activity.previousLink.click();
    await expect(rows).toHaveCount(50);
    await expect(rows.first()).toContainText("2025-06-15 08:00:59 UTC");

    // A reversed range is explained, and nothing can be exported from it.
    await activity.setStartDate("2025-06-16");
    await expect(activity.error).toHaveText("The end date must be on or after the start date");
    await expect(activity.exportButton).toBeDisabled();
    await activity.setEndDate("2025-06-20");
    await expect(activity.empty).toContainText("No activity matches these filters");
    await activity.clearFiltersButton.click();
    await expect(page).toHaveURL(/\/admin\/activity$/);
    await expect(activity.userFilter).toHaveValue("");
  });

  test("the User filter finds any user as one types, by keyboard too, and its x shows everyone again", async ({ page, activityPage: activity }) => {
    const admin = await createUser({ role: "admin", username: uniq("picker") });
    const subject = await createUser({ role: "editor", username: uniq("kbd_subject") });
    await sql(`INSERT INTO activity_logs (id, user_id, username, event_type, ip_address) VALUES ($1, $2, $3, 'user.login', '192.0.2.9')`, [ulid(), subject.id, subject.username]);
    await loginAs(page, admin);
    await activity.goto();
    await expect(activity.userFilter).toHaveAttribute("placeholder", "All Users");
    await activity.userFilter.fill("no-such-user-anywhere");
    await expect(page.getByRole("listbox", { name: "Matching users" })).toContainText("No user matches");
    await activity.userFilter.fill(subject.email.toUpperCase());
    await expect(activity.userMatches.first()).toContainText(subject.username);
    await activity.userFilter.press("ArrowDown");
    await activity.userFilter.press("ArrowUp");
    await activity.userFilter.press("Enter");
    await expect(page).toHaveURL(new RegExp(`user_id=${subject.id}`));
    await expect(activity.userFilter).toHaveValue(subject.username);
    await expect(activity.rows).toHaveCount(1);
    // Escape puts the choice back after an abandoned search.
    await activity.userFilter.fill("zz");
    await activity.userFilter.press("Escape");
    await expect(activity.userFilter).toHaveValue(subject.username);
    // A reload names the chosen user from the URL.
    await page.reload();
    await expect(activity.userFilter).toHaveValue(subject.username);
    await page.getByRole("button", { name: "Show all users" }).click();
    await expect(page).toHaveURL(/\/admin\/activity$/);
    await expect(activity.userFilter).toHaveValue("");
  });

  test("the user detail page lists what the user did and what was done to them", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("detail") });
    const subject = await createUser({ role: "editor", username: uniq("watched") });
    await sql(`INSERT INTO activity_logs (id, user_id, username, event_type, resource_type, resource_id, details) VALUES ($1, $2, $3, 'user.updated', 'user', $4, $5)`, [
      ulid(),
      admin.id,
      admin.username,
      subject.id,
      JSON.stringify({ username: subject.username, changed_fields: ["role"], new_values: { role: "editor" } }),
    ]);
    await loginAs(page, admin);
    await page.goto(`/admin/users/${subject.id}`);
    const card = page.getByTestId("user-activity");
    await expect(card.getByRole("heading", { name: "Recent Activity" })).toBeVisible();
    await expect(card).toContainText(`Updated user "${subject.username}" role to editor`);
  });

  test("non-admins get the forbidden page and cannot download", async ({ page, activityPage: activity }) => {
    const editor = await createUser({ role: "editor" });
    await loginAs(page, editor);
    await activity.goto();
    await expect(page.getByText("You do not have access to this page")).toBeVisible();
    const res = await page.request.get("/admin/activity/export");
    expect(res.status()).toBe(403);
  });
});

test.describe("GET /api/v1/admin/activity", () => {
  test("lists and exports with a bearer token; editors get 403", async ({ request }) => {
    const s = await session(request, "admin", "actapi");
    const res = await request.get(`/api/v1/admin/activity?user_id=${s.user.id}&event_type=user.login&limit=5`, { headers: s.headers });
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body.items.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ["details", "event_type", "id", "ip_address", "resource_id", "resource_type", "timestamp", "user_agent", "user_id", "username"].sort(),
    );
    expect(body.items[0]).toMatchObject({ user_id: s.user.id, username: s.user.username, event_type: "user.login" });

    const csv = await request.get(`/api/v1/admin/activity/export.csv?user_id=${s.user.id}`, { headers: s.headers });
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="${todayFile()}"`);
    const lines = (await csv.text()).trimEnd().split("\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toContain(`${s.user.username},user.login,`);

    await expectProblem(await request.get("/api/v1/admin/activity?end_date=2026-01-01&start_date=2026-02-01", { headers: s.headers }), 400, "validation-error", "The end date must be on or after the start date");
    await expectProblem(await request.get("/api/v1/admin/activity"), 401, "unauthorized");
    const editor = await session(request, "editor", "acted");
    await expectProblem(await request.get("/api/v1/admin/activity", { headers: editor.headers }), 403, "forbidden");
    await expectProblem(await request.get("/api/v1/admin/activity/export.csv", { headers: editor.headers }), 403, "forbidden");
    const mine = await request.get(`/api/v1/admin/users/${s.user.id}/activity`, { headers: s.headers });
    expect(mine.status()).toBe(200);
    expect((await mine.json()).items[0]).toMatchObject({ user_id: s.user.id });
  });
});

test.describe("the integrity indicator", () => {
  test("Verify now shows the chain intact, then the tampered row after a change in SQL, then intact again once undone", async ({ page }) => {
    const admin = await createUser({ role: "admin", username: uniq("verifier") });
    await loginAs(page, admin);
    await page.goto("/admin/activity");
    const card = page.getByTestId("integrity-card");
    await expect(card.getByRole("heading", { name: "Integrity" })).toBeVisible();

    await card.getByRole("button", { name: "Verify now" }).click();
    const result = card.getByTestId("integrity-result");
    await expect(result).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
    await expect(result).toContainText("Intact");
    await expect(result).toContainText(/rows? verified: every row matches its hash and its place in the chain/);
    await expect(result).toContainText(`by ${admin.username}`);

    // Someone with database access changes a row behind the app's back.
    const [row] = (await sql(`SELECT id, chain_seq::int AS seq, ip_address FROM activity_logs WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1 OFFSET 1`)) as {
      id: string;
      seq: number;
      ip_address: string | null;
    }[];
    await sql(`UPDATE activity_logs SET ip_address = '198.51.100.66' WHERE id = $1`, [row.id]);
    try {
      await page.reload();
      await card.getByRole("button", { name: "Verify now" }).click();
      await expect(result).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
      await expect(result).toContainText("The activity log was tampered with");
      await expect(result).toContainText(`Row ${row.id} (place ${row.seq}) was altered`);
      await page.screenshot({ path: test.info().outputPath("integrity-failed.png"), fullPage: true });
    } finally {
      await sql(`UPDATE activity_logs SET ip_address = $2 WHERE id = $1`, [row.id, row.ip_address]);
    }
    await card.getByRole("button", { name: "Verify now" }).click();
    await expect(result).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
  });

  test("the REST door starts a verification and reports it", async ({ request }) => {
    const { user: admin, headers: auth } = await session(request, "admin", "apiverify");
    const viewer = await session(request, "viewer", "apiverifyv");
    await expectProblem(await request.post("/api/v1/admin/activity/verify", { headers: viewer.headers }), 403, "forbidden");
    const started = await request.post("/api/v1/admin/activity/verify", { headers: auth });
    expect(started.status()).toBe(202);
    const body = await started.json();
    expect(Object.keys(body).sort()).toEqual(["last", "running"]);
    await expect
      .poll(async () => (await (await request.get("/api/v1/admin/activity/verify", { headers: auth })).json()).running, { timeout: 30_000 })
      .toBeNull();
    const done = await (await request.get("/api/v1/admin/activity/verify", { headers: auth })).json();
    expect(done.last).toMatchObject({ status: "ok", started_by: { username: admin.username }, problem: null });
    expect(done.last.rows_verified).toBeGreaterThan(0);
  });
});
