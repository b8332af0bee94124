// fast-check generators of hostile input, shared by the HTTP run
// (e2e/proof-fuzz.spec.ts) and the server-action run
// (tests/proof/action-fuzz.test.ts): strings that break parsers and
// databases, values of the wrong type, objects shaped by a zod schema's keys
// with each field missing, wrong or hostile and extra fields beside them,
// query strings, path ids and request bodies that are not what a route
// expects. Nothing here knows a secret, so nothing generated can succeed
// where it should not.
import fc from "fast-check";

const ULID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Strings that have broken servers before: NUL, lone surrogates, RTL marks, huge numbers, look-alike ids. */
const EDGE_STRINGS = [
  "", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d", "\ufeff", "\u202e", "\u2028", "\r\n", "\t", "\u0007",
  "𝕏𝕐", "👩‍👩‍👧‍👦", "e\u0301", "İ", "ß", "ﬀ", "Ω", "\uffff", "%00", "%", "%zz", "%C0%80", "../../etc/passwd", "..%2f..",
  "<script>alert(1)</script>", "' OR 1=1 --", "\\", '"', "`", "${7*7}", "{{7*7}}", "null", "undefined", "NaN", "Infinity",
  "-1", "0", "-0", "1e309", "0x10", "1.5", "9".repeat(400), "__proto__", "constructor", "prototype", "toString", "$gt",
  "{}", "[]", "true", "2026-02-30", "2026-13-01", "0000-01-01", "1969-12-31", "9999-12-31", "10000-01-01", "2026-02-05T14:30:00Z",
  "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01arz3ndektsv4rrffq69g5fav", "0".repeat(26), "Z".repeat(26), "8ZZZZZZZZZZZZZZZZZZZZZZZZZ",
  "01ARZ3NDEKTSV4RRFFQ69G5FA", "01ARZ3NDEKTSV4RRFFQ69G5FAVX", "01ARZ3NDEKTSV4RRFFQ69G5FAI", "admin", "ADMIN", "admin@localhost.invalid",
  "a@b", "@", "a@b.c".padStart(300, "a"), "user.login", "USER.LOGIN", "eyJ9", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
];

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** A hostile string: edge cases, any UTF-16 (lone surrogates included), control characters, sometimes huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: codeUnit, maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("a", "\u0000", "é", "😀", "%"), fc.integer({ min: 200, max: 20_000 })).map(([c, n]) => c.repeat(n)) },
);

/** Any JSON value, hostile strings inside. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** JSON nested far deeper than any real body: parsers and loggers must not overflow. */
export const deepJson: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 1000, max: 50_000 }), fc.boolean()).map(([n, arr]) =>
  arr ? "[".repeat(n) + "]".repeat(n) : '{"a":'.repeat(n) + "1" + "}".repeat(n),
);

/** Values that look right for a field of this name, so the hostile parts reach deeper checks. */
function plausible(key: string): fc.Arbitrary<unknown> {
  const k = key.toLowerCase();
  if (k.includes("email")) return fc.oneof(fc.emailAddress(), fc.constantFrom("A@B.CO", " a@b.co ", "a@b", "a@@b.co", "a@b.co\u0000"));
  if (k === "username") return fc.oneof(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{1,30}[A-Za-z0-9]$/), fc.constantFrom("ab", "a".repeat(51), "-lead", "tail.", "ünï", "a b"));
  if (k === "role") return fc.constantFrom("admin", "editor", "viewer", "Admin", "superadmin", "", " admin ");
  if (k === "status") return fc.constantFrom("active", "inactive", "pending", "deleted", "ACTIVE", "");
  if (k.includes("token")) return fc.oneof(fc.base64String({ minLength: 40, maxLength: 48 }), fc.string({ unit: fc.constantFrom(..."ABCxyz019-_"), minLength: 43, maxLength: 43 }));
  if (k.includes("password")) return fc.oneof(fc.constantFrom("Correct-Horse-42!", "short", "a".repeat(129), "password123!A", "x".repeat(2000)), fc.string({ maxLength: 40 }));
  if (k === "limit") return fc.oneof(fc.constantFrom("0", "1", "50", "100", "101", "-1", "1.5", "1e2", "abc", " 5 ", "00010"), fc.integer());
  if (k === "after" || k === "before" || k.includes("cursor")) return fc.oneof(fc.base64String({ maxLength: 60 }), fc.ulid().map((u) => Buffer.from(`u:${u}`).toString("base64url")), hostileString);
  if (k.includes("date")) return fc.oneof(fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10))), fc.constantFrom("2026-02-30", "2026-2-5", "0000-01-01"));
  if (k.endsWith("id")) return ulidish;
  if (k.includes("type")) return fc.oneof(fc.constantFrom("user.login", "user", "event.created", "x".repeat(65), "USER", "user..login"), fc.stringMatching(/^[a-z][a-z0-9_.]{0,70}$/));
  if (k === "search") return hostileString;
  return hostileString;
}

