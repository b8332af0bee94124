// Fixed-arrival-rate load (an open model): requests start on a schedule,
// whatever the server's speed, and each latency is measured from the moment
// the request was due, so a server that falls behind shows it in the tail
// (no coordinated omission). node:http with keep-alive: cheaper per request
// than fetch, which matters when the load generator shares the 2 cores.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { stats, type Stats } from "./bench-measure";

export type Req = { method: "GET" | "POST" | "PUT"; path: string; body?: unknown; expect: number[] };
export type RunResult = { kind: Record<string, Stats>; all: Stats; sent: number; ok: number; errors: number; errorSamples: string[]; achieved: number; seconds: number };

const MAX_IN_FLIGHT = 512;
const TIMEOUT_MS = 10_000;

export function client(port: number, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const send = (r: Req): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const payload = r.body === undefined ? undefined : JSON.stringify(r.body);
      const req = http.request(
        { host: "127.0.0.1", port, method: r.method, path: r.path, agent, timeout: TIMEOUT_MS, headers: { ...headers, ...(payload && { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`timeout after ${TIMEOUT_MS} ms`)));
      req.on("error", reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/**
 * Sends `rate` requests a second for `seconds`, each built by next(i), and
 * waits for the stragglers. Bounded: at most 512 in flight (a request due
 * beyond that counts as an error, never queues without limit).
 */
export async function runAtRate(send: (r: Req) => Promise<{ status: number; body: string }>, next: (i: number) => { kind: string; req: Req }, rate: number, seconds: number): Promise<RunResult> {
  const total = Math.round(rate * seconds);
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  const errorSamples: string[] = [];
  let inFlight = 0;
  let ok = 0;
  let errors = 0;
  const fail = (msg: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(msg);
  };
  const t0 = performance.now();
  let lastDone = t0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { kind, req } = next(i);
    if (inFlight >= MAX_IN_FLIGHT) {
      fail(`${kind}: more than ${MAX_IN_FLIGHT} requests in flight`);
      continue;
    }
    inFlight++;
    pending.push(
      send(req)
        .then((res) => {
          const ms = performance.now() - due;
          lastDone = performance.now();
          if (!req.expect.includes(res.status)) return fail(`${kind} ${req.method} ${req.path} -> ${res.status} ${res.body.slice(0, 120)}`);
          ok++;
          all.push(ms);
          let k = byKind.get(kind);
          if (!k) byKind.set(kind, (k = []));
          k.push(ms);
        })
        .catch((e: Error) => fail(`${kind}: ${e.message}`))
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  const secondsTaken = (lastDone - t0) / 1000;
  return {
    kind: Object.fromEntries([...byKind].map(([k, v]) => [k, stats(v)])),
    all: stats(all.length ? all : [0]),
    sent: total,
    ok,
    errors,
    errorSamples,
    achieved: ok / Math.max(secondsTaken, seconds),
    seconds: secondsTaken,
  };
}
