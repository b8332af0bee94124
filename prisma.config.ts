// Prisma CLI configuration. Prisma 7 reads no .env by itself; the URL is
// only needed by CLI commands that talk to a database (the app builds its own
// client in lib/server/db.ts, and migrations run through scripts/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/sel_admin" },
});
