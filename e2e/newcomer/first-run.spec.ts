// The newcomer's first hour on a fresh clone: `npm start` with no settings
// prints the first-admin link; the admin sets a password, logs in, invites
// an editor and a viewer (EMAIL_PROVIDER=log: the links are in the server
// output), who accept and log in. Logging out and in again keeps working, a
// Ctrl+C stops the database too, and a restart keeps data and sessions.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { alive, freePort, invitationLinkIn, npmStart, postgresPid, scratchDataDir, setupLinkIn, waitForOutput } from "./support/app";
import { acceptLink, invite, logIn, logOut } from "./support/flows";

const ADMIN_PASSWORD = "Harbor-Lights-2026!";

test("first admin, invited users and a restart on the embedded default", async ({ page, browser }) => {
  const { dataDir, remove } = scratchDataDir();
  try {
    await firstRunAndRestart(page, browser, dataDir);
  } finally {
    remove();
  }
});

async function firstRunAndRestart(page: Page, browser: Browser, dataDir: string) {
  const port = await freePort();
  const app = npmStart(dataDir, port);
  try {
    await app.ready;
    expect(app.output()).toMatch(/Created the embedded PostgreSQL 18\.\d+/);
    const link = setupLinkIn(app.output());
    expect(link).toMatch(new RegExp(`^${app.base}/admin/accept-invitation\\?token=[A-Za-z0-9_-]{43}$`));

    await acceptLink(page, link!, ADMIN_PASSWORD);
    await logIn(page, app.base, "admin", ADMIN_PASSWORD, true);

    const people = [
      { username: "erin.editor", email: "erin@example.org", role: "editor" as const, password: "Lantern-Quay-2026!" },
      { username: "victor.viewer", email: "victor@example.org", role: "viewer" as const, password: "Copper-Beech-2026!" },
    ];
    for (const p of people) await invite(page, app.base, p.username, p.email, p.role);
    for (const p of people) {
      const invitation = await waitForOutput(app, (out) => invitationLinkIn(out, p.email));
      expect(invitation.startsWith(`${app.base}/admin/accept-invitation?token=`)).toBe(true);
      const context = await browser.newContext();
      const theirs = await context.newPage();
      await acceptLink(theirs, invitation, p.password);
      await logIn(theirs, app.base, p.username, p.password, true);
      await expect(theirs.getByTestId("user-menu")).toContainText(p.username);
      await context.close();
    }

    // The reported failure: after a logout, the next login was "unavailable".
    await logOut(page, app.base);
    await logIn(page, app.base, "admin", ADMIN_PASSWORD);
    await page.goto(`${app.base}/admin/users`);
    for (const p of people) await expect(page.getByRole("link", { name: p.username, exact: true })).toBeVisible();
  } finally {
    const pg = postgresPid(dataDir);
    await app.stop("SIGINT");
    expect(pg && alive(pg)).toBe(false);
    expect(postgresPid(dataDir)).toBeNull();
    expect(app.output()).not.toMatch(/error|ECONNREFUSED|terminating connection/i);
  }

  const again = npmStart(dataDir, port);
  try {
    await again.ready;
    expect(again.output()).not.toContain("First-admin setup link");
    expect(again.output()).not.toContain("No active admin yet");
    // The session secret lives in DATA_DIR: the cookie of before the restart still works.
    await page.goto(`${again.base}/admin`);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByTestId("stat-active-users")).toHaveText("3");
  } finally {
    const pg = postgresPid(dataDir);
    await again.stop("SIGTERM");
    expect(pg && alive(pg)).toBe(false);
  }
}
