// A throwaway PostgreSQL server of the fault specs' own (never the shared
// one other runs use): initdb into a temporary folder, a free loopback port,
// and stop/start on that same port so a test can take the database away
// under a running app. The programs and the user they run as (`postgres`
// under root) are the embedded database's (scripts/lib/pg-binaries.ts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { binaries, runnableBinaries, serverUser } from "../../scripts/lib/pg-binaries";
import { freePort } from "../newcomer/support/app";

export type OwnPostgres = {
  port: number;
  /** URL of a database on it (created on first use). */
  url: (db: string) => Promise<string>;
  /** Shuts the server down: "fast" (sessions end, transactions roll back) or "immediate" (a crash: recovery at the next start). */
  stop: (mode?: "fast" | "immediate") => Promise<void>;
  start: () => Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy: () => Promise<void>;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const user = serverUser();
  const bins = runnableBinaries(binaries(), user);
  const dir = mkdtempSync(path.join(os.tmpdir(), "sel-proof-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const init = spawnSync(bins.initdb, ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], { ...user, encoding: "utf8" });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const ready = async (ms = 20_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const c = new Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres", connectionTimeoutMillis: 1000 });
      c.on("error", () => undefined);
      try {
        await c.connect();
        await c.query("SELECT 1");
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`own PostgreSQL on port ${port} did not come up`);
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await c.end().catch(() => undefined);
      }
    }
  };

  const start = async () => {
    const args = ["-D", dir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=50"];
    child = spawn(bins.postgres, args, { ...user, stdio: "ignore" });
    exited = new Promise((resolve) => child!.once("exit", () => resolve()));
    await ready();
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(mode === "fast" ? "SIGINT" : "SIGQUIT");
    await exited;
  };
  const created = new Set<string>();
  const url = async (db: string) => {
    if (!created.has(db)) {
      const c = new Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
      await c.connect();
      await c.query(`CREATE DATABASE "${db}"`);
      await c.end();
      created.add(db);
    }
    return `postgresql://postgres@127.0.0.1:${port}/${db}`;
  };
  await start();
  return {
    port,
    url,
    stop,
    start,
    destroy: async () => {
      await stop("fast");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
