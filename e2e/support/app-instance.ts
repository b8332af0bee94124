// Extra app instances for the proof specs that need a server of their own
// (a quiet database for the malformed-input run, a database that can be
// restarted, a process that can be killed): the built app served by
// scripts/serve.js, as `npm start` serves it, on a free port, its output
// kept in a log file under the e2e output folder.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { freePort } from "../newcomer/support/app";
import { DIST_DIR, OUTPUT_DIR } from "./config";

export const APP_SECRET = "proof-secret-proof-secret-proof-secret";

/** `npm run db:migrate` against the URL. */
export function migrateDatabase(url: string): void {
  const r = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/migrate.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`migrate failed: ${r.stdout}${r.stderr}`);
}

export type AppInstance = {
  base: string;
  port: number;
  logFile: string;
  child: ChildProcess;
  /** Ends the process (SIGTERM, or SIGKILL for a crash) and waits for it. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the built app on `databaseUrl`; resolves once it answers. */
export async function startApp(opts: { name: string; databaseUrl: string; port?: number; env?: Record<string, string> }): Promise<AppInstance> {
  const port = opts.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const logFile = path.join(OUTPUT_DIR, `${opts.name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, ["scripts/serve.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      APP_URL: base,
      NEXTAUTH_URL: base,
      DATABASE_URL: opts.databaseUrl,
      NEXTAUTH_SECRET: APP_SECRET,
      EMAIL_PROVIDER: "log",
      LOG_LEVEL: "info",
      // One server process, so a SIGKILL of this child is a kill of the whole server.
      WEB_CONCURRENCY: "1",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    await waitForHttp(`${base}/admin/login`);
  } catch (e) {
    await stop("SIGKILL");
    throw e;
  }
  return { base, port, logFile, child, stop };
}
