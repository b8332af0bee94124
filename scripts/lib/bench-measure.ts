// Timing helpers of the benchmarks: percentiles, sequential HTTP runs and the
// next-auth credentials login (the users list's SQL floor is in
// bench-users-sql.ts).
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Stats = { p50: number; p95: number; p99: number; n: number };

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { p50: at(50), p95: at(95), p99: at(99), n: s.length };
}

/** Runs `fn` warm times untimed, then n times timed, one after another. */
export async function timeSeq(fn: () => Promise<void>, n: number, warm: number): Promise<Stats> {
  for (let i = 0; i < warm; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return stats(out);
}

/** GET that must answer 200; the whole body is read (that is part of the cost). */
// node:http with keep-alive, as the stress run's load generator: fetch (undici)
// cost the client about 2 ms of CPU per request on the two cores it shares
// with the server, which showed up in the server's figures.
const agent = new http.Agent({ keepAlive: true });

/** GET, expecting 200; the body as text. */
export function get(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode === 200) resolve(body);
          else reject(new Error(`GET ${url} -> ${res.statusCode}: ${body.slice(0, 200)}`));
        });
      })
      .on("error", reject);
  });
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]);

/** A console cookie session through next-auth's credentials flow. */
export async function cookieSession(base: string, username: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const all = [...jar, ...cookiesOf(res)];
  if (!all.some((c) => c.includes("session-token="))) throw new Error(`credentials login failed (${res.status}): ${(await res.text()).slice(0, 200)}`);
  return all.join("; ");
}
