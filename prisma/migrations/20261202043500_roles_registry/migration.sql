-- Roles are defined by the application's registry (lib/roles.ts) instead of
-- a PostgreSQL enum, so a new role is one edit there. The database still
-- refuses a role it has not been told about: users.role references `roles`,
-- which the migrator (lib/server/migrate.ts) fills from the registry after
-- every run. Hand-written (not in schema.prisma), like user_counts.
CREATE TABLE "roles" (
    "name" VARCHAR(32) NOT NULL,
    CONSTRAINT "roles_pkey" PRIMARY KEY ("name")
);
INSERT INTO "roles" ("name") SELECT unnest(enum_range(NULL::"Role"))::text;

ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "users" ALTER COLUMN "role" TYPE VARCHAR(32) USING "role"::text;
ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'viewer';
ALTER TABLE "users" ADD CONSTRAINT "users_role_fkey" FOREIGN KEY ("role") REFERENCES "roles"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The live-user counts keep one row per (role, status); the migrator adds the
-- rows of a new role (with n = 0: no user can hold it before its row exists).
ALTER TABLE "user_counts" ALTER COLUMN "role" TYPE VARCHAR(32) USING "role"::text;
ALTER TABLE "user_counts" ADD CONSTRAINT "user_counts_role_fkey" FOREIGN KEY ("role") REFERENCES "roles"("name") ON DELETE CASCADE ON UPDATE CASCADE;

DROP TYPE "Role";
