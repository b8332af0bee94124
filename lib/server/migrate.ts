import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { ROLE_NAMES } from "@/lib/roles";
import { LOCKS } from "./sql";

// Applies prisma/migrations/*/migration.sql in order, offline, keeping
// Prisma's own `_prisma_migrations` bookkeeping (checksum = sha256 hex of the
// file) so `prisma migrate deploy/status` agree with it. An advisory lock
// makes it safe to run from several instances at once; each migration runs in
// its own transaction.

const LOCK_KEY = LOCKS.migrations;

export type MigrateReport = { applied: string[]; alreadyApplied: number };

export function migrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Copies the role registry's names into the `roles` table (which users.role
 * references) and gives each new role its zero rows in user_counts. Adds only:
 * a role dropped from the registry stays while users may still hold it.
 */
async function syncRoles(client: Client): Promise<void> {
  const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('roles') IS NOT NULL AS ok`);
  if (!rows[0]?.ok) return;
  await client.query(`INSERT INTO roles (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [ROLE_NAMES]);
  await client.query(
    `INSERT INTO user_counts (role, status, n)
     SELECT r, s, 0 FROM unnest($1::text[]) r, unnest(enum_range(NULL::"UserStatus")) s
     ON CONFLICT DO NOTHING`,
    [ROLE_NAMES],
  );
}

export async function migrate(databaseUrl: string, dir = migrationsDir()): Promise<MigrateReport> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const doneByName = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const all = listMigrations(dir);
    for (const m of all) {
      const prior = doneByName.get(m.name);
      if (prior) {
        if (prior !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs). Add a new migration instead.`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
    }
    await syncRoles(client);
    return { applied, alreadyApplied: all.length - applied.length };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
