// Retention (ACTIVITY_RETENTION_DAYS): rows older than the period go to a
// gzipped CSV in DATA_DIR/archive/ with every field and hash, the cut is
// recorded, the rows are deleted, and the chain left in the database (and
// rows written after it) still verifies, starting at the cut.
import { parse } from "csv-parse/sync";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { canonicalContent, rowHash } from "@/lib/server/activity/canonical";
import { verifyChain } from "@/lib/server/activity/chain/verify";
import { ARCHIVE_COLUMNS, archiveActivity } from "@/lib/server/activity/retention";
import { pool } from "@/lib/server/db";
import { closeTestDb, resetDb } from "../helpers";

let dir: string;
beforeEach(async () => {
  await resetDb();
  dir = mkdtempSync(path.join(os.tmpdir(), "sel-archive-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(closeTestDb);

const sql = (text: string, values: unknown[] = []) => pool().query(text, values);
const NOW = new Date("2026-06-30T12:00:00Z");
const DAY = 86_400_000;

/** `n` rows a day apart, the oldest `n` days before NOW, one transaction each (places in time order). */
async function history(n: number, from = 0) {
  for (let i = 0; i < n; i++) {
    await sql(`INSERT INTO activity_logs (id, "timestamp", event_type, username, ip_address, details) VALUES ($1, $2, 'user.login', $3, '192.0.2.1', $4)`, [
      `01J${String(from + i).padStart(23, "0")}`,
      new Date(NOW.getTime() - (n - i) * DAY),
      `user${from + i}`,
      JSON.stringify({ n: from + i, note: 'quote " and, comma' }),
    ]);
  }
}

async function verify() {
  const c = await pool().connect();
  try {
    return await verifyChain(c);
  } finally {
    c.release();
  }
}

describe("activity retention", () => {
  it("is off unless ACTIVITY_RETENTION_DAYS is set", async () => {
    await history(5);
    expect(await archiveActivity({ now: NOW, dir })).toBeNull();
    expect((await sql(`SELECT count(*)::int AS n FROM activity_logs`)).rows[0].n).toBe(5);
  });

  it("archives the older rows to a gzipped CSV, records the cut, deletes them, and the rest still verifies", async () => {
    await history(100);
    const before = (await sql(`SELECT chain_seq::int AS seq, encode(row_hash, 'hex') AS hash FROM activity_logs WHERE chain_seq = 70`)).rows[0];
    const r = await archiveActivity({ now: NOW, retentionDays: 30, dir });
    // Rows 1..70 are older than 30 days (row i is 100 - i + 1 days old).
    expect(r).toMatchObject({ archived: 70, firstSeq: 1, lastSeq: 70, headHash: before.hash });
    if (!r || !("file" in r)) throw new Error("nothing archived");

    const gz = readFileSync(r.file);
    expect(path.dirname(r.file)).toBe(dir);
    expect(createHash("sha256").update(gz).digest("hex")).toBe(r.sha256);
    const records = parse(gunzipSync(gz), { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0])).toEqual(ARCHIVE_COLUMNS);
    expect(records).toHaveLength(70);
    expect(records.map((x) => Number(x.chain_seq))).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    // The archive can be checked on its own: each row's hash from its fields and the previous hash.
    let prev: Buffer = Buffer.alloc(32);
    for (const x of records) {
      expect(x.prev_hash).toBe(prev.toString("hex"));
      const content = canonicalContent({
        id: x.id,
        timestampMs: Date.parse(x.timestamp),
        userId: x.user_id || null,
        username: x.username || null,
        eventType: x.event_type,
        resourceType: x.resource_type || null,
        resourceId: x.resource_id || null,
        ipAddress: x.ip_address || null,
        userAgent: x.user_agent || null,
        detailsJson: x.details || null,
      });
      prev = rowHash(prev, content);
      expect(prev.toString("hex")).toBe(x.row_hash);
    }

    const cut = (await sql(`SELECT chain_seq::int AS seq, encode(row_hash, 'hex') AS hash, first_seq::int AS first, rows::int, archive_file, archive_sha256 FROM activity_chain_cuts`)).rows;
    expect(cut).toEqual([{ seq: 70, hash: before.hash, first: 1, rows: 70, archive_file: path.basename(r.file), archive_sha256: r.sha256 }]);
    expect((await sql(`SELECT min(chain_seq)::int AS lo, count(*)::int AS n FROM activity_logs`)).rows[0]).toEqual({ lo: 71, n: 30 });
    expect(await verify()).toMatchObject({ ok: true, rows: 30, start: { seq: 70, hash: before.hash }, head: { seq: 100 } });

    // New rows chain on; a later round continues from the cut.
    await history(10, 1000);
    expect(await verify()).toMatchObject({ ok: true, rows: 40, head: { seq: 110 } });
    const again = await archiveActivity({ now: new Date(NOW.getTime() + 10 * DAY), retentionDays: 30, dir });
    expect(again).toMatchObject({ archived: 10, firstSeq: 71, lastSeq: 80 });
    expect(await verify()).toMatchObject({ ok: true, rows: 30, start: { seq: 80 } });
    // Nothing is old enough: nothing happens.
    expect(await archiveActivity({ now: NOW, retentionDays: 30, dir })).toEqual({ archived: 0 });
  });

  it("tampering after the cut is still found, and the first remaining row must chain to the cut", async () => {
    await history(20);
    await archiveActivity({ now: NOW, retentionDays: 5, dir });
    const { rows } = await sql(`SELECT id, chain_seq::int AS seq FROM activity_logs ORDER BY chain_seq LIMIT 1`);
    await sql(`UPDATE activity_logs SET username = 'changed' WHERE id = $1`, [rows[0].id]);
    expect(await verify()).toMatchObject({ ok: false, problem: { kind: "altered", rowId: rows[0].id, seq: rows[0].seq } });
  });

  it("refuses to archive a broken part of the chain: the evidence stays", async () => {
    await history(20);
    await sql(`UPDATE activity_logs SET username = 'changed' WHERE chain_seq = 3`);
    const r = await archiveActivity({ now: NOW, retentionDays: 5, dir });
    expect(r).toMatchObject({ archived: 0, refused: expect.stringContaining("place 3") });
    expect((await sql(`SELECT count(*)::int AS n FROM activity_logs`)).rows[0].n).toBe(20);
    expect((await sql(`SELECT count(*)::int AS n FROM activity_chain_cuts`)).rows[0].n).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
