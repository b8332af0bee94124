// npm run audit:anchor — writes the activity chain's head (place, hash, row
// count) to the audit stream now: one JSON line on stdout and, with
// AUDIT_LOG_FILE set, a line appended to that file. Keep the output: `npm
// run audit:verify -- --anchors FILE` compares the chain with it later. See
// docs/audit-trail.md.
import { Client } from "pg";
import { writeAnchor } from "@/lib/server/activity/chain/anchor";
import { flushAuditFile } from "@/lib/server/activity/stream";
import { withDatabase } from "./lib/embedded-db";

async function main() {
  await withDatabase("audit:anchor", async (url) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const a = await writeAnchor(c, "command");
      await flushAuditFile();
      console.error(`Anchor written: place ${a.seq}, hash ${a.hash}, ${a.rows} rows.`);
    } finally {
      await c.end();
    }
  });
}

main().catch((e) => {
  console.error(`audit:anchor failed: ${(e as Error).message}`);
  process.exit(2);
});
