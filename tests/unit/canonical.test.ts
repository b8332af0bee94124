// The canonical content's documented example (docs/audit-trail.md) and the
// rules that differ from plain JSON.stringify.
import fc from "fast-check";
import { canonicalContent, canonicalJson, compareCodePoints, GENESIS_HASH, isoTimestamp, jsonString, pgNumber, rowHash } from "@/lib/server/activity/canonical";
import { createHash } from "node:crypto";

describe("canonical content", () => {
  it("gives the documented bytes and hash for the documented example", () => {
    const c = canonicalContent({
      id: "01KBBK7R3A4SE2PY3BFB3E0QAB",
      timestampMs: Date.parse("2026-02-05T14:30:00.000Z"),
      userId: "01KBBK5X2M8D3Q1N7R4T6V9W0A",
      username: "admin",
      eventType: "user.created",
      resourceType: "user",
      resourceId: "01KBBK7R2Z5C8E1G4J7M0P3S6U",
      ipAddress: "192.168.1.100",
      userAgent: "Mozilla/5.0",
      detailsJson: '{"username": "john_doe", "role": "editor"}',
    });
    expect(c).toBe(
      '["sel-activity/1","01KBBK7R3A4SE2PY3BFB3E0QAB","2026-02-05T14:30:00.000Z","01KBBK5X2M8D3Q1N7R4T6V9W0A","admin","user.created","user","01KBBK7R2Z5C8E1G4J7M0P3S6U","192.168.1.100","Mozilla/5.0",{"role":"editor","username":"john_doe"}]',
    );
    expect(rowHash(GENESIS_HASH, c).toString("hex")).toBe("ccdc1976e32466f7b009c65fe2af137b3b3f0843d8b21eb6e34213a9f2d5818d");
  });

  it("writes absent fields as null", () => {
    const c = canonicalContent({ id: "x", timestampMs: 0, userId: null, username: null, eventType: "user.login_failed", resourceType: null, resourceId: null, ipAddress: null, userAgent: null, detailsJson: null });
    expect(c).toBe('["sel-activity/1","x","1970-01-01T00:00:00.000Z",null,null,"user.login_failed",null,null,null,null,null]');
  });

  it("writes every timestamp as toISOString does, in any order (the minute it keeps is only a shortcut)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.integer({ min: 1_700_000_000_000, max: 1_700_000_200_000 })), { minLength: 1, maxLength: 50 }), (stamps) => {
        for (const ms of stamps) expect(isoTimestamp(ms)).toBe(new Date(ms).toISOString());
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it("writes every string as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string()), (s) => {
        expect(jsonString(s)).toBe(JSON.stringify(s));
      }),
      { seed: 20261203, numRuns: 2000 },
    );
    for (const s of ['a"b', "back\\slash", "tab\t", "\u2028", "\ud800", "\udc00x", "😀"]) expect(jsonString(s)).toBe(JSON.stringify(s));
    expect(jsonString(null)).toBe("null");
  });

  it("hashes prev || UTF-8(content) as a streaming SHA-256 does", () => {
    const prev = Buffer.from("ab".repeat(32), "hex");
    for (const content of ["", "plain", "ünïcödé 𝄞 \u2028", "x".repeat(5000)]) {
      expect(rowHash(prev, content).toString("hex")).toBe(createHash("sha256").update(prev).update(content, "utf8").digest("hex"));
    }
  });
});

describe("canonical JSON", () => {
  it("sorts keys by code point, drops whitespace, keeps number digits", () => {
    expect(canonicalJson('{ "b" : [1.50, 1e3, -0, true, null], "a": {"\\u00e9": "\\/x\\n", "e": {}} , "\\ud83d\\ude00": [] }')).toBe(
      '{"a":{"e":{},"é":"/x\\n"},"b":[1.50,1000,0,true,null],"😀":[]}',
    );
  });

  it("orders astral characters after the rest of the BMP", () => {
    expect(["\u{1f600}", "\uffff", "\ue000", "a"].sort(compareCodePoints)).toEqual(["a", "\ue000", "\uffff", "\u{1f600}"]);
  });

  it("prints numbers as PostgreSQL's numeric does", () => {
    expect(["1e3", "1.50e1", "25e-1", "-0.0", "1E+2", "-1e-7", "0.000e5", "123"].map(pgNumber)).toEqual(["1000", "15.0", "2.5", "0.0", "100", "-0.0000001", "0", "123"]);
  });

  it("refuses text that is not JSON", () => {
    for (const bad of ["{", '{"a" 1}', "[1,]", "tru", '"open', "1 2"]) expect(() => canonicalJson(bad)).toThrow(SyntaxError);
  });
});
