// npm run db:migrate — applies prisma/migrations to DATABASE_URL (or the
// embedded database, running or not). Safe to run from several instances at once.
import { migrate } from "@/lib/server/migrate";
import { withDatabase } from "./lib/embedded-db";

withDatabase("db:migrate", async (url) => {
  const r = await migrate(url);
  console.log(r.applied.length ? `Applied ${r.applied.length} migration(s): ${r.applied.join(", ")}` : `Database is up to date (${r.alreadyApplied} migration(s)).`);
}).catch((e) => {
  console.error(`db:migrate failed: ${(e as Error).message}`);
  process.exit(1);
});
