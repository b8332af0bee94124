// The invitee's journey: an admin creates a user in the UI, the invitation
// email arrives over real SMTP, its link sets the password, the new user logs
// in and is welcomed once. Plus the expired link and the page's accessibility.
import AxeBuilder from "@axe-core/playwright";
import { resetRateLimits, session, uniq } from "./support/api";
import { createUser, expect, linkIn, login, loginAs, sql, test, waitForMail, pressShortcut } from "./support/fixtures";

const STRONG = "Quiet-Harbor-2026!";

test.beforeEach(async () => {
  await resetRateLimits();
});

test("an invited user gets the email, sets a password and is welcomed once", async ({ page, browser }) => {
  const admin = await createUser({ role: "admin" });
  await loginAs(page, admin);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  const username = uniq("inv");
  const email = `${username}@example.org`;
  await pressShortcut(page, "Control+n");
  const modal = page.getByRole("dialog", { name: "Create New User" });
  await expect(modal).toBeVisible();
  await modal.getByLabel("Username").fill(username);
  await modal.getByLabel("Email").fill(email);
  await modal.getByLabel("Role").selectOption("editor");
  await modal.getByRole("button", { name: "Create & Send Invitation" }).click();
  await expect(modal).toBeHidden();

  // The worker sends right after the commit (the poll is only the safety net).
  const mail = await waitForMail(email);
  expect(mail.subject).toBe("You've been invited to SEL Admin");
  expect(mail.text).toContain(`Hi ${username},`);
  expect(mail.text).toContain("You've been invited to join the SEL Admin interface as an Editor.");
  expect(mail.text).toContain("Your Role: editor");
  expect(mail.text).toMatch(/This invitation expires on \w+day, \d{1,2} \w+ \d{4} at \d{2}:\d{2} UTC \(7 days from now\)\./);
  const link = linkIn(mail);
  expect(mail.html).toContain(link.replace(/&/g, "&amp;"));
  await expect
    .poll(async () => (await sql<{ delivery_status: string }>(`SELECT i.delivery_status FROM invitations i JOIN users u ON u.id = i.user_id WHERE u.email = $1`, [email]))[0]?.delivery_status)
    .toBe("sent");

  // The invitee opens the link in their own browser.
  const context = await browser.newContext();
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Set Your Password" })).toBeVisible();
  await expect(invitee.getByLabel("Username")).toHaveValue(username);
  await expect(invitee.getByLabel("Username")).toBeDisabled();
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await expect(invitee.getByLabel("Email")).toBeDisabled();

  const rule = (id: string) => invitee.locator(`[data-testid="password-checklist"] [data-rule="${id}"]`);
  const password = invitee.getByLabel("Password", { exact: true });
  await password.fill("short");
  await expect(rule("lowercase")).toHaveAttribute("data-ok", "true");
  for (const id of ["length", "uppercase", "number", "special"]) await expect(rule(id)).toHaveAttribute("data-ok", "false");
  await password.pressSequentially("Er1");
  await expect(rule("uppercase")).toHaveAttribute("data-ok", "true");
  await expect(rule("number")).toHaveAttribute("data-ok", "true");
  await expect(rule("special")).toHaveAttribute("data-ok", "false");

  // Weak: refused with the reasons, and nothing changes.
  await invitee.getByLabel("Confirm Password").fill("shortEr1");
  await invitee.getByRole("button", { name: "Accept Invitation & Set Password" }).click();
  const errors = invitee.locator("#inv-password-error");
  await expect(errors).toContainText("Password must be at least 12 characters");
  await expect(errors).toContainText("Password must include a special character");
  await expect(invitee).toHaveURL(/accept-invitation\?token=/);

  // Strong: every rule ticks, the password is set.
  await password.fill(STRONG);
  for (const id of ["length", "uppercase", "lowercase", "number", "special", "username"]) await expect(rule(id)).toHaveAttribute("data-ok", "true");
  await invitee.getByLabel("Confirm Password").fill(STRONG);
  await invitee.getByRole("button", { name: "Accept Invitation & Set Password" }).click();
  await expect(invitee).toHaveURL(/\/admin\/login\?accepted=1/);
  await expect(invitee.getByText("Password set successfully. Please log in.")).toBeVisible();

  await login(invitee, username, STRONG);
  await expect(invitee).toHaveURL(/\/admin$/);
  const welcome = invitee.getByRole("heading", { name: "Welcome to SEL Admin!" });
  await expect(welcome).toBeVisible();
  await expect(invitee.getByTestId("welcome-modal")).toContainText(`You're logged in as ${username} with Editor access.`);
  await invitee.getByRole("button", { name: "Get Started" }).click();
  await expect(welcome).toBeHidden();
  // The dialog closes at once and stores the dismissal behind it: reload once it is stored.
  await expect.poll(async () => (await sql<{ done: boolean }>(`SELECT welcomed_at IS NOT NULL AS done FROM users WHERE username = $1`, [username]))[0]?.done).toBe(true);
  await invitee.reload();
  await expect(invitee.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(welcome).toHaveCount(0);

  // The link was single use.
  await invitee.goto(link);
  await expect(invitee.getByText("Invalid Invitation")).toBeVisible();
  await context.close();
});

test("the accept page is accessible, and an expired link says so", async ({ page, request }) => {
  const admin = await session(request, "admin", "invadm");
  const username = uniq("exp");
  const res = await request.post("/api/v1/admin/users", { headers: admin.headers, data: { username, email: `${username}@example.org`, role: "viewer" } });
  expect(res.status(), await res.text()).toBe(201);
  const link = linkIn(await waitForMail(`${username}@example.org`));

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set Your Password" })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await sql(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = (SELECT id FROM users WHERE username = $1)`, [username]);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Invitation Expired" })).toBeVisible();
  await expect(page.getByText("This invitation link has expired. Please contact your administrator to resend the invitation.")).toBeVisible();
  const expired = await new AxeBuilder({ page }).analyze();
  expect(expired.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
