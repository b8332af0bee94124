// The embedded PostgreSQL supervisor (scripts/lib/embedded-db.ts) on real
// servers in throwaway data folders: one owner per folder, reuse by other
// commands, clean stop, and recovery from what a killed run leaves behind.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { claim } from "@/scripts/lib/data-dir-owner";
import { EmbeddedInUse, startEmbedded, withDatabase } from "@/scripts/lib/embedded-db";
import { isAlive, waitForExit } from "@/scripts/lib/processes";

const savedUrl = process.env.DATABASE_URL;
const dirs: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sel-embedded-test-"));
  chmodSync(dir, 0o755); // under root the server's own user must reach it
  dirs.push(dir);
  process.env.DATA_DIR = path.join(dir, "data");
  return process.env.DATA_DIR;
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

const postmasterPid = (dataDir: string) => Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);

/** Starts an owner in another process, as `npm start` would be. */
function owner(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "owner-child.ts")], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const m = /READY (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on("data", (d: Buffer) => (out += d));
    child.on("exit", (code) => reject(new Error(`owner exited with ${code}: ${out}`)));
  });
}

async function kill9(child: ChildProcess) {
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await gone;
}

beforeAll(() => {
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  process.env.DATABASE_URL = savedUrl;
  delete process.env.DATA_DIR;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("runs PostgreSQL 18 on loopback with a generated password, has one owner, is reused, stops cleanly and keeps its data", async () => {
    const dataDir = scratch();
    const emb = await startEmbedded("start", () => undefined);
    const url = new URL(emb.url);
    expect(url.hostname).toBe("127.0.0.1");
    const password = readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
    expect(decodeURIComponent(url.password)).toBe(password);
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dataDir, "pg-password")).mode & 0o077).toBe(0);
    const [{ server_version }] = await query<{ server_version: string }>(emb.url, "SHOW server_version");
    expect(server_version).toMatch(/^18\./);
    await query(emb.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");

    await expect(startEmbedded("start", () => undefined)).rejects.toThrow(EmbeddedInUse);
    await expect(startEmbedded("start", () => undefined)).rejects.toThrow(/already running on this data folder/);
    expect(await withDatabase("db:migrate", async (u) => u)).toBe(emb.url);

    const pid = postmasterPid(dataDir);
    await emb.stop();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
    expect(existsSync(path.join(dataDir, "embedded.json"))).toBe(false);

    // No app running: the command gets a server of its own, stopped afterwards.
    const rows = await withDatabase("db:migrate", (u) => query<{ n: number }>(u, "SELECT n FROM kept"));
    expect(rows).toEqual([{ n: 42 }]);
    expect(existsSync(path.join(dataDir, "embedded.json"))).toBe(false);
  }, 60_000);

  it("stops the PostgreSQL an owner killed with SIGKILL left running, then starts with the data intact", async () => {
    const dataDir = scratch();
    const first = await owner(dataDir);
    await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
    const orphan = postmasterPid(dataDir);
    await kill9(first.child);
    expect(isAlive(orphan)).toBe(true);

    const lines: string[] = [];
    const emb = await startEmbedded("start", (l) => lines.push(l));
    try {
      expect(lines.join("\n")).toContain(`Stopped the PostgreSQL (pid ${orphan}) that an earlier run left running`);
      expect(await waitForExit(orphan, 1000)).toBe(true);
      expect(await query(emb.url, "SELECT n FROM kept")).toEqual([{ n: 7 }]);
    } finally {
      await emb.stop();
    }
  }, 90_000);

  it("recovers after both the owner and PostgreSQL were killed, and from a postmaster.pid naming another program", async () => {
    const dataDir = scratch();
    const first = await owner(dataDir);
    await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (1)");
    const pg = postmasterPid(dataDir);
    await kill9(first.child);
    process.kill(pg, "SIGKILL");
    await waitForExit(pg, 5000);

    let emb = await startEmbedded("start", () => undefined);
    expect(await query(emb.url, "SELECT n FROM kept")).toEqual([{ n: 1 }]);
    await emb.stop();

    // A pid file whose pid now belongs to a live process that is not PostgreSQL (pid reuse after a reboot).
    writeFileSync(path.join(dataDir, "pg", "postmaster.pid"), `${process.pid}\n${path.join(dataDir, "pg")}\n`);
    emb = await startEmbedded("start", () => undefined);
    expect(await query(emb.url, "SELECT n FROM kept")).toEqual([{ n: 1 }]);
    await emb.stop();
  }, 90_000);

  it("refuses a data folder of another PostgreSQL version, naming the fix", async () => {
    const dataDir = scratch();
    mkdirSync(path.join(dataDir, "pg"), { recursive: true });
    writeFileSync(path.join(dataDir, "pg", "PG_VERSION"), "17\n");
    await expect(startEmbedded("start", () => undefined)).rejects.toThrow(/holds a PostgreSQL 17 database.*Move that folder away/);
    expect(existsSync(path.join(dataDir, "embedded.json"))).toBe(false);
  });
});

describe("data folder ownership", () => {
  it("takes over a record whose process is gone or whose pid was reused, never a live one", async () => {
    const dataDir = scratch();
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, "embedded.json");
    const sleeper = spawn("sleep", ["30"]);
    try {
      writeFileSync(file, JSON.stringify({ pid: sleeper.pid, token: null, command: "start", state: "ready", startedAt: "" }));
      const held = claim(dataDir, "admin:create");
      expect(held).toEqual({ heldBy: expect.objectContaining({ pid: sleeper.pid }) });

      writeFileSync(file, JSON.stringify({ pid: sleeper.pid, token: "not-its-start-time", command: "start", state: "ready", startedAt: "" }));
      const reused = claim(dataDir, "admin:create");
      expect("heldBy" in reused).toBe(process.platform !== "linux");
      if (!("heldBy" in reused)) reused.release();

      await kill9(sleeper);
      writeFileSync(file, JSON.stringify({ pid: sleeper.pid, token: null, command: "start", state: "ready", startedAt: "" }));
      const mine = claim(dataDir, "admin:create");
      expect("heldBy" in mine).toBe(false);
      expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ pid: process.pid, command: "admin:create" });
      if (!("heldBy" in mine)) mine.release();
      expect(existsSync(file)).toBe(false);
    } finally {
      if (sleeper.exitCode === null) sleeper.kill("SIGKILL");
    }
  });
});
