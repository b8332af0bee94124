// npm start — the one command a newcomer needs. Validates the configuration,
// starts the embedded PostgreSQL when DATABASE_URL is unset, applies
// migrations, builds the app if there is no current build, prints a
// first-admin setup link on a node without any admin, and serves on PORT
// (3000). With --dev it runs `next dev` instead of building.
// Stopping (Ctrl+C, SIGTERM, SIGHUP) ends the HTTP server first, so its
// requests finish, then the database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { dataDir, EmbeddedInUse, startEmbedded, type Embedded } from "./lib/embedded-db";
import { configProblems, secretFromDataDir } from "./lib/start-config";

const dev = process.argv.includes("--dev");
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

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

let embedded: Promise<Embedded | undefined> = Promise.resolve(undefined);
let server: ChildProcess | undefined;
let stopping = false;

const running = (c?: ChildProcess) => !!c && c.exitCode === null && c.signalCode === null;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (running(server)) {
      const gone = new Promise((r) => server!.once("exit", r));
      server!.kill("SIGTERM");
      const timer = setTimeout(() => server!.kill("SIGKILL"), 15_000);
      await gone;
      clearTimeout(timer);
    }
    const db = await embedded.catch(() => undefined);
    await db?.stop();
    process.exit(code);
  }
  return new Promise<never>(() => undefined);
}

async function main() {
  const problems = await configProblems(process.env, dev);
  if (problems.length) {
    console.error(`Invalid configuration:\n${problems.join("\n")}`);
    process.exit(1);
  }
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void shutdown(0));

  if (!process.env.DATABASE_URL) {
    const t = Date.now();
    embedded = startEmbedded(dev ? "dev" : "start");
    const db = await embedded;
    process.env.DATABASE_URL = db!.url;
    process.env.NEXTAUTH_SECRET ||= secretFromDataDir(dataDir());
    console.log(`Embedded PostgreSQL ready in ${Date.now() - t} ms on 127.0.0.1:${db!.port} (data in ${path.join(dataDir(), "pg")}).`);
    void db!.exited.then(() => {
      console.error(`The embedded PostgreSQL stopped unexpectedly (its log: ${path.join(dataDir(), "postgres.log")}); stopping.`);
      void shutdown(1);
    });
  }

  const { migrate } = await import("@/lib/server/migrate");
  const report = await migrate(process.env.DATABASE_URL!);
  if (report.applied.length) console.log(`Applied migrations: ${report.applied.join(", ")}`);

  const stale = dev ? null : buildIsStale();
  if (stale) {
    console.log(`${stale}: running \`next build\`...`);
    const b = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (b.status !== 0) return shutdown(b.status ?? 1);
  }

  const port = process.env.PORT || "3000";
  process.env.APP_URL ||= `http://localhost:${port}`;
  (await embedded)?.setAppUrl(process.env.APP_URL);
  const { firstAdminSetupLink, pendingAdminInvitations } = await import("@/lib/server/invitations/first-admin");
  const { closeDb } = await import("@/lib/server/db");
  const link = await firstAdminSetupLink();
  const pending = link ? [] : await pendingAdminInvitations();
  await closeDb();
  if (link) {
    console.log("\n  No admin yet. Set the first admin's password with this one-time link (valid 7 days):");
    console.log(`  First-admin setup link: ${link}\n`);
  } else if (pending.length) {
    const who = pending.map((p) => `${p.username} (${p.expiresAt ? `link valid until ${p.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "link expired"})`);
    console.log(`\n  No active admin yet; invited: ${who.join(", ")}. Use the link printed when the invitation was made.`);
    console.log("  Lost or expired? `npm run admin:create -- --username NAME --email ADDRESS` prints a new one.\n");
  }
  if (stopping) return;

  server = spawn(process.execPath, [path.join("scripts", "serve.js"), ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: { ...process.env, PORT: port, NODE_ENV: dev ? "development" : "production", NEXTAUTH_URL: process.env.APP_URL },
  });
  server.on("exit", (code) => void shutdown(code ?? 1));
}

main().catch(async (e) => {
  console.error(e instanceof EmbeddedInUse ? e.message : `start failed: ${(e as Error).message}`);
  await shutdown(1);
});
