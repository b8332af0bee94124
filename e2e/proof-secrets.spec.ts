// Secrets: no response body, log line or client bundle file holds a session
// secret, a password hash, a token hash or a raw token (rules in
// tests/proof/secret-scan.ts). Runs after every other spec (its own
// Playwright project), so it reads the whole run's evidence: the exchanges
// the matrix and malformed-input specs kept, every server log of the run,
// and the built client bundle; it adds a tour of its own, in Chromium and
// over the API, through every page and read an admin uses.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { readExchanges, recordExchange, writeFigures, type Exchange } from "../tests/proof/report";
import { leaksIn, leaksInLog, rawTokensIn, type Known, type Leak } from "../tests/proof/secret-scan";
import { insertInvitation, uniq } from "./support/api";
import { APP_SECRET } from "./support/app-instance";
import { BASE_URL, DIST_DIR, E2E_DB_NAME, E2E_SECRET, e2eDatabaseUrl, OUTPUT_DIR } from "./support/config";
import { tokenLogin } from "./support/credentials";
import { resetToken } from "./support/door-requests";
import { createUser, expect, loginAs, test } from "./support/fixtures";

const SECRETS = [E2E_SECRET, APP_SECRET];
const sealedSecrets: string[] = [];

/** Token hashes of every database the run used (the e2e one and the proof specs' own). */
async function tokenHashes(): Promise<Set<string>> {
  const out = new Set<string>();
  for (const name of [E2E_DB_NAME, `${E2E_DB_NAME}_fuzz`, `${E2E_DB_NAME}_kill`]) {
    const u = new URL(e2eDatabaseUrl());
    u.pathname = `/${name}`;
    const c = new Client({ connectionString: u.toString() });
    try {
      await c.connect();
    } catch {
      continue; // that spec did not run
    }
    try {
      // Every table that stores a token's hash (sessions, invitations, password resets, any added later)
      // and the recovery codes' hashes.
      const cols = (await c.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('token_hash', 'code_hash')`)).rows;
      for (const { table_name, column_name } of cols) for (const r of (await c.query(`SELECT "${column_name}" AS h FROM "${table_name}"`)).rows) out.add(r.h);
      // The sealed two-factor secrets count as secrets too: nothing may hand them out.
      for (const r of (await c.query(`SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL`)).rows) sealedSecrets.push(r.totp_secret);
    } finally {
      await c.end();
    }
  }
  return out;
}

function* files(dir: string): Generator<string> {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

const TEXTUAL = /text|json|javascript|x-component|csv|xml/;

test("a tour of every page and read as an admin, with every answer kept for the scan", async ({ page, request }) => {
  const admin = await createUser({ role: "admin", username: uniq("sectour") });
  const pending = await createUser({ status: "pending", username: uniq("secpend") });
  const { token: invite } = await insertInvitation(pending.id);
  const reset = await resetToken();
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (!TEXTUAL.test(type)) return;
    const body = await res.text().catch(() => "");
    const req = res.request();
    recordExchange("secrets-tour", { source: `browser ${req.method()} ${req.url()}`, sent: `${req.url()}\n${req.postData() ?? ""}`, status: res.status(), headers: JSON.stringify(res.headers()), body });
  });
  await loginAs(page, admin);
  for (const p of ["/admin", "/admin/users", `/admin/users/${pending.id}`, "/admin/activity", "/admin/users?status=pending"]) {
    await page.goto(p);
    await page.waitForLoadState("networkidle");
  }
  await page.goto(`/admin/accept-invitation?token=${invite}`);
  await page.goto(`/admin/reset-password?token=${reset}`);

  const token = await tokenLogin(BASE_URL, admin.username);
  const headers = { authorization: `Bearer ${token}` };
  for (const p of ["/api/v1/admin/users?limit=100", `/api/v1/admin/users/${pending.id}`, `/api/v1/admin/users/${pending.id}/activity`, "/api/v1/admin/activity?limit=100", "/api/v1/admin/activity/export.csv"]) {
    const res = await request.get(p, { headers });
    recordExchange("secrets-tour", { source: `api GET ${p}`, sent: `${p}\n${token}`, status: res.status(), headers: JSON.stringify(res.headers()), body: await res.text() });
  }
});

test("no response, log line or client bundle file holds a secret", async () => {
  const hashes = await tokenHashes();
  const known: Known = { secrets: [...SECRETS, ...sealedSecrets], tokenHashes: hashes };
  const leaks: Leak[] = [];

  // Responses: a token may come back to the caller who sent it, a login answer issues one, and
  // so does an invitation-link answer (EMAIL_PROVIDER=log only: the admin hands the link over).
  let exchanges = 0;
  let tokensReturnedToSender = 0;
  for (const e of readExchanges() as Generator<Exchange>) {
    exchanges += 1;
    const field = (read: (b: { token?: unknown; link?: unknown }) => unknown) => { try { return String(read(JSON.parse(e.body)) ?? ""); } catch { return ""; } };
    const issued = e.source.includes("/api/v1/admin/login")
      ? field((b) => b.token)
      : e.source.includes("/invitation-link")
        ? field((b) => (typeof b.link === "string" ? new URL(b.link).searchParams.get("token") : ""))
        : "";
    const text = `${e.headers}\n${e.body}`;
    tokensReturnedToSender += rawTokensIn(text, known).filter((t) => e.sent.includes(t)).length;
    leaks.push(...leaksIn(e.source, text, known, (t) => e.sent.includes(t) || t === issued));
  }

  // Every server log of the run: the e2e server's and the proof specs' own instances.
  let logLines = 0;
  let linkLines = 0;
  for (const f of files(OUTPUT_DIR)) {
    if (!f.endsWith(".log")) continue;
    const r = leaksInLog(path.relative(OUTPUT_DIR, f), readFileSync(f, "utf8"), known);
    leaks.push(...r.leaks);
    logLines += r.lines;
    linkLines += r.linkLines;
  }

  // The client bundle: everything the browser may download.
  let bundleFiles = 0;
  let bundleBytes = 0;
  for (const f of files(path.join(DIST_DIR, "static"))) {
    const text = readFileSync(f, "utf8");
    bundleFiles += 1;
    bundleBytes += text.length;
    leaks.push(...leaksIn(path.relative(DIST_DIR, f), text, known));
  }

  writeFigures("secrets", {
    responsesScanned: exchanges,
    logLinesScanned: logLines,
    deliberateLinkLines: linkLines,
    bundleFiles,
    bundleBytes,
    tokenHashesKnown: known.tokenHashes.size,
    tokensReturnedToSender,
    leaks: leaks.length,
    leakList: leaks.slice(0, 50),
  });
  console.log(`secrets: ${exchanges} responses, ${logLines} log lines, ${bundleFiles} bundle files scanned for ${known.tokenHashes.size} token hashes; ${leaks.length} leaks`);
  expect(exchanges).toBeGreaterThan(0);
  expect(bundleFiles).toBeGreaterThan(0);
  expect(known.tokenHashes.size).toBeGreaterThan(0);
  expect(leaks).toEqual([]);
});
