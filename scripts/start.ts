// npm start — the one command a newcomer needs. Validates the configuration,
// starts the embedded database when DATABASE_URL is unset, applies
// migrations, builds the app if there is no build yet, prints a first-admin
// setup link when the node has no active admin, and serves on PORT (3000).
// With --dev it runs `next dev` instead of building.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, startEmbedded, type Embedded } from "./lib/embedded-db";

const dev = process.argv.includes("--dev");
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function secretFromDataDir(): string {
  const file = path.join(dataDir(), "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

// Sources whose change needs a new build (after a git pull, say).
const BUILD_INPUTS = ["app", "components", "lib", "emails", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === "generated" || e.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e.name)));
  }
  return newest;
}

/** Why a build is needed, or null: none yet, or a source is newer than it. */
function buildIsStale(): string | null {
  const buildId = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "No build found";
  const built = statSync(buildId).mtimeMs;
  const changed = BUILD_INPUTS.find((p) => newestMtime(path.join(process.cwd(), p)) > built);
  return changed ? `Sources changed since the last build (${changed})` : null;
}

async function main() {
  const { parseEnv, ConfigError } = await import("@/lib/server/env");
  try {
    parseEnv({ ...process.env, NODE_ENV: dev ? "development" : "production", DATABASE_URL: process.env.DATABASE_URL || "postgresql://placeholder", NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || "placeholder-placeholder" });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  let embedded: Embedded | undefined;
  if (!process.env.DATABASE_URL) {
    const t = Date.now();
    embedded = await startEmbedded(Number(process.env.EMBEDDED_DB_PORT) || undefined);
    process.env.DATABASE_URL = embedded.url;
    console.log(`Embedded database ready in ${Date.now() - t} ms (data in ${path.join(dataDir(), "pg")}).`);
    process.env.NEXTAUTH_SECRET ||= secretFromDataDir();
  } else if (!dev) {
    const missing = [
      !process.env.NEXTAUTH_SECRET && "  NEXTAUTH_SECRET: is required with an external DATABASE_URL (openssl rand -base64 32)",
      !process.env.APP_URL && process.env.EMAIL_ENABLED !== "false" && ["smtp", "resend"].includes(process.env.EMAIL_PROVIDER ?? "") &&
        "  APP_URL: is required when emails are sent from a deployment (links in them must reach this server)",
    ].filter(Boolean);
    if (missing.length) {
      console.error(`Invalid configuration:\n${missing.join("\n")}`);
      process.exit(1);
    }
  }
  const stop = async (code: number) => {
    await embedded?.stop();
    process.exit(code);
  };

  const { migrate } = await import("@/lib/server/migrate");
  const report = await migrate(process.env.DATABASE_URL!);
  if (report.applied.length) console.log(`Applied migrations: ${report.applied.join(", ")}`);

  const stale = dev ? null : buildIsStale();
  if (stale) {
    console.log(`${stale}: running \`next build\`...`);
    const b = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (b.status !== 0) return stop(b.status ?? 1);
  }

  const port = process.env.PORT || "3000";
  process.env.APP_URL ||= `http://localhost:${port}`;
  const { firstAdminSetupLink } = await import("@/lib/server/invitations/first-admin");
  const { closeDb } = await import("@/lib/server/db");
  const link = await firstAdminSetupLink();
  await closeDb();
  if (link) {
    console.log("\n  No active admin yet. Set the first admin's password with this one-time link (valid 7 days):");
    console.log(`  First-admin setup link: ${link}\n`);
  }

  const child = spawn(process.execPath, [path.join("scripts", "serve.js"), ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: { ...process.env, PORT: port, NODE_ENV: dev ? "development" : "production", NEXTAUTH_URL: process.env.APP_URL },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => void stop(code ?? 0));
}

main().catch((e) => {
  console.error(`start failed: ${(e as Error).message}`);
  process.exit(1);
});
