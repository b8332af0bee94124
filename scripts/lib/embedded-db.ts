// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) served
// over the PostgreSQL wire protocol on 127.0.0.1, data in ./data/pg. The app
// connects to it exactly as to a real PostgreSQL, through the same driver.
// One process owns the data folder; others (npm run admin:create while the app
// runs) find it through data/embedded.json.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export const dataDir = () => path.resolve(process.env.DATA_DIR || "data");
const infoFile = () => path.join(dataDir(), "embedded.json");

export type Embedded = { url: string; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The URL of an embedded server another process of ours is running, if any. */
export function runningEmbeddedUrl(): string | null {
  if (!existsSync(infoFile())) return null;
  try {
    const info = JSON.parse(readFileSync(infoFile(), "utf8")) as { pid: number; url: string };
    return alive(info.pid) ? info.url : null;
  } catch {
    return null;
  }
}

export async function startEmbedded(port?: number): Promise<Embedded> {
  const dir = path.join(dataDir(), "pg");
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create(dir, { extensions: { pg_trgm } });
  const usePort = port || (await freePort());
  const server = new PGLiteSocketServer({ db, port: usePort, host: "127.0.0.1", maxConnections: 16 });
  await server.start();
  const url = `postgresql://postgres:postgres@127.0.0.1:${usePort}/postgres`;
  writeFileSync(infoFile(), JSON.stringify({ pid: process.pid, url }));
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      rmSync(infoFile(), { force: true });
      await server.stop().catch(() => undefined);
      await db.close().catch(() => undefined);
    },
  };
}

/** Runs fn with a database URL: DATABASE_URL, a running embedded server, or a temporary one. */
export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const running = runningEmbeddedUrl();
  if (running) return fn(running);
  const emb = await startEmbedded();
  try {
    return await fn(emb.url);
  } finally {
    await emb.stop();
  }
}
