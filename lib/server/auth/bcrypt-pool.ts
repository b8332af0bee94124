import "server-only";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

// bcrypt at cost 12 is ~300 ms of pure CPU. bcryptjs on the main thread
// computes in slices between event-loop turns, so every other request waited
// behind the logins (p99 26 ms -> 1.8 s with 8 login clients) and only one
// core ever hashed. Here each hash runs in a worker thread, one per core.
//
// The worker's code is a string (eval: true), not a file: `next build`
// bundles lib/ into .next/server chunks, where no path next to this module
// exists, while the same code also runs under next dev, Jest and tsx.
// bcryptjs is resolved from the app's directory and handed to the worker.
//
// Each worker lowers its own scheduling priority (on Linux a thread's nice
// value is its own): hashing takes whatever CPU is idle, and yields most of
// it when the request thread or PostgreSQL wakes, so logins in bulk do not
// stall everybody else's requests.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const os = require("node:os");
const bcrypt = require(workerData.bcryptPath);
try { os.setPriority(0, workerData.nice); } catch {}
parentPort.on("message", (m) => {
  try {
    const value = m.op === "hash" ? bcrypt.hashSync(m.password, m.cost) : bcrypt.compareSync(m.password, m.hash);
    parentPort.postMessage({ id: m.id, value });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

type Job = { op: "hash"; password: string; cost: number } | { op: "compare"; password: string; hash: string };
type Pending = { job: Job; resolve: (v: unknown) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; busy: Pending | null; idle: NodeJS.Timeout | null };

// Nice 19 weighs about 1.5 % of a normal thread under Linux's scheduler:
// with the cores busy, the request thread and PostgreSQL keep nearly all
// they ask for and a login still progresses; with a core idle, hashing gets
// all of it. Nice 2 (tried first) left the mixed load's p99 at 14x its
// value while 2 clients logged in back to back, nice 10 at 2.3x to 3.2x;
// nice 19 at 1.9x to 2.1x, with more logins served beside the load (3.6-3.9/s
// against 3.3/s at nice 10), as hashing thrashes less against the requests.
const NICE = 19;
// Idle workers end after a while (a worker starts in ~30 ms when needed again).
const IDLE_MS = 60_000;
let seq = 0;

export class BcryptPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private closed = false;
  private readonly bcryptPath: string;

  constructor(readonly size = Math.max(1, os.availableParallelism())) {
    this.bcryptPath = createRequire(path.join(process.cwd(), "package.json")).resolve("bcryptjs");
  }

  hash(password: string, cost: number): Promise<string> {
    return this.run({ op: "hash", password, cost }) as Promise<string>;
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.run({ op: "compare", password, hash }) as Promise<boolean>;
  }

  /** Worker threads started so far (at most `size`). */
  get threads(): number {
    return this.slots.length;
  }

  /** Ends one worker as a crash would (tests of the recovery path). */
  async killOneForTests(): Promise<void> {
    await this.slots[0]?.worker.terminate();
  }

  /** Stops every worker; queued and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("bcrypt pool closed"));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private run(job: Job): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("bcrypt pool closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const p = this.queue.shift()!;
      slot.busy = p;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      // A busy worker keeps the process alive (a CLI awaiting a hash); an idle one must not.
      slot.worker.ref();
      slot.worker.postMessage({ id: ++seq, ...p.job });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath: this.bcryptPath, nice: NICE } });
    const slot: Slot = { worker, busy: null, idle: null };
    worker.unref();
    worker.on("message", (m: { value?: unknown; error?: string }) => {
      const p = slot.busy;
      slot.busy = null;
      worker.unref();
      slot.idle = setTimeout(() => void worker.terminate(), IDLE_MS);
      slot.idle.unref();
      if (p) {
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.value);
      }
      this.dispatch();
    });
    const fail = (e: Error) => {
      // A dead worker leaves the pool; its job fails and the next job gets a fresh one.
      this.slots = this.slots.filter((s) => s !== slot);
      if (slot.idle) clearTimeout(slot.idle);
      slot.busy?.reject(e);
      slot.busy = null;
      if (!this.closed) this.dispatch();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`bcrypt worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
