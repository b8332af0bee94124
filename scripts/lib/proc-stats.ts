// CPU and memory of processes by pid, from /proc (Linux): the server (and
// its workers) and the PostgreSQL backends serving the benchmark database.
import { readFileSync } from "node:fs";
import type { Pool } from "pg";

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) of a pid in ms, or 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pid and its descendants (cluster workers), from /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      const children = readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, "utf8").trim();
      if (children) out.push(...children.split(/\s+/).map(Number));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** PostgreSQL backends connected to one database (same host). */
export async function backendPids(pool: Pool, dbName: string): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);
  return rows.map((r) => r.pid);
}

/** Samples RSS while running; cpu() reports the CPU used since start. */
export class Meter {
  private t0 = performance.now();
  private cpu0 = new Map<number, number>();
  peakRss = 0;
  private timer: NodeJS.Timeout;

  constructor(private pids: () => number[], private rssOf: () => number[] = pids) {
    for (const p of pids()) this.cpu0.set(p, cpuMs(p));
    this.rssAt0 = this.rssNow();
    this.timer = setInterval(() => (this.peakRss = Math.max(this.peakRss, this.rssNow())), 100);
  }
  rssAt0: number;

  rssNow(): number {
    return this.rssOf().reduce((s, p) => s + rssMb(p), 0);
  }

  /** CPU used since start as a fraction of one core. */
  stop(): { cores: number; cpuMs: number; peakRss: number; rssGrowth: number } {
    clearInterval(this.timer);
    this.peakRss = Math.max(this.peakRss, this.rssNow());
    const wall = performance.now() - this.t0;
    let used = 0;
    for (const p of this.pids()) used += cpuMs(p) - (this.cpu0.get(p) ?? 0);
    return { cores: used / wall, cpuMs: used, peakRss: this.peakRss, rssGrowth: this.peakRss - this.rssAt0 };
  }
}
