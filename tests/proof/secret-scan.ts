// What counts as a leaked secret, for the secrets proof
// (e2e/proof-secrets.spec.ts): a session secret, a bcrypt hash, any token
// hash the database holds, or a raw token (a 43-character base64url string
// whose SHA-256 the database holds: API tokens, invitation and reset links).
// Exceptions: a secret the caller itself sent (a link's own token on its
// page), the token a login answer issues, and the log's deliberate link
// lines (the first-admin setup link, EMAIL_PROVIDER=log's "share this link").
import { createHash } from "node:crypto";

export type Known = { secrets: string[]; tokenHashes: Set<string> };
export type Leak = { source: string; kind: "session secret" | "password hash" | "token hash" | "raw token"; sample: string };

const BCRYPT = /\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}/g;
const HEX64 = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g;
const RAW = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** The raw tokens in a text (candidates whose hash the database holds). */
export function rawTokensIn(text: string, known: Known): string[] {
  return [...new Set(text.match(RAW) ?? [])].filter((c) => known.tokenHashes.has(sha256(c)));
}

const mask = (s: string) => `${s.slice(0, 6)}...(${s.length} chars)`;

/** Every secret in `text` that `allowed` does not excuse. */
export function leaksIn(source: string, text: string, known: Known, allowed: (raw: string) => boolean = () => false): Leak[] {
  const out: Leak[] = [];
  for (const s of known.secrets) if (s && text.includes(s)) out.push({ source, kind: "session secret", sample: mask(s) });
  for (const m of text.match(BCRYPT) ?? []) out.push({ source, kind: "password hash", sample: mask(m) });
  for (const m of new Set(text.match(HEX64) ?? [])) if (known.tokenHashes.has(m)) out.push({ source, kind: "token hash", sample: mask(m) });
  for (const t of rawTokensIn(text, known)) if (!allowed(t)) out.push({ source, kind: "raw token", sample: mask(t) });
  return out;
}

// The lines that print a link on purpose (scripts/start.ts, the log email provider).
const LINK_LINES = [/First-admin setup link: \S+$/, /email not sent \(EMAIL_PROVIDER=log\): share this link with \S+: \S+/];

/** Leaks in a log: raw tokens pass only on the deliberate link lines. */
export function leaksInLog(source: string, log: string, known: Known): { leaks: Leak[]; lines: number; linkLines: number } {
  const leaks: Leak[] = [];
  let lines = 0;
  let linkLines = 0;
  for (const line of log.split("\n")) {
    lines += 1;
    const deliberate = LINK_LINES.some((re) => re.test(line));
    if (deliberate && rawTokensIn(line, known).length) linkLines += 1;
    leaks.push(...leaksIn(`${source}:${lines}`, line, known, () => deliberate));
  }
  return { leaks, lines, linkLines };
}