/** Ids: unknown ULIDs in any case, one letter off, wrong length, not base32 at all. */
export const ulidish: fc.Arbitrary<string> = fc.oneof(
  fc.ulid(),
  fc.ulid().map((u) => u.toLowerCase()),
  fc.tuple(fc.ulid(), fc.constantFrom("I", "L", "O", "U", "!", "é", " ")).map(([u, c]) => u.slice(0, 25) + c),
  fc.string({ unit: fc.constantFrom(...ULID_CHARS), minLength: 0, maxLength: 40 }),
  hostileString,
);

/** A value for a named field: right-looking, hostile, or of the wrong type. */
export function fieldValue(key: string): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: plausible(key) }, { weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: hostileJson });
}

/** An object with the schema's keys (each maybe missing, right-looking, hostile or mistyped) and maybe extra keys. */
export function objectFor(keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(keys.map((k) => [k, fieldValue(k)]));
  return fc
    .tuple(fc.record(model, { requiredKeys: [] }), fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(hostileString, hostileJson, { maxKeys: 3 }) }))
    .map(([fields, extra]) => ({ ...extra, ...fields }));
}

/** The keys of a zod object schema (refined ones included), or none. */
export function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

export type Body = { contentType?: string; data?: string | Uint8Array; label: string };

const enc = (s: string) => new TextEncoder().encode(s);

/** Request bodies: objects shaped by the keys, other JSON, not JSON, invalid UTF-8, forms, deeply nested, oversized. */
export function bodyFor(keys: string[]): fc.Arbitrary<Body> {
  const json = (v: unknown, label: string): Body => ({ contentType: "application/json", data: JSON.stringify(v) ?? "null", label });
  return fc.oneof(
    { weight: 10, arbitrary: objectFor(keys).map((o) => json(o, "object")) },
    { weight: 2, arbitrary: hostileJson.map((v) => json(v, "json")) },
    { weight: 2, arbitrary: hostileString.map((s) => ({ contentType: "application/json", data: s, label: "not-json" })) },
    { weight: 1, arbitrary: fc.constant<Body>({ label: "empty" }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({ contentType: "application/json", data: b, label: "bytes" })) },
    { weight: 1, arbitrary: objectFor(keys).map((o) => ({ contentType: "application/x-www-form-urlencoded", data: new URLSearchParams(Object.entries(o).map(([k, v]) => [k, typeof v === "string" ? v : (JSON.stringify(v) ?? "")])).toString(), label: "form" })) },
    { weight: 1, arbitrary: fc.constantFrom("text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/xml").chain((ct) => objectFor(keys).map((o) => ({ contentType: ct, data: JSON.stringify(o), label: "content-type" }))) },
    { weight: 1, arbitrary: deepJson.map((d) => ({ contentType: "application/json", data: d, label: "deep" })) },
    { weight: 1, arbitrary: fc.integer({ min: 1024 * 1024 - 16, max: 1024 * 1024 + 4096 }).map((n) => ({ contentType: "application/json", data: enc(JSON.stringify({ k: "x".repeat(n) })), label: "oversized" })) },
  );
}

/** A query string with the keys (and others), values hostile, keys repeated, percent-encoding sometimes broken. */
export function queryFor(keys: string[]): fc.Arbitrary<string> {
  const key = keys.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: hostileString }) : hostileString;
  const pair = key.chain((k) => fieldValue(k).map((v) => [k.slice(0, 200), (typeof v === "string" ? v : (JSON.stringify(v) ?? "")).slice(0, 1000)] as const));
  const encode = fc.constantFrom("ok", "ok", "ok", "raw");
  return fc.tuple(fc.array(fc.tuple(pair, encode), { maxLength: 6 })).map(([pairs]) => {
    if (!pairs.length) return "";
    // "raw" leaves percent signs and odd bytes as they are (%zz, %C0%80): the server must cope.
    const parts = pairs.map(([[k, v], how]) => (how === "raw" ? `${k.replace(/[#&\s]/g, "")}=${v.replace(/[#&\s]/g, "")}` : `${safeEncode(k)}=${safeEncode(v)}`));
    // Past ~4 KB a URL only meets limits outside the app (Node's 16 KB request line, and a
    // redirect echoing it twice overflows the client's 16 KB of response headers).
    return ("?" + parts.join("&")).slice(0, 4000);
  });
}

/** encodeURIComponent, except that a lone surrogate becomes raw junk instead of throwing. */
export function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80" + encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ""));
  }
}

/** A path segment for an [id]: an id-ish string, percent-encoded or raw junk (%zz, %00, dot segments). */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: ulidish.map(safeEncode) },
  { weight: 1, arbitrary: fc.constantFrom("%zz", "%00", "%", "..", "%2e%2e", "%2F", "a%2Fb", "%E0%A4%A", "%C0%AF", "x".repeat(1500)) },
);

/** Authorization headers that are not a valid credential (ASCII only: fetch refuses the rest). */
export const junkAuthorization: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "Bearer", "Bearer ", "bearer x", "Basic YWRtaW46YWRtaW4=", "Bearer " + "A".repeat(43), "Bearer " + "A".repeat(201), "Bearer a b", "Token abc"),
  fc.string({ unit: fc.constantFrom(..."ABCabc012-_ .=:"), maxLength: 300 }).map((s) => `Bearer ${s}`),
);
