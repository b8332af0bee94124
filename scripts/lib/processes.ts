// What we can learn about another process from its pid, without trusting the
// pid alone: pids are reused, and in a container whose init does not reap,
// a dead process lingers as a zombie that kill(pid, 0) still finds.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const linux = process.platform === "linux";

/** Fields of /proc/<pid>/stat after the command name (state first), or null. */
function procStat(pid: number): string[] | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    return s.slice(s.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** A token that changes when the pid is reused (Linux: boot-relative start time), or null elsewhere. */
export function startToken(pid: number): string | null {
  if (!linux) return null;
  return procStat(pid)?.[19] ?? null;
}

export function isAlive(pid: number, token?: string | null): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (!linux) return true;
  const stat = procStat(pid);
  if (!stat) return true;
  if (stat[0] === "Z" || stat[0] === "X") return false;
  return !token || stat[19] === token;
}

/** The process's arguments (argv[0] first), or null when they cannot be read. */
function argv(pid: number): string[] | null {
  try {
    if (linux) return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    const cmd = execFileSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return cmd ? cmd.split(" ") : null;
  } catch {
    return null;
  }
}

/**
 * What runs as pid: "ours" (a PostgreSQL postmaster on dataDir), "postgres"
 * (a PostgreSQL on another folder, or one we cannot tell), "other", or null
 * when the process cannot be inspected.
 */
export function postgresKind(pid: number, dataDir: string): "ours" | "postgres" | "other" | null {
  const args = argv(pid);
  if (!args?.length) return null;
  const postgres = path.basename(args[0]) === "postgres" || args[0].startsWith("postgres:");
  if (!postgres) return "other";
  const d = args.indexOf("-D");
  return d >= 0 && args[d + 1] === dataDir ? "ours" : "postgres";
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the process is gone; true if it went within the time. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}
