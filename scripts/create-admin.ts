// npm run admin:create -- --username NAME --email ADDRESS
// Creates a pending admin and prints their accept-invitation URL (for a new
// node, or to recover when every admin is locked out). Uses DATABASE_URL, or
// the embedded database: the running app's server, else one started for this
// command and stopped after it.
import { parseArgs } from "node:util";
import { withDatabase } from "./lib/embedded-db";

async function main() {
  const { values } = parseArgs({ options: { username: { type: "string" }, email: { type: "string" } } });
  if (!values.username || !values.email) {
    console.error("usage: npm run admin:create -- --username NAME --email ADDRESS");
    process.exit(2);
  }
  await withDatabase("admin:create", async (url) => {
    process.env.DATABASE_URL = url;
    const { migrate } = await import("@/lib/server/migrate");
    await migrate(url);
    const { createAdminInvitation } = await import("@/lib/server/invitations/first-admin");
    const { AppError } = await import("@/lib/server/errors");
    const { closeDb } = await import("@/lib/server/db");
    try {
      const { link } = await createAdminInvitation({ username: values.username!, email: values.email! });
      console.log(`Admin invitation created for ${values.username} <${values.email!.toLowerCase()}>.`);
      console.log(`Accept-invitation URL (valid 7 days, single use): ${link}`);
    } catch (e) {
      if (e instanceof AppError) {
        console.error(`admin:create: ${e.message}`);
        process.exitCode = 1;
      } else throw e;
    } finally {
      await closeDb();
    }
  });
}

main().catch((e) => {
  console.error(`admin:create failed: ${(e as Error).message}`);
  process.exit(1);
});
