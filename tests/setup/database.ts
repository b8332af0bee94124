// Where the tests' PostgreSQL is: DATABASE_URL_TEST, or a database of our
// own on the local server (127.0.0.1:5432, user postgres), recreated per run.
import { Client } from "pg";

export const TEST_DB_NAME = process.env.TEST_DB_NAME || "sel_admin_jest";
const ADMIN_URL = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export function testDatabaseUrl(name = TEST_DB_NAME): string {
  if (process.env.DATABASE_URL_TEST) return process.env.DATABASE_URL_TEST;
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Drops and creates a throwaway database; fails with a clear message when no server answers. */
export async function recreateDatabase(name: string): Promise<string> {
  if (process.env.DATABASE_URL_TEST) return process.env.DATABASE_URL_TEST;
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `Tests need a PostgreSQL server: none answered at ${ADMIN_URL} (${(e as Error).message}).\n` +
        `Start one (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set DATABASE_URL_TEST.`,
    );
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return testDatabaseUrl(name);
}
