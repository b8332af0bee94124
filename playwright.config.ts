import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, CHROMIUM_ARGS } from "./e2e/support/config";

// End-to-end tests in Debian's Chromium against the built app: the console on
// a real PostgreSQL with a real SMTP server capturing the emails, and the
// newcomer's `npm start` on the embedded PostgreSQL.
// `npm run test:e2e` builds first; the server is e2e/support/server.ts.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
  use: {
    ...devices["Desktop Chrome"],
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [
    // The console against the webServer below (PostgreSQL at 127.0.0.1:5432, SMTP capture).
    { name: "console", testIgnore: ["newcomer/**", "**/proof-secrets.spec.ts"] },
    // The README's `npm start` with no settings, on the embedded PostgreSQL,
    // each spec with its own scratch DATA_DIR and free port (e2e/newcomer/support/app.ts).
    { name: "newcomer", testMatch: "newcomer/**/*.spec.ts", timeout: 300_000, use: { baseURL: undefined } },
    // The secrets scan reads what every other spec left (responses, server logs): it runs last.
    { name: "secrets", testMatch: "**/proof-secrets.spec.ts", dependencies: ["console", "newcomer"] },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs e2e/support/server.ts",
    url: `${BASE_URL}/admin/login`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
