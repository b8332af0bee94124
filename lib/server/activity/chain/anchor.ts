import "server-only";
import { readFile } from "node:fs/promises";
import type { ClientBase } from "pg";
import { emitAnchor, type AnchorRecord } from "../stream";
import type { Anchor } from "./walk";

// Anchors: the chain's head (its place and hash) and the number of rows,
// written to the audit stream (stdout and AUDIT_LOG_FILE) outside the
// database: every AUDIT_ANCHOR_INTERVAL_MINUTES by the server, after each
// verification from the console, and by `npm run audit:anchor`. Someone who
// rewrites the whole table with fresh hashes leaves a chain that verifies by
// itself, but not against an anchor written before: `npm run audit:verify --
// --anchors FILE` reads them back from the audit file or from captured
// stdout (docs/audit-trail.md).

/** Reads the head now and writes it to the audit stream. */
export async function writeAnchor(c: ClientBase, reason: string): Promise<AnchorRecord> {
  const { rows } = await c.query<{ seq: string; hash: Buffer; rows: string }>(
    `SELECT h.seq::text AS seq, h.hash, (SELECT count(*) FROM activity_logs)::text AS rows FROM activity_chain_head() h`,
  );
  const a: AnchorRecord = { seq: Number(rows[0].seq), hash: rows[0].hash.toString("hex"), rows: Number(rows[0].rows), at: new Date(), reason };
  emitAnchor(a);
  return a;
}

const FILE_LINE = /^(\S+) \[INFO\] anchor=activity_chain seq=(\d+) hash=([0-9a-f]{64})\b/;

/**
 * The anchors in an audit file's text: the file's own lines and pino's JSON
 * lines (stdout as a log collector keeps it) may be mixed; other lines are
 * skipped. Anchors of an empty chain (place 0) say nothing and are left out.
 */
export function parseAnchors(text: string): Anchor[] {
  const out: Anchor[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    let m: RegExpExecArray | null;
    if (line.startsWith("{")) {
      try {
        const o = JSON.parse(line) as { audit?: unknown; anchor?: { seq?: unknown; hash?: unknown; at?: unknown } };
        const a = o.anchor;
        if (o.audit === true && a && Number.isSafeInteger(a.seq) && typeof a.hash === "string" && /^[0-9a-f]{64}$/.test(a.hash)) {
          out.push({ seq: a.seq as number, hash: Buffer.from(a.hash, "hex"), at: typeof a.at === "string" ? a.at : undefined });
        }
      } catch {
        // Not JSON after all: not an anchor.
      }
    } else if ((m = FILE_LINE.exec(line))) {
      out.push({ seq: Number(m[2]), hash: Buffer.from(m[3], "hex"), at: m[1] });
    }
  }
  // The same head anchored again (no rows since) counts once.
  const seen = new Set<string>();
  return out.filter((a) => {
    const key = `${a.seq}:${a.hash.toString("hex")}`;
    if (a.seq <= 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function readAnchors(file: string): Promise<Anchor[]> {
  return parseAnchors(await readFile(file, "utf8"));
}
