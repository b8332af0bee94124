// A second app instance on the same database (and build) as the main one,
// on a free port, for tests of what instances must share (lockout counts).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { serverEnv } from "./config";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type Instance = { url: string; stop: () => Promise<void> };

/** Starts `npm start`'s path (scripts/start.ts) on another port and waits until it answers. */
export async function startSecondInstance(timeoutMs = 120_000): Promise<Instance> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts"], {
    env: serverEnv(port),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`second instance exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/admin/login`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`second instance did not answer within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
