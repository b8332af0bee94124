import "server-only";
import { canonicalContent, rowHash } from "../canonical";
import type { Anchor, ChainRow, ChainStart, Failure } from "./walk";

// What the first failure of a walk means. A row's own hash says whether its
// content changed; the links around it say whether rows were inserted,
// removed or moved:
//
// - content fails, and the next row chains to what this row chains to: this
//   row was put in (inserted); otherwise it was changed (altered).
// - a sound row names the same previous hash as the row before it: that row
//   was put in before it (inserted, with a well-made hash).
// - a sound row names the hash of a row that is elsewhere: it was moved
//   (reordered).
// - a sound row's place skips ahead: the rows between were taken out
//   (removed).
// - a sound row names a hash no row has, at the next place: the row before
//   was rewritten with a new hash, or rows were removed and the places
//   renumbered (broken; both are named).

export type ProblemKind = "altered" | "inserted" | "removed" | "reordered" | "broken" | "rewritten";

export type ChainProblem = {
  kind: ProblemKind;
  /** The row named (null when it is gone). */
  rowId: string | null;
  /** Its place in the chain, or the first missing place. */
  seq: number | null;
  message: string;
};

export type DiagnoseHelpers = {
  /** The row after the failing one in place order, if any. */
  next: () => Promise<ChainRow | null>;
  /** A row whose own hash is `hash`. */
  findByHash: (hash: Buffer) => Promise<{ id: string; seq: number } | null>;
};

const contentOk = (r: ChainRow) => rowHash(r.prevHash, canonicalContent(r)).equals(r.rowHash);
const at = (r: { id: string; seq: number }) => `row ${r.id} (place ${r.seq})`;
const Cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export async function diagnose(f: Failure, start: ChainStart, h: DiagnoseHelpers): Promise<ChainProblem> {
  const { row } = f;
  if (f.kind === "anchor") {
    const when = f.anchor.at ? ` of ${f.anchor.at}` : "";
    return {
      kind: "rewritten",
      rowId: row.id,
      seq: row.seq,
      message: `${Cap(at(row))} does not have the hash the anchor${when} recorded for its place: the chain was rewritten up to here.`,
    };
  }
  const before = f.before;
  const expectPrev = before?.rowHash ?? start.hash;
  const expectSeq = (before?.seq ?? start.seq) + 1;
  const after = before ? `after ${at(before)}` : start.seq ? `after the archive cut at place ${start.seq}` : "at the start of the chain";

  if (f.kind === "content") {
    const next = await h.next();
    if (next && contentOk(next) && (next.prevHash.equals(row.prevHash) || next.prevHash.equals(expectPrev))) {
      return { kind: "inserted", rowId: row.id, seq: row.seq, message: `${Cap(at(row))} was inserted ${after}: the row after it chains to the row before it.` };
    }
    return { kind: "altered", rowId: row.id, seq: row.seq, message: `${Cap(at(row))} was altered: its content no longer matches its hash.` };
  }

  if (before && row.prevHash.equals(before.prevHash)) {
    return {
      kind: "inserted",
      rowId: before.id,
      seq: before.seq,
      message: `${Cap(at(before))} was inserted: it and the row after it, ${at(row)}, chain to the same row.`,
    };
  }
  const source = await h.findByHash(row.prevHash);
  if (source && source.id !== before?.id) {
    return {
      kind: "reordered",
      rowId: row.id,
      seq: row.seq,
      message: `${Cap(at(row))} was moved: it was written right after ${at(source)}, but stands ${after}.`,
    };
  }
  if (row.seq > expectSeq) {
    const n = row.seq - expectSeq;
    const places = n === 1 ? `place ${expectSeq}` : `places ${expectSeq}-${row.seq - 1}`;
    return {
      kind: "removed",
      rowId: null,
      seq: expectSeq,
      message: `${n} row${n === 1 ? " was" : "s were"} removed ${after}, before ${at(row)} (${places}).`,
    };
  }
  return {
    kind: "broken",
    rowId: row.id,
    seq: row.seq,
    message: before
      ? `${Cap(at(row))} chains to a hash no row has: ${at(before)} was rewritten with a new hash, or rows between them were removed and the places renumbered.`
      : `${Cap(at(row))} does not chain to the start of the chain (${after}): rows before it were removed, or it was rewritten.`,
  };
}

/** After a walk that found nothing: anchors beyond its end mean rows were cut off the end. */
export function problemAtEnd(lastSeq: number, beyond: Anchor[]): ChainProblem | null {
  if (!beyond.length) return null;
  const a = beyond[beyond.length - 1];
  return {
    kind: "removed",
    rowId: null,
    seq: lastSeq + 1,
    message: `The chain ends at place ${lastSeq}, but an anchor${a.at ? ` of ${a.at}` : ""} recorded place ${a.seq}: the rows after place ${lastSeq} were removed.`,
  };
}
