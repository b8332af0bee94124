// With no email provider (EMAIL_PROVIDER=log, the default) an invitation is
// not sent: the console says so, and the admin copies the link from the
// Users page (recorded as activity). The copied link sets the password.
import { startApp, type AppInstance } from "./support/app-instance";
import { uniq } from "./support/api";
import { e2eDatabaseUrl } from "./support/config";
import { createUser, expect, PASSWORD, sql, test } from "./support/fixtures";

const STRONG = "Quiet-Harbor-2026!";

test.describe("email not configured", () => {
  test.describe.configure({ timeout: 180_000 });
  let app: AppInstance;

  test.beforeAll(async () => {
    // The same database as the main server, served by an instance with no email provider.
    app = await startApp({ name: "log-mode", databaseUrl: e2eDatabaseUrl(), env: { EMAIL_PROVIDER: "log", RATE_LIMIT_LOGIN_PER_MINUTE: "1000" } });
  });
  test.afterAll(async () => {
    await app?.stop();
  });

  test("the invitation says it was not sent, and the copied link sets the password", async ({ browser }) => {
    const admin = await createUser({ role: "admin", username: uniq("logadm") });
    const context = await browser.newContext({ baseURL: app.base });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.base });
    const page = await context.newPage();
    await page.goto("/admin/login");
    await page.getByLabel("Username or email").fill(admin.username);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign In" }).click();
    await expect(page).toHaveURL(/\/admin$/);

    const name = uniq("loginv");
    await page.goto(`/admin/users?search=${name}`);
    await page.getByRole("button", { name: "Create User" }).click();
    const dialog = page.getByRole("dialog", { name: "Create New User" });
    await dialog.getByLabel("Username").fill(name);
    await dialog.getByLabel("Email").fill(`${name}@example.org`);
    await dialog.getByRole("button", { name: "Create & Send Invitation" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`${name} created. Email is not configured: copy the invitation link`)).toBeVisible();

    const row = page.getByTestId("user-row").filter({ hasText: name });
    await expect(row).toContainText("Not emailed");
    await row.getByRole("button", { name: `Copy the invitation link of ${name}` }).click();
    await expect(page.getByText(`Invitation link for ${name} copied`)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(new RegExp(`^${app.base}/admin/accept-invitation\\?token=[A-Za-z0-9_-]{43}$`));
    const [user] = await sql<{ id: string }>("SELECT id FROM users WHERE username = $1", [name]);
    expect(await sql("SELECT event_type FROM activity_logs WHERE resource_id = $1 AND event_type = 'user.invitation_link_copied'", [user.id])).toHaveLength(1);

    // The invitee opens the copied link signed out and sets a password.
    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(link);
    await invitee.getByLabel("Password", { exact: true }).fill(STRONG);
    await invitee.getByLabel("Confirm Password").fill(STRONG);
    await invitee.getByRole("button", { name: "Accept Invitation & Set Password" }).click();
    await expect(invitee).toHaveURL(/\/admin\/login/);
    await expect.poll(async () => (await sql<{ status: string }>("SELECT status FROM users WHERE id = $1", [user.id]))[0].status).toBe("active");
    await context.close();
  });
});
