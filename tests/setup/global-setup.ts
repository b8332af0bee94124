import { recreateDatabase, TEST_DB_NAME } from "./database";

export default async function globalSetup() {
  // globalSetup runs outside Jest's module mapper: stub the "server-only" marker here too.
  const marker = require.resolve("server-only");
  require.cache[marker] = { id: marker, filename: marker, loaded: true, exports: {} } as NodeJS.Module;
  const { migrate } = await import("@/lib/server/migrate");
  const url = await recreateDatabase(TEST_DB_NAME);
  await migrate(url);
}
