// Where the proof tests leave their figures and evidence: PROOF_DIR
// (default ./proof-report), one JSON file per measurement that
// `npm run proof` prints; and the HTTP exchanges the secrets scan reads.
// Works from Jest, Playwright and scripts alike (no server imports).
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const PROOF_DIR = path.resolve(process.env.PROOF_DIR || "proof-report");
// Inside the e2e output folder, which every e2e run starts empty (e2e/support/server.ts).
const EXCHANGES = path.resolve(process.env.E2E_OUTPUT_DIR || "e2e/.output", "exchanges");

/** Figures of one measurement, e.g. writeFigures("matrix-http", {...}). */
export function writeFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(PROOF_DIR, { recursive: true });
  writeFileSync(path.join(PROOF_DIR, `${name}.json`), JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2));
}

export function readFigures(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  let files: string[] = [];
  try {
    files = readdirSync(PROOF_DIR).filter((f) => f.endsWith(".json"));
  } catch {
    return out;
  }
  for (const f of files) out[f.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(PROOF_DIR, f), "utf8"));
  return out;
}

/**
 * One request and its answer, kept for the secrets scan. `sent` is
 * everything the caller itself put in the request (path, body, credentials):
 * a secret the caller sent may come back to it (a link's own token on its
 * page), any other may not.
 */
export type Exchange = { source: string; sent: string; status: number; headers: string; body: string };

export function recordExchange(file: string, e: Exchange): void {
  mkdirSync(EXCHANGES, { recursive: true });
  appendFileSync(path.join(EXCHANGES, `${file}.ndjson`), JSON.stringify(e) + "\n");
}

export function* readExchanges(): Generator<Exchange> {
  let files: string[] = [];
  try {
    files = readdirSync(EXCHANGES).filter((f) => f.endsWith(".ndjson"));
  } catch {
    return;
  }
  for (const f of files) {
    for (const line of readFileSync(path.join(EXCHANGES, f), "utf8").split("\n")) if (line) yield JSON.parse(line) as Exchange;
  }
}

/** Response headers worth scanning (Set-Cookie values, Location) as one string. */
export function headerText(res: Response): string {
  return [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join("\n");
}
