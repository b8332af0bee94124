// Two instances of the app on one database (as behind a load balancer): each
// remembers the sessions it checked (lib/server/auth/actor-cache.ts), and a
// user deactivated or demoted through one is refused by the other on its next
// request, for API tokens and console cookies alike.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { startApp, type AppInstance } from "./support/app-instance";
import { session, uniq } from "./support/api";
import { e2eDatabaseUrl } from "./support/config";
import { createUser, expect, loginAs, test } from "./support/fixtures";

test.describe("two instances on one database", () => {
  test.describe.configure({ timeout: 120_000 });
  let other: AppInstance;
  let otherApi: APIRequestContext;

  test.beforeAll(async () => {
    other = await startApp({ name: "second-instance", databaseUrl: e2eDatabaseUrl(), env: { RATE_LIMIT_LOGIN_PER_MINUTE: "1000" } });
    otherApi = await playwrightRequest.newContext({ baseURL: other.base });
  });
  test.afterAll(async () => {
    await otherApi?.dispose();
    await other?.stop();
  });

  /** How many requests to the other instance still pass after the change; the change must win well within a second. */
  async function passesAfterChange(probe: () => Promise<number>): Promise<number> {
    let passed = 0;
    const deadline = Date.now() + 1_000;
    for (;;) {
      const status = await probe();
      if (status !== 200) return passed;
      passed++;
      expect(Date.now(), "the other instance still accepts the old credential after a second").toBeLessThan(deadline);
    }
  }

  test("a token used on the second instance is refused there once the first one deactivates its user", async ({ request }) => {
    const admin = await session(request, "admin", "inst_a");
    const subject = await session(otherApi, "admin", "inst_b");
    const probe = async () => (await otherApi.get(`/api/v1/admin/users/${subject.user.id}`, { headers: subject.headers })).status();
    // Seen (and remembered) by the second instance.
    expect(await probe()).toBe(200);
    expect(await probe()).toBe(200);
    const r = await request.post(`/api/v1/admin/users/${subject.user.id}/deactivate`, { headers: admin.headers });
    expect(r.status(), await r.text()).toBe(200);
    expect(await passesAfterChange(probe)).toBe(0);
    expect(await probe()).toBe(401);
  });

  test("a console session on the second instance ends once the first one demotes its user", async ({ request, browser }) => {
    const admin = await session(request, "admin", "inst_a");
    const subject = await createUser({ role: "admin", username: uniq("inst_cookie") });
    const context = await browser.newContext({ baseURL: other.base });
    const page = await context.newPage();
    await loginAs(page, subject);
    await page.goto("/admin/users");
    const probe = async () => (await context.request.get("/admin/users", { maxRedirects: 0 })).status();
    expect(await probe()).toBe(200);
    const r = await request.put(`/api/v1/admin/users/${subject.id}`, { headers: admin.headers, data: { role: "viewer" } });
    expect(r.status(), await r.text()).toBe(200);
    expect(await passesAfterChange(probe)).toBe(0);
    await page.reload();
    await expect(page).toHaveURL(/\/admin\/login/);
    await context.close();
  });
});
