import "server-only";
import { canonicalContent, rowHash, type CanonicalFields } from "../canonical";

// The chain check itself, without a database: rows are fed in place order
// and each is checked twice, on its own (its hash is SHA-256 of the hash it
// names as previous and its content) and as a link (the hash it names as
// previous is the hash of the row before it, and its place follows that
// row's). The first failure stops the walk; lib/server/activity/chain/diagnose.ts
// then says what happened there (altered, inserted, removed, moved).

export type ChainRow = CanonicalFields & { seq: number; prevHash: Buffer; rowHash: Buffer };

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
  last: ChainRow | null = null;
  private expectSeq: number;
  private expectPrev: Buffer;
  private anchors: Anchor[];
  private nextAnchor = 0;

  constructor(
    readonly start: ChainStart,
    anchors: Anchor[] = [],
  ) {
    this.expectSeq = start.seq + 1;
    this.expectPrev = start.hash;
    this.anchors = anchors.filter((a) => a.seq > start.seq).sort((a, b) => a.seq - b.seq);
  }

  /** Checks one row; returns the failure, or null when it passed and the walk moves on. */
  push(row: ChainRow): Failure | null {
    if (!rowHash(row.prevHash, canonicalContent(row)).equals(row.rowHash)) return { kind: "content", row, before: this.last };
    if (row.seq !== this.expectSeq || !row.prevHash.equals(this.expectPrev)) return { kind: "link", row, before: this.last };
    while (this.nextAnchor < this.anchors.length && this.anchors[this.nextAnchor].seq < row.seq) this.nextAnchor++;
    const anchor = this.anchors[this.nextAnchor];
    if (anchor && anchor.seq === row.seq && !anchor.hash.equals(row.rowHash)) return { kind: "anchor", row, anchor };
    this.rows++;
    this.last = row;
    this.expectSeq = row.seq + 1;
    this.expectPrev = row.rowHash;
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
