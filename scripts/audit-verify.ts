// npm run audit:verify — walks the activity log's hash chain (DATABASE_URL,
// or the embedded database) and says whether it is intact. Exit code 0 when
// it is, 1 when a row was altered, inserted, removed or moved (the first one
// is named), 2 when the check could not run. --json prints the report as JSON.
// --jobs N walks N ranges of the chain at once (default: the cores, at most
// 4; 1 walks it in one pass).
// --anchors FILE (repeatable) also checks the chain against the anchors in an
// audit file or captured stdout: a table rewritten wholesale, or cut short,
// no longer has the head an anchor recorded.
// See docs/audit-trail.md.
import { parseArgs } from "node:util";
import { Client } from "pg";
import { readAnchors } from "@/lib/server/activity/chain/anchor";
import { defaultJobs, verifyChainParallel } from "@/lib/server/activity/chain/parallel";
import type { ChainReport } from "@/lib/server/activity/chain/verify";
import { withDatabase } from "./lib/embedded-db";

const n = (x: number) => x.toLocaleString("en");

export function describeReport(r: ChainReport): string {
  const secs = r.ms / 1000;
  const rate = secs >= 0.5 ? `, ${n(Math.round(r.rows / secs))} rows/s` : "";
  const from = r.start.seq ? ` (after the archive cut at place ${n(r.start.seq)})` : "";
  if (r.ok) {
    const head = r.head ? `; head place ${n(r.head.seq)}, hash ${r.head.hash}` : "";
    const anchors = r.anchorsMatched ? `; ${n(r.anchorsMatched)} anchor${r.anchorsMatched === 1 ? "" : "s"} matched` : "";
    return `Activity chain intact: ${n(r.rows)} row${r.rows === 1 ? "" : "s"} verified${from}${head}${anchors} (${secs.toFixed(1)} s${rate}).`;
  }
  return `Activity chain BROKEN: ${r.problem!.message}\n${n(r.rows)} row${r.rows === 1 ? "" : "s"} verified before it${from} (${secs.toFixed(1)} s).`;
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, anchors: { type: "string", multiple: true }, jobs: { type: "string" } } });
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error("--jobs must be a whole number of at least 1");
  const anchors = (await Promise.all((values.anchors ?? []).map((f) => readAnchors(f)))).flat();
  await withDatabase("audit:verify", async (url) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const progress = process.stderr.isTTY && !values.json;
      const report = await verifyChainParallel(c, url, {
        jobs,
        anchors,
        onProgress: progress ? (rows, total) => void process.stderr.write(`\r  ${n(rows)} / ${n(total)} rows...`) : undefined,
      });
      if (progress) process.stderr.write("\r\x1b[K");
      console.log(values.json ? JSON.stringify(report, null, 2) : describeReport(report));
      process.exitCode = report.ok ? 0 : 1;
    } finally {
      await c.end();
    }
  });
}

main().catch((e) => {
  const missing = /relation "activity_chain_cuts" does not exist|column "chain_seq" does not exist/.test((e as Error).message);
  console.error(`audit:verify failed: ${missing ? "the database has no activity chain yet; run npm run db:migrate first" : (e as Error).message}`);
  process.exit(2);
});
