// Where the end-to-end run lives. Parallel runs on one machine (several
// developers' checkouts, or CI next to a dev server) pick their own port,
// database and build folder through these variables.
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT || 3210);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT || E2E_PORT + 1000);
export const E2E_DB_NAME = process.env.E2E_DB_NAME || "sel_admin_e2e";
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const OUTPUT_DIR = path.resolve(process.env.E2E_OUTPUT_DIR || "e2e/.output");
export const MAIL_DIR = path.join(OUTPUT_DIR, "mail");
export const SERVER_LOG = path.join(OUTPUT_DIR, "server.log");
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next";
/** The e2e server's session secret (the secrets proof checks it never leaks). */
export const E2E_SECRET = "e2e-secret-e2e-secret-e2e-secret";
const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export function e2eDatabaseUrl(): string {
  if (process.env.DATABASE_URL_E2E) return process.env.DATABASE_URL_E2E;
  const u = new URL(ADMIN_URL);
  u.pathname = `/${E2E_DB_NAME}`;
  return u.toString();
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** The environment the app runs with in the end-to-end run (a second instance only changes the port). */
export function serverEnv(port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_DIST_DIR: DIST_DIR,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: e2eDatabaseUrl(),
    NEXTAUTH_SECRET: E2E_SECRET,
    EMAIL_PROVIDER: "smtp",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(E2E_SMTP_PORT),
    SMTP_SECURE: "false",
    OUTBOX_POLL_SECONDS: "2",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
