// The newcomer's path: `npm start` with no settings runs on the embedded
// database, prints a setup link, and keeps data and sessions across restarts.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DIST_DIR, E2E_PORT } from "./support/config";
import { expect, test } from "./support/fixtures";

const PORT = E2E_PORT + 7;
const BASE = `http://localhost:${PORT}`;

function start(dataDir: string): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  let out = "";
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(PORT), NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" };
  for (const k of ["DATABASE_URL", "NEXTAUTH_SECRET", "APP_URL", "EMAIL_PROVIDER", "NODE_ENV"]) delete env[k];
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not become ready:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready in/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
  return { child, output: () => out, ready };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  process.kill(-child.pid!, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
}

test.describe("npm start on the embedded database", () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sel-embedded-"));
  test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test("first start prints a setup link that leads to the dashboard; data and session survive a restart", async ({ page }) => {
    const first = start(dataDir);
    try {
      await first.ready;
      const link = /First-admin setup link: (\S+)/.exec(first.output())?.[1];
      expect(link).toMatch(new RegExp(`^${BASE}/admin/accept-invitation\\?token=[A-Za-z0-9_-]{43}$`));
      await page.goto(link!);
      await page.getByLabel("Password", { exact: true }).fill("Harbor-Lights-2026!");
      await page.getByLabel("Confirm Password").fill("Harbor-Lights-2026!");
      await page.getByRole("button", { name: "Accept Invitation & Set Password" }).click();
      await expect(page.getByText("Password set successfully. Please log in.")).toBeVisible();
      await page.goto(`${BASE}/admin/login`);
      await page.getByLabel("Username or email").fill("admin");
      await page.getByLabel("Password", { exact: true }).fill("Harbor-Lights-2026!");
      await page.getByRole("button", { name: "Sign In" }).click();
      await expect(page).toHaveURL(`${BASE}/admin`);
      await expect(page.getByRole("heading", { name: "Welcome to SEL Admin!" })).toBeVisible();
    } finally {
      await stop(first.child);
    }

    const second = start(dataDir);
    try {
      await second.ready;
      expect(second.output()).not.toContain("First-admin setup link");
      // Same secret from ./data: the session cookie still works after the restart.
      await page.goto(`${BASE}/admin`);
      await expect(page).toHaveURL(`${BASE}/admin`);
      await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
      await expect(page.getByTestId("stat-active-users")).toHaveText("1");
    } finally {
      await stop(second.child);
    }
  });
});
