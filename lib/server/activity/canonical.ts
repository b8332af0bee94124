import "server-only";
import { hash } from "node:crypto";

// The canonical content of an activity row and its chain hash, as the
// verifier computes them. The database computes the same bytes when it
// chains a row (activity_canonical() in the activity_chain migration);
// docs/audit-trail.md defines the format. Nothing here asks PostgreSQL:
// given a row's fields (from the table, or from an archive's CSV) anyone can
// recompute its hash.
//
//   content = ["sel-activity/1", id, timestamp, user_id, username, event_type,
//              resource_type, resource_id, ip_address, user_agent, details]
//   hash    = SHA-256(prev_hash || UTF-8(content))
//
// as JSON without whitespace: strings escaped as JSON.stringify does, absent
// values null, the timestamp as ISO 8601 UTC with milliseconds, details as
// canonical JSON (object keys sorted by code point; numbers written as
// PostgreSQL's numeric prints them: plain decimals, e.g. 1e3 is 1000 and 1.50
// stays 1.50).

export const FORMAT = "sel-activity/1";
/** The hash the first row chains to: 32 zero bytes. */
export const GENESIS_HASH = Buffer.alloc(32);

export type CanonicalFields = {
  id: string;
  /** Milliseconds since the epoch (the column has millisecond precision). */
  timestampMs: number;
  userId: string | null;
  username: string | null;
  eventType: string;
  resourceType: string | null;
  resourceId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  /** The details column as JSON text (any whitespace and key order), or null. */
  detailsJson: string | null;
};

// Characters JSON.stringify escapes (and surrogates, which it may): a string without any is written as is.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** JSON.stringify(s) for a string, null as null; a third faster for the plain strings rows are made of. */
export const jsonString = (s: string | null) => (s === null ? "null" : NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);
const str = jsonString;

/**
 * A timestamptz as PostgreSQL writes it with TimeZone UTC and DateStyle ISO
 * ("2026-02-05 14:30:00.5+00"), as Date#toISOString would write it
 * ("2026-02-05T14:30:00.500Z"); null for any other shape (a year past 9999,
 * BC, more than milliseconds), which the caller then reads the slow way.
 */
export function isoFromPgTimestamp(t: string): string | null {
  const n = t.length;
  if (n < 22 || n > 26 || t.charCodeAt(4) !== 45 || t.charCodeAt(10) !== 32 || !t.endsWith("+00")) return null;
  const base = `${t.slice(0, 10)}T${t.slice(11, 19)}`;
  if (n === 22) return `${base}.000Z`;
  if (t.charCodeAt(19) !== 46) return null;
  return `${base}.${t.slice(20, n - 3).padEnd(3, "0")}Z`;
}

/** Milliseconds since the epoch of a timestamptz written as isoFromPgTimestamp reads it (NaN when unreadable). */
export function pgTimestampMs(t: string): number {
  return Date.parse(isoFromPgTimestamp(t) ?? t.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));
}

