// The newcomer's setup, driven as the README says: `npm start` with no
// settings but a scratch DATA_DIR and a free PORT, on the embedded
// PostgreSQL. Helpers start and stop it (cleanly or with SIGKILL), run the
// other npm commands, read what it printed, and query its database.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { DIST_DIR } from "../../support/config";

const cwd = path.resolve(__dirname, "../../..");
// Settings the newcomer does not have (the console project's server sets them).
const FOREIGN = ["DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "APP_URL", "EMAIL_PROVIDER", "EMAIL_ENABLED", "NODE_ENV", "PORT", "DATA_DIR"];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A fresh DATA_DIR, open to the server's own user when the tests run as root. */
export function scratchDataDir(): { dataDir: string; remove: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), "sel-newcomer-"));
  chmodSync(root, 0o755);
  return { dataDir: path.join(root, "data"), remove: () => rmSync(root, { recursive: true, force: true }) };
}

function envFor(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  for (const k of FOREIGN) if (!(k in extra) && k !== "DATA_DIR" && k !== "PORT") delete env[k];
  return env;
}

export type App = {
  base: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** Sends the signal to the whole `npm start` process group (as Ctrl+C does); fails unless it ends within 30 s. */
  stop: (signal?: "SIGTERM" | "SIGINT") => Promise<void>;
  /** SIGKILL to every process of `npm start` and, unless `appOnly`, to its PostgreSQL. */
  crash: (opts?: { appOnly?: boolean }) => Promise<void>;
};

export function npmStart(dataDir: string, port: number, extraEnv: Record<string, string> = {}): App {
  let out = "";
  const child = spawn("npm", ["start"], { cwd, env: envFor(dataDir, port, extraEnv), stdio: ["ignore", "pipe", "pipe"], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not become ready:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/Ready in \d+ms/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${out}`));
    });
  });
  ready.catch(() => undefined);
  const group = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  return {
    base: `http://localhost:${port}`,
    port,
    dataDir,
    child,
    output: () => out,
    ready,
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      let forced = false;
      const pg = postgresPid(dataDir);
      group(signal);
      const timer = setTimeout(() => {
        forced = true;
        group("SIGKILL");
      }, 30_000);
      // npm returns at once on a signal; start.ts then stops the HTTP server and the database.
      await exited;
      while (!forced && (groupMembers(child.pid!).length || (pg !== null && alive(pg)))) await new Promise((r) => setTimeout(r, 100));
      clearTimeout(timer);
      if (forced) throw new Error(`npm start did not stop within 30 s of ${signal}:\n${out.slice(-2000)}`);
    },
    crash: async (opts = {}) => {
      const pg = postgresPid(dataDir);
      group("SIGKILL");
      if (pg && !opts.appOnly) process.kill(pg, "SIGKILL");
      await exited;
    },
  };
}

/** Runs `npm run <script> -- args` as the newcomer would, next to (or without) a running app. */
export function npmRun(dataDir: string, port: number, script: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { cwd, env: envFor(dataDir, port, { LOG_LEVEL: "warn" }), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

/** Live (not zombie) processes of a process group, from /proc. */
export function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const e of readdirSync("/proc")) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const st = readFileSync(`/proc/${e}/stat`, "utf8");
      const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) === pgid && f[0] !== "Z" && f[0] !== "X") out.push(Number(e));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** The pid in DATA_DIR/pg/postmaster.pid, if the file exists. */
export function postgresPid(dataDir: string): number | null {
  const f = path.join(dataDir, "pg", "postmaster.pid");
  return existsSync(f) ? Number(readFileSync(f, "utf8").split("\n")[0]) : null;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

/** Runs SQL on the running app's embedded database (its URL is in DATA_DIR/embedded.json). */
export async function sqlOn<R = Record<string, unknown>>(dataDir: string, text: string, values: unknown[] = []): Promise<R[]> {
  const { url } = JSON.parse(readFileSync(path.join(dataDir, "embedded.json"), "utf8")) as { url: string };
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as R[];
  } finally {
    await c.end();
  }
}

export const setupLinkIn = (out: string) => /First-admin setup link: (\S+)/.exec(out)?.[1] ?? null;

/** The invitation link the log provider printed for an address (EMAIL_PROVIDER=log, the default). */
export function invitationLinkIn(out: string, email: string): string | null {
  const re = new RegExp(`share this link with ${email.replace(/[.+]/g, "\\$&")}: (\\S+?)"`, "g");
  const all = [...out.matchAll(re)];
  return all.length ? all[all.length - 1][1] : null;
}

export async function waitForOutput<T>(app: App, find: (out: string) => T | null, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = find(app.output());
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`not printed within ${ms} ms:\n${app.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
