// The canonical content is computed twice, by PostgreSQL when a row is
// chained and by the verifier in Node; both must give the same bytes for
// every value a row can hold. Random JSON (any Unicode, control characters,
// numbers in every notation) and random rows are run through both.
import fc from "fast-check";
import { ulid } from "ulid";
import { canonicalContent, canonicalJson, compareCodePoints, isoFromPgTimestamp, pgNumber, pgTimestampMs, rowHash } from "@/lib/server/activity/canonical";
import { verifyChain } from "@/lib/server/activity/chain/verify";
import { CHAIN_COLUMNS, CHAIN_READ_SETTINGS, CHAIN_READ_TYPES } from "@/lib/server/activity/chain/walk";
import { pool } from "@/lib/server/db";
import { closeTestDb, resetDb } from "../helpers";

beforeAll(resetDb);
afterAll(closeTestDb);

const RUNS = Number(process.env.CANONICAL_RUNS || 300);

// PostgreSQL text cannot hold U+0000 (nor can jsonb strings).
const text = fc.string({ unit: "binary", maxLength: 12 }).map((s) => s.replace(/\u0000/g, ""));
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((b) => b.toString()),
);
const { value: json } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, number, fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(text, tie("value"), { maxKeys: 5 }),
}));
// Numbers as a client may write them: exponents, trailing zeros, negative zero.
const lexeme = fc
  .tuple(fc.boolean(), fc.nat(99999), fc.option(fc.stringMatching(/^\d{1,6}$/)), fc.option(fc.integer({ min: -30, max: 30 })), fc.constantFrom("e", "E"))
  .map(([neg, int, frac, exp, e]) => `${neg ? "-" : ""}${int}${frac !== null ? `.${frac}` : ""}${exp !== null ? `${e}${exp > 0 && exp % 2 ? "+" : ""}${exp}` : ""}`);

// bigints arrive as strings, written into the JSON text as bare numbers.
const toText = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === "string" && /^-?\d{16,}$/.test(x) ? `@@${x}@@` : x)).replace(/"@@(-?\d+)@@"/g, "$1");

async function pgCanonical(jsonTexts: string[]): Promise<{ canonical: string; printed: string }[]> {
  const { rows } = await pool().query<{ canonical: string; printed: string }>(
    `SELECT activity_canonical_json(t::jsonb) AS canonical, t::jsonb::text AS printed FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
    [jsonTexts],
  );
  return rows;
}

describe("canonical JSON: Node and PostgreSQL agree", () => {
  it("on random JSON values, from the client's text and from PostgreSQL's", async () => {
    const samples = fc.sample(json, { numRuns: RUNS, seed: 4242 }).map(toText);
    const pg = await pgCanonical(samples);
    samples.forEach((s, i) => {
      expect(canonicalJson(s)).toBe(pg[i].canonical);
      expect(canonicalJson(pg[i].printed)).toBe(pg[i].canonical);
    });
  });

  it("on numbers in every notation", async () => {
    const samples = [...fc.sample(lexeme, { numRuns: RUNS, seed: 7 }), "0", "-0", "-0.000", "1e400", "1.50", "1.50e1", "25e-1", "0.000e5", "1E+2", "-1e-7", "123456789012345678901234567890"];
    const { rows } = await pool().query<{ out: string }>(`SELECT t::jsonb::text AS out FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`, [samples]);
    samples.forEach((s, i) => expect([s, pgNumber(s)]).toEqual([s, rows[i].out]));
  });

  it("sorts keys by code point, as COLLATE \"C\" does", async () => {
    const keys = ["b", "a", "é", "z", "\uffff", "\u{1f600}", "\ue000", "A", "", "aa", "a\u0000".slice(0, 1) + "b"];
    const obj = Object.fromEntries(keys.map((k, i) => [k, i]));
    const [pg] = await pgCanonical([JSON.stringify(obj)]);
    expect(canonicalJson(JSON.stringify(obj))).toBe(pg.canonical);
    expect(["\u{1f600}", "\uffff", "\ue000"].sort(compareCodePoints)).toEqual(["\ue000", "\uffff", "\u{1f600}"]);
  });

  it("keeps the last of repeated keys, as jsonb does", async () => {
    const [pg] = await pgCanonical(['{"a": 1, "b": 2, "a": 3}']);
    expect(canonicalJson('{"a": 1, "b": 2, "a": 3}')).toBe(pg.canonical);
  });
});

describe("row content and hash: Node and PostgreSQL agree", () => {
  it("on random rows chained by the database", async () => {
    const nullable = fc.option(text.map((s) => s.slice(0, 26)), { nil: null });
    const rows = fc.sample(
      fc.record({
        ms: fc.integer({ min: 0, max: 253402300799999 }),
        userId: nullable,
        username: nullable,
        eventType: text,
        resourceType: nullable,
        resourceId: nullable,
        ip: nullable,
        ua: fc.option(text, { nil: null }),
        details: fc.option(json.map(toText), { nil: null }),
      }),
      { numRuns: RUNS, seed: 99 },
    );
    const ids = rows.map(() => ulid());
    await pool().query(
      `INSERT INTO activity_logs (id, "timestamp", user_id, username, event_type, resource_type, resource_id, ip_address, user_agent, details)
       SELECT * FROM unnest($1::varchar[], $2::timestamptz[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::jsonb[])`,
      [
        ids,
        rows.map((r) => new Date(r.ms).toISOString()),
        rows.map((r) => r.userId),
        rows.map((r) => r.username),
        rows.map((r) => r.eventType),
        rows.map((r) => r.resourceType),
        rows.map((r) => r.resourceId),
        rows.map((r) => r.ip),
        rows.map((r) => r.ua),
        rows.map((r) => r.details),
      ],
    );
    const { rows: stored } = await pool().query(
      `SELECT id, activity_canonical(a) AS canonical, prev_hash, row_hash, details::text AS details FROM activity_logs a WHERE id = ANY($1)`,
      [ids],
    );
    expect(stored).toHaveLength(rows.length);
    const byId = new Map(stored.map((s) => [s.id as string, s]));
    ids.forEach((id, i) => {
      const r = rows[i];
      const s = byId.get(id)!;
      const content = canonicalContent({
        id,
        timestampMs: r.ms,
        userId: r.userId,
        username: r.username,
        eventType: r.eventType,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        ipAddress: r.ip,
        userAgent: r.ua,
        detailsJson: s.details,
      });
      expect(content).toBe(s.canonical);
      expect(rowHash(s.prev_hash, content).toString("hex")).toBe(s.row_hash.toString("hex"));
    });

    // The walk reads the same rows as text (timestamps in PostgreSQL's ISO form) and passes every one.
    const c = await pool().connect();
    try {
      await c.query("BEGIN");
      await c.query(CHAIN_READ_SETTINGS);
      const { rows: raw } = await c.query({ text: `SELECT ${CHAIN_COLUMNS} FROM activity_logs a WHERE id = ANY($1)`, values: [ids], rowMode: "array", types: CHAIN_READ_TYPES });
      await c.query("COMMIT");
      const msOf = new Map(ids.map((id, i) => [id, rows[i].ms]));
      for (const r of raw as string[][]) {
        const want = new Date(msOf.get(r[1])!).toISOString();
        expect({ text: r[2], iso: isoFromPgTimestamp(r[2]) }).toEqual({ text: r[2], iso: want });
        expect(pgTimestampMs(r[2])).toBe(msOf.get(r[1]));
      }
      expect(await verifyChain(c)).toMatchObject({ ok: true, rows: rows.length });
    } finally {
      c.release();
    }
  });
});