// The timestamp as Date#toISOString writes it. A verifier walks rows in time
// order, so the minute's prefix ("YYYY-MM-DDTHH:MM:") is kept and only the
// seconds and milliseconds are written: toISOString per row was a fifth of
// the content's cost. Years outside 0000-9999 take toISOString's own path.
const MAX_4_DIGIT_YEAR_MS = 253_402_300_800_000;
let isoMinute = Number.NaN;
let isoPrefix = "";
export function isoTimestamp(ms: number): string {
  if (!(ms >= 0 && ms < MAX_4_DIGIT_YEAR_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const minute = Math.floor(ms / 60_000);
  if (minute !== isoMinute) {
    isoPrefix = new Date(minute * 60_000).toISOString().slice(0, 17);
    isoMinute = minute;
  }
  const rest = ms - minute * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  return `${isoPrefix}${sec < 10 ? "0" : ""}${sec}.${milli < 10 ? "00" : milli < 100 ? "0" : ""}${milli}Z`;
}

export function canonicalContent(f: CanonicalFields): string {
  return canonicalContentOf(f.id, isoTimestamp(f.timestampMs), f.userId, f.username, f.eventType, f.resourceType, f.resourceId, f.ipAddress, f.userAgent, f.detailsJson);
}

/** canonicalContent from the fields in their canonical order, the timestamp already written (no object per row: the verifier's hot path). */
export function canonicalContentOf(
  id: string,
  timestampIso: string,
  userId: string | null,
  username: string | null,
  eventType: string,
  resourceType: string | null,
  resourceId: string | null,
  ipAddress: string | null,
  userAgent: string | null,
  detailsJson: string | null,
): string {
  return (
    `["${FORMAT}",${str(id)},"${timestampIso}",${str(userId)},${str(username)},${str(eventType)},` +
    `${str(resourceType)},${str(resourceId)},${str(ipAddress)},${str(userAgent)},${detailsJson === null ? "null" : canonicalJson(detailsJson)}]`
  );
}

/** SHA-256(prev || UTF-8(content)): one buffer, one-shot hash (no Hash object per row). */
export function rowHash(prev: Uint8Array, content: string): Buffer {
  const input = Buffer.allocUnsafe(prev.length + Buffer.byteLength(content, "utf8"));
  input.set(prev, 0);
  input.write(content, prev.length, "utf8");
  return hash("sha256", input, "buffer");
}

// ---- Canonical JSON from JSON text. A small parser rather than JSON.parse:
// JSON.parse turns numbers into doubles, which would rewrite 1.50 as 1.5 and
// 1000000000000000000000 as 1e+21; the canonical form keeps each number's
// decimal digits, as PostgreSQL stores them.

/** Compares two strings by code point (UTF-16 order differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return order(x) - order(y);
  }
  return a.length - b.length;
}
// Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, so they sort after 0xE000-0xFFFF.
const order = (u: number) => (u < 0xd800 ? u : u < 0xe000 ? u + 0x2000 : u - 0x800);

const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const NEGATIVE_ZERO = /^-0(?:\.0+)?$/;

/**
 * A JSON number as PostgreSQL's numeric prints it: plain decimal, as many
 * decimals as written less the exponent (1.50e1 is 15.0, 1e3 is 1000,
 * 25e-1 is 2.5), no minus sign on zero.
 */
export function pgNumber(lexeme: string): string {
  if (PLAIN_NUMBER.test(lexeme) && !NEGATIVE_ZERO.test(lexeme)) return lexeme;
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(lexeme);
  if (!m) throw new SyntaxError(`not a JSON number: ${lexeme}`);
  const frac = m[3] ?? "";
  const exp = Number(m[4] ?? 0);
  // PostgreSQL refuses numbers this far out, so no stored row has one.
  if (Math.abs(exp) > 200_000) throw new SyntaxError(`number out of range: ${lexeme}`);
  let digits = m[2] + frac;
  let point = m[2].length + exp;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const dec = digits.slice(point);
  const zero = /^0*$/.test(int) && /^0*$/.test(dec);
  return `${m[1] && !zero ? "-" : ""}${int}${dec ? `.${dec}` : ""}`;
}

class JsonText {
  i = 0;
  constructor(readonly s: string) {}

  fail(what: string): never {
    throw new SyntaxError(`details is not valid JSON: ${what} at ${this.i}`);
  }

  ws() {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else return;
    }
  }

  /** A string token, returned canonically escaped; `decoded` receives the value. */
  string(): { canonical: string; decoded: string } {
    const s = this.s;
    const start = this.i;
    let escaped = false;
    let j = start + 1;
    for (;;) {
      const c = s.charCodeAt(j);
      if (Number.isNaN(c)) this.fail("unterminated string");
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        j += 2;
        continue;
      }
      if (c < 32) this.fail("control character in string");
      j++;
    }
    this.i = j + 1;
    const raw = s.slice(start, j + 1);
    // Without a backslash the text already is its canonical form.
    if (!escaped) return { canonical: raw, decoded: raw.slice(1, -1) };
    const decoded = JSON.parse(raw) as string;
    return { canonical: JSON.stringify(decoded), decoded };
  }

  number(): string {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const hit = m.exec(this.s);
    if (!hit) this.fail("bad number");
    this.i = m.lastIndex;
    return pgNumber(hit[0]);
  }

  value(): string {
    this.ws();
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) return this.string().canonical;
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    for (const lit of ["true", "false", "null"]) {
      if (s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return lit;
      }
    }
    return this.fail("unexpected character");
  }

  object(): string {
    this.i++;
    this.ws();
    const members: { key: string; text: string }[] = [];
    if (this.s.charCodeAt(this.i) === 125) {
      this.i++;
      return "{}";
    }
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) !== 34) this.fail("expected a key");
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.i) !== 58) this.fail("expected ':'");
      this.i++;
      members.push({ key: key.decoded, text: `${key.canonical}:${this.value()}` });
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 125) break;
      if (c !== 44) this.fail("expected ',' or '}'");
    }
    if (members.length > 1) members.sort((a, b) => compareCodePoints(a.key, b.key));
    // JSON text may repeat a key; jsonb keeps the last one, and so does this.
    const out: string[] = [];
    for (let k = 0; k < members.length; k++) {
      if (k + 1 < members.length && members[k + 1].key === members[k].key) continue;
      out.push(members[k].text);
    }
    return `{${out.join(",")}}`;
  }

  array(): string {
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) {
      this.i++;
      return "[]";
    }
    const items: string[] = [];
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s.charCodeAt(this.i++);
      if (c === 93) break;
      if (c !== 44) this.fail("expected ',' or ']'");
    }
    return `[${items.join(",")}]`;
  }
}

/** Canonical JSON of any JSON text: the same string activity_canonical_json() makes of it as jsonb. */
export function canonicalJson(text: string): string {
  const p = new JsonText(text);
  const out = p.value();
  p.ws();
  if (p.i !== text.length) p.fail("trailing characters");
  return out;
}
