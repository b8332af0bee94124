// The embedded PostgreSQL server process: create the cluster once, recover
// from an earlier run that did not stop (a PostgreSQL still running on the
// folder with nobody owning it, or a stale postmaster.pid), start on a free
// loopback port, stop cleanly. The server runs in its own session so a
// Ctrl+C in the terminal reaches the app first; the app stops it after the
// HTTP server has finished its requests.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { assertReachable, type Binaries, type RunAs } from "./pg-binaries";
import { isAlive, postgresKind, sleep, waitForExit } from "./processes";

export const PG_USER = "postgres";

export type PgServer = { port: number; pid: number; exited: Promise<void>; stop: () => Promise<void> };

/** The env the server and initdb see: no secrets of ours, messages in English for the log. */
const serverEnv = () => ({ PATH: process.env.PATH, LC_ALL: "C", ...(process.env.TZ ? { TZ: process.env.TZ } : {}) }) as unknown as NodeJS.ProcessEnv;

/**
 * Handles what an earlier run left: a PostgreSQL still serving the folder
 * (its owner was killed; stopped here with a fast shutdown) or a
 * postmaster.pid whose pid is dead or now belongs to another program
 * (removed; PostgreSQL still refuses to start while a killed server's
 * processes hold its shared memory, and startServer() waits for them).
 */
export async function clearLeftovers(pgDir: string): Promise<string | null> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!isAlive(pid)) {
    // PostgreSQL itself would refuse while the dead postmaster lingers as a zombie.
    rmSync(pidFile, { force: true });
    return null;
  }
  const kind = postgresKind(pid, pgDir);
  if (kind === null) return null;
  if (kind === "other") {
    rmSync(pidFile, { force: true });
    return `Removed a stale postmaster.pid (pid ${pid} is now another program).`;
  }
  if (kind === "postgres") throw new Error(`${pidFile} names pid ${pid}, a PostgreSQL this app did not start. Stop it, then start again.`);
  for (const [sig, ms] of [["SIGINT", 30_000], ["SIGQUIT", 5_000], ["SIGKILL", 5_000]] as const) {
    process.kill(pid, sig);
    if (await waitForExit(pid, ms)) return `Stopped the PostgreSQL (pid ${pid}) that an earlier run left running on ${pgDir}.`;
  }
  throw new Error(`A PostgreSQL (pid ${pid}) left running on ${pgDir} does not stop.`);
}

/** Creates the cluster if the folder has none: initdb into a temporary folder, renamed when complete. */
export function ensureCluster(dataDir: string, pgDir: string, passwordFile: string, bins: Binaries, runAs: RunAs): boolean {
  const major = bins.version.split(".")[0];
  const versionFile = path.join(pgDir, "PG_VERSION");
  if (existsSync(versionFile)) {
    const found = readFileSync(versionFile, "utf8").trim();
    if (found !== major)
      throw new Error(
        `${pgDir} holds a PostgreSQL ${found} database (an earlier SEL Admin embedded another engine); this one runs PostgreSQL ${major}. ` +
          `Move that folder away to start afresh (mv ${pgDir} ${pgDir}-${found}), or set DATABASE_URL.`,
      );
    if (!existsSync(passwordFile)) throw new Error(`${passwordFile} is missing: it holds the password of the database in ${pgDir}.`);
    return false;
  }
  if (existsSync(pgDir) && readdirSync(pgDir).length) throw new Error(`${pgDir} is not empty but holds no PostgreSQL database; move it away.`);
  for (const e of readdirSync(dataDir)) if (e.startsWith("pg.init-")) rmSync(path.join(dataDir, e), { recursive: true, force: true });

  const tmp = path.join(dataDir, `pg.init-${process.pid}`);
  const pwfile = path.join(dataDir, `.pg-initdb-${process.pid}`);
  const password = randomBytes(24).toString("base64url");
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });
  writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  mkdirSync(tmp, { mode: 0o700 });
  try {
    if (runAs) {
      chownSync(tmp, runAs.uid, runAs.gid);
      chownSync(pwfile, runAs.uid, runAs.gid);
    }
    assertReachable(runAs, tmp);
    const args = ["-D", tmp, "--auth=scram-sha-256", `--username=${PG_USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--locale=C"];
    const r = spawnSync(bins.initdb, args, { ...runAs, env: serverEnv(), encoding: "utf8" });
    if (r.status !== 0) throw new Error(`initdb failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stderr ?? ""}`);
    renameSync(tmp, pgDir);
    return true;
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function logSince(file: string, offset: number): string {
  try {
    return readFileSync(file, "utf8").slice(offset).trim();
  } catch {
    return "";
  }
}

/** Resolves true once the server answers a query, false if it exits first. */
async function untilReady(port: number, password: string, child: ChildProcess, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (child.exitCode === null && child.signalCode === null) {
    const c = new Client({ host: "127.0.0.1", port, user: PG_USER, password, database: "postgres", connectionTimeoutMillis: 2000 });
    c.on("error", () => undefined);
    try {
      await c.connect();
      await c.query("SELECT 1");
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === "28P01") throw new Error("The embedded database rejected the password in DATA_DIR/pg-password.");
    } finally {
      await c.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      child.kill("SIGQUIT");
      throw new Error(`The embedded PostgreSQL did not accept connections within ${ms / 1000} s.`);
    }
    await sleep(100);
  }
  return false;
}

/** Starts the server on a free 127.0.0.1 port; retries a port taken meanwhile or shared memory still held by a killed run. */
export async function startServer(pgDir: string, password: string, bins: Binaries, runAs: RunAs, logFile: string): Promise<PgServer> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const offset = existsSync(logFile) ? statSync(logFile).size : 0;
    const log = openSync(logFile, "a", 0o600);
    const args = ["-D", pgDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "log_min_error_statement=panic"];
    const child = spawn(bins.postgres, args, { ...runAs, detached: true, stdio: ["ignore", log, log], env: serverEnv() });
    closeSync(log);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.once("error", () => undefined);
    // If this process ends without stop() (an uncaught error), the server gets a fast shutdown too.
    const onExit = () => child.exitCode === null && child.signalCode === null && child.kill("SIGINT");
    process.once("exit", onExit);
    if (await untilReady(port, password, child, 120_000)) {
      const stop = async () => {
        await stopChild(child, exited);
        process.removeListener("exit", onExit);
      };
      return { port, pid: child.pid!, exited, stop };
    }
    process.removeListener("exit", onExit);
    const why = logSince(logFile, offset);
    const retry = /could not bind|Address already in use|pre-existing shared memory block/.test(why);
    if (!retry || attempt >= 10) throw new Error(`The embedded PostgreSQL did not start:\n${why}`);
    await sleep(300 * attempt);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  for (const [sig, ms] of [["SIGINT", 30_000], ["SIGQUIT", 5_000], ["SIGKILL", 5_000]] as const) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
    clearTimeout(timer);
    if (inTime) return;
  }
}

/** Creates the app's database on first start (also after a crash between initdb and here). */
export async function ensureDatabase(port: number, password: string, name: string): Promise<void> {
  const c = new Client({ host: "127.0.0.1", port, user: PG_USER, password, database: "postgres" });
  await c.connect();
  try {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}
