// One process at a time owns a data folder's embedded PostgreSQL: `npm start`,
// or `admin:create` / `db:migrate` when no app runs. The owner is recorded in
// DATA_DIR/embedded.json (pid, a start token against pid reuse, and once the
// server is up its URL), created with an atomic link so two processes can
// never both claim the folder. Other commands read it to reuse the running
// server; a record whose process is gone is stale and is taken over.
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isAlive, sleep, startToken } from "./processes";

export type Command = "start" | "dev" | "admin:create" | "db:migrate" | "audit:verify" | "audit:anchor" | "audit:archive";

export type Owner = {
  pid: number;
  token: string | null;
  command: Command;
  state: "starting" | "ready";
  startedAt: string;
  /** postgresql:// URL of the running server (state "ready"). */
  url?: string;
  /** Where `npm start` serves, once known. */
  appUrl?: string;
};

export type Claim = { update: (patch: Partial<Owner>) => void; release: () => void };

const recordFile = (dir: string) => path.join(dir, "embedded.json");

function read(file: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(file, "utf8")) as Owner;
    return Number.isInteger(o.pid) ? o : null;
  } catch {
    return null;
  }
}

/** The folder's owner if that process is still running. */
export function liveOwner(dir: string): Owner | null {
  const o = read(recordFile(dir));
  return o && isAlive(o.pid, o.token) ? o : null;
}

function writeVia(tmp: string, o: Owner): void {
  writeFileSync(tmp, JSON.stringify(o, null, 2) + "\n", { mode: 0o600 });
}

/** Removes a stale record, unless another process replaced it meanwhile. */
function takeOverStale(file: string, stale: Owner | null): void {
  const grave = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, grave);
  } catch {
    return;
  }
  const moved = read(grave);
  const same = stale ? moved?.pid === stale.pid && moved?.token === stale.token : !moved;
  if (!same) {
    try {
      linkSync(grave, file);
    } catch {
      /* someone claimed it meanwhile; they win */
    }
  }
  rmSync(grave, { force: true });
}

/** Claims the folder for this process, or returns the live owner that holds it. */
export function claim(dir: string, command: Command): Claim | { heldBy: Owner } {
  mkdirSync(dir, { recursive: true });
  const file = recordFile(dir);
  const me: Owner = { pid: process.pid, token: startToken(process.pid), command, state: "starting", startedAt: new Date().toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  for (let attempt = 0; attempt < 10; attempt++) {
    writeVia(tmp, me);
    try {
      linkSync(tmp, file);
      rmSync(tmp, { force: true });
      return ownClaim(file, me);
    } catch (e) {
      rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const other = read(file);
    if (other && isAlive(other.pid, other.token)) return { heldBy: other };
    takeOverStale(file, other);
  }
  throw new Error(`Could not claim ${dir}: ${file} keeps changing`);
}

function ownClaim(file: string, me: Owner): Claim {
  let current = me;
  const mine = () => read(file)?.pid === process.pid;
  return {
    update(patch) {
      if (!mine()) return;
      current = { ...current, ...patch };
      const tmp = `${file}.${process.pid}.tmp`;
      writeVia(tmp, current);
      renameSync(tmp, file);
    },
    release() {
      if (mine()) rmSync(file, { force: true });
    },
  };
}

/** Waits until `done(owner)` holds for the folder's live owner (null: none); returns that owner. */
export async function waitForOwner(dir: string, done: (o: Owner | null) => boolean, ms: number): Promise<Owner | null> {
  const deadline = Date.now() + ms;
  for (;;) {
    const o = liveOwner(dir);
    if (done(o)) return o;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${o ? `\`${o.command}\` (pid ${o.pid})` : "the data folder"} in ${dir}`);
    await sleep(200);
  }
}
