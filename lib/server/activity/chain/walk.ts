import "server-only";
import { canonicalContent, canonicalContentOf, isoFromPgTimestamp, pgTimestampMs, rowHash, type CanonicalFields } from "../canonical";

// The chain check itself, without a database: rows are fed in place order
// and each is checked twice, on its own (its hash is SHA-256 of the hash it
// names as previous and its content) and as a link (the hash it names as
// previous is the hash of the row before it, and its place follows that
// row's). The first failure stops the walk; lib/server/activity/chain/diagnose.ts
// then says what happened there (altered, inserted, removed, moved).

export type ChainRow = CanonicalFields & { seq: number; prevHash: Buffer; rowHash: Buffer };

/**
 * The columns a chain walk reads, in the order toChainRow and
 * ChainWalker.passRaw expect: read with rowMode "array", CHAIN_READ_TYPES
 * and, in the reading transaction, CHAIN_READ_SETTINGS.
 */
export const CHAIN_COLUMNS = `a.chain_seq, id, "timestamp", user_id, username, event_type,
  resource_type, resource_id, ip_address, user_agent, details::text, prev_hash, row_hash`;
/** Every column as the text PostgreSQL sends (no parsing by pg). */
export const CHAIN_READ_TYPES = { getTypeParser: () => (v: string) => v };
/** The text forms toChainRow and passRaw read: bytea as hex, timestamps as ISO in UTC. */
export const CHAIN_READ_SETTINGS = "SET LOCAL bytea_output = 'hex'; SET LOCAL timezone = 'UTC'; SET LOCAL datestyle = 'ISO, YMD'";

const EMPTY = Buffer.alloc(0);
/** A bytea as pg parses it (Buffer) or as text in PostgreSQL's hex output ("\\x" + hex). */
const bytes = (v: unknown): Buffer => (typeof v === "string" ? Buffer.from(v.slice(2), "hex") : EMPTY);
const STORED = Buffer.alloc(32);
const hexText = (b: Buffer) => `\\x${b.toString("hex")}`;

/** A row of CHAIN_COLUMNS as text. */
export function toChainRow(r: unknown[]): ChainRow {
  return {
    seq: Number(r[0]),
    id: r[1] as string,
    timestampMs: pgTimestampMs(r[2] as string),
    userId: r[3] as string | null,
    username: r[4] as string | null,
    eventType: r[5] as string,
    resourceType: r[6] as string | null,
    resourceId: r[7] as string | null,
    ipAddress: r[8] as string | null,
    userAgent: r[9] as string | null,
    detailsJson: r[10] as string | null,
    prevHash: bytes(r[11]),
    rowHash: bytes(r[12]),
  };
}

/** Where a walk starts: after place `seq`, whose hash is `hash` (0 and zeros, or an archive's cut). */
export type ChainStart = { seq: number; hash: Buffer };

/** A head recorded outside the database (an anchor): the row at `seq` must have this hash. */
export type Anchor = { seq: number; hash: Buffer; at?: string };

export type Failure =
  /** The row's stored hash is not SHA-256 of its prev_hash and its content. */
  | { kind: "content"; row: ChainRow; before: ChainRow | null }
  /** The row is sound but names another previous hash than the row before it has, or its place does not follow. */
  | { kind: "link"; row: ChainRow; before: ChainRow | null }
  /** The row's hash differs from an anchor's hash for its place. */
  | { kind: "anchor"; row: ChainRow; anchor: Anchor };

export class ChainWalker {
  /** Rows that passed. */
  rows = 0;
  private lastRow: ChainRow | null = null;
  /** The last row that passed by passRaw, decoded only when asked for. */
  private lastRaw: unknown[] | null = null;
  private expectSeq: number;
  private expectPrev: Buffer;
  /** expectPrev as PostgreSQL's bytea hex output, to compare with a raw row's text. */
  private expectPrevHex: string;
  private anchors: Anchor[];
  private nextAnchor = 0;

  constructor(
    readonly start: ChainStart,
    anchors: Anchor[] = [],
  ) {
    this.expectSeq = start.seq + 1;
    this.expectPrev = start.hash;
    this.expectPrevHex = hexText(start.hash);
    this.anchors = anchors.filter((a) => a.seq > start.seq).sort((a, b) => a.seq - b.seq);
  }

  /** The last row that passed. */
  get last(): ChainRow | null {
    if (this.lastRaw) {
      this.lastRow = toChainRow(this.lastRaw);
      this.lastRaw = null;
    }
    return this.lastRow;
  }

  /**
   * The verifier's hot path: a row of CHAIN_COLUMNS with every column as
   * text (bytea in hex output). True when the row passed, exactly as push
   * would pass it; false, with nothing changed, when it did not: push the
   * decoded row then to name the failure. No object per row, the hashes
   * compared as text, one hash computed.
   */
  passRaw(r: unknown[]): boolean {
    const seq = Number(r[0]);
    const rowHex = r[12];
    if (seq !== this.expectSeq || r[11] !== this.expectPrevHex || typeof rowHex !== "string" || rowHex.length !== 66) return false;
    const iso = isoFromPgTimestamp(r[2] as string);
    if (iso === null) return false;
    const content = canonicalContentOf(
      r[1] as string,
      iso,
      r[3] as string | null,
      r[4] as string | null,
      r[5] as string,
      r[6] as string | null,
      r[7] as string | null,
      r[8] as string | null,
      r[9] as string | null,
      r[10] as string | null,
    );
    const digest = rowHash(this.expectPrev, content);
    // The stored hash into a scratch buffer rather than the digest into a string: no string per row.
    if (STORED.write(rowHex.slice(2), "hex") !== 32 || !digest.equals(STORED)) return false;
    if (this.anchorAt(seq, digest)) return false;
    this.rows++;
    this.lastRaw = r;
    this.lastRow = null;
    this.expectSeq = seq + 1;
    this.expectPrev = digest;
    this.expectPrevHex = rowHex;
    return true;
  }

  /** The anchor for place `seq` when its hash differs from `hash`. */
  private anchorAt(seq: number, hash: Buffer): Anchor | null {
    while (this.nextAnchor < this.anchors.length && this.anchors[this.nextAnchor].seq < seq) this.nextAnchor++;
    const anchor = this.anchors[this.nextAnchor];
    return anchor && anchor.seq === seq && !anchor.hash.equals(hash) ? anchor : null;
  }

  /** Checks one row; returns the failure, or null when it passed and the walk moves on. */
  push(row: ChainRow): Failure | null {
    if (!rowHash(row.prevHash, canonicalContent(row)).equals(row.rowHash)) return { kind: "content", row, before: this.last };
    if (row.seq !== this.expectSeq || !row.prevHash.equals(this.expectPrev)) return { kind: "link", row, before: this.last };
    const anchor = this.anchorAt(row.seq, row.rowHash);
    if (anchor) return { kind: "anchor", row, anchor };
    this.rows++;
    this.lastRow = row;
    this.lastRaw = null;
    this.expectSeq = row.seq + 1;
    this.expectPrev = row.rowHash;
    this.expectPrevHex = hexText(row.rowHash);
    return null;
  }

  /** Anchors past the last row passed: the chain is shorter than it once was. */
  anchorsBeyondEnd(): Anchor[] {
    const end = this.last?.seq ?? this.start.seq;
    return this.anchors.filter((a) => a.seq > end);
  }

  /** Anchors whose place the walk passed (and whose hash matched). */
  anchorsMatched(): number {
    const end = this.last?.seq ?? this.start.seq;
    return this.anchors.filter((a) => a.seq <= end).length;
  }
}
