import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, CHROMIUM_ARGS } from "./e2e/support/config";

// End-to-end tests in Debian's Chromium against the built app on a real
// PostgreSQL, with a real SMTP server capturing the invitation emails.
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
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs e2e/support/server.ts",
    url: `${BASE_URL}/admin/login`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
