// The web server of the end-to-end run (started by playwright.config.ts):
// a fresh PostgreSQL database, a capturing SMTP server, then the real
// `npm start` path (scripts/start.ts) against them, its output copied to
// e2e/.output/server.log so specs can read the first-admin setup link.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { Client } from "pg";
import { E2E_DB_NAME, E2E_PORT, E2E_SMTP_PORT, MAIL_DIR, OUTPUT_DIR, SERVER_LOG, serverEnv } from "./config";
import { startSmtpCapture } from "./smtp-capture";

async function recreateDb() {
  if (process.env.DATABASE_URL_E2E) return;
  const admin = new Client({ connectionString: process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${E2E_DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${E2E_DB_NAME}"`);
  await admin.end();
}

async function main() {
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await recreateDb();
  const smtp = await startSmtpCapture(E2E_SMTP_PORT, MAIL_DIR);
  const log = createWriteStream(SERVER_LOG);
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts"], {
    env: serverEnv(E2E_PORT),
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const s of [child.stdout, child.stderr]) {
    s.on("data", (d: Buffer) => {
      process.stdout.write(d);
      log.write(d);
    });
  }
  const stop = () => child.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  child.on("exit", (code) => {
    smtp.close(() => process.exit(code ?? 0));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
