import { Client } from "pg";
import { migrate } from "@/lib/server/migrate";
import { recreateDatabase, TEST_DB_NAME } from "../setup/database";

// Its own database, named after the run's so parallel runs never share it.
const NAME = `${TEST_DB_NAME}_migrations`;

describe("migrations", () => {
  let url: string;
  beforeAll(async () => {
    url = await recreateDatabase(NAME);
  });

  it("apply from empty, and a second run is a no-op", async () => {
    const first = await migrate(url);
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(first.applied.length);
    const c = new Client({ connectionString: url });
    await c.connect();
    const tables = await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY 1`);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "activity_logs", "email_outbox", "invitations", "rate_limits", "sessions", "users"]),
    );
    const rows = await c.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`);
    expect(rows.rows).toHaveLength(first.applied.length);
    expect(rows.rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    await c.end();
  });

  it("several concurrent migrators apply each migration exactly once", async () => {
    const fresh = await recreateDatabase(NAME);
    const reports = await Promise.all(Array.from({ length: 5 }, () => migrate(fresh)));
    const applied = reports.flatMap((r) => r.applied);
    const c = new Client({ connectionString: fresh });
    await c.connect();
    const count = await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    await c.end();
    expect(applied.length).toBe(count.rows[0].n);
    expect(new Set(applied).size).toBe(applied.length);
  });

  it("enforces case-insensitive uniqueness in the database itself", async () => {
    const c = new Client({ connectionString: url });
    await c.connect();
    await c.query(`INSERT INTO users (id, username, email, updated_at) VALUES ('01J00000000000000000000001', 'Jane', 'jane@x.org', now())`);
    await expect(
      c.query(`INSERT INTO users (id, username, email, updated_at) VALUES ('01J00000000000000000000002', 'JANE', 'other@x.org', now())`),
    ).rejects.toThrow(/users_username_lower_key/);
    await expect(
      c.query(`INSERT INTO users (id, username, email, updated_at) VALUES ('01J00000000000000000000003', 'john', 'Jane@X.org', now())`),
    ).rejects.toThrow(/users_email_lowercase_check|users_email_lower_key/);
    await c.end();
  });
});
