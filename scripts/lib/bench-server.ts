// The app under measurement: the product's own HTTP server (scripts/serve.js,
// what `npm start` runs) from an EXISTING production build, on loopback,
// against a benchmark database. Shared by the benchmarks and the stress run.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";

export type ServerOpts = { port: number; dbUrl: string; dist: string; log: string; env?: Record<string, string>; nodeArgs?: string[] };

export function assertBuilt(dist: string): void {
  if (!existsSync(path.join(dist, "BUILD_ID"))) {
    console.error(`No build in ${dist}/. Build first (e.g. NEXT_DIST_DIR=${dist} npx next build); the benchmarks time the built app and never build.`);
    process.exit(2);
  }
}

export function startServer(o: ServerOpts): ChildProcess {
  const out = createWriteStream(o.log);
  const base = `http://127.0.0.1:${o.port}`;
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), path.join("scripts", "serve.js")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: o.dist,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(o.port),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: o.dbUrl,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      NEXTAUTH_URL: base,
      APP_URL: base,
      EMAIL_PROVIDER: "log",
      LOG_LEVEL: "warn",
      RATE_LIMIT_API_PER_MINUTE: "100000000",
      RATE_LIMIT_LOGIN_PER_MINUTE: "1000",
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  return child;
}

export async function waitUp(child: ChildProcess, port: number, log: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/admin/login`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer within 90 s; see ${log}`);
}

/** SIGTERM, then wait for the exit (SIGKILL after 10 s). */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(t);
}
