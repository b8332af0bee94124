// Shared end-to-end helpers: direct database access for setup and checks,
// users in any state, login, the captured emails and the server log; and the
// test fixtures that hand specs the page objects of e2e/pages/.
import { test as base, expect, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Pool } from "pg";
import { ulid } from "ulid";
import { AccountPage } from "../pages/account-page";
import { ActivityPage } from "../pages/activity-page";
import { UsersPage } from "../pages/users-page";
import { OpenApiValidator } from "../../tests/support/openapi-validator";
import { e2eDatabaseUrl, MAIL_DIR, SERVER_LOG } from "./config";

export { pressShortcut } from "./keyboard";

export const PASSWORD = "Correct-Horse-42!";
const pool = new Pool({ connectionString: e2eDatabaseUrl(), max: 3 });
let hash: string | undefined;

export type TestUser = { id: string; username: string; email: string; role: "admin" | "editor" | "viewer"; status: string };

export const sql = async <R = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> =>
  (await pool.query(text, values)).rows as R[];

let seq = 0;
/** Inserts a user straight into the database (active ones get PASSWORD). */
export async function createUser(opts: Partial<TestUser> & { password?: string } = {}): Promise<TestUser> {
  seq += 1;
  const username = opts.username ?? `e2e${Date.now().toString(36)}${seq}`;
  const status = opts.status ?? "active";
  const pw = status === "pending" ? null : opts.password ? await bcrypt.hash(opts.password, 4) : (hash ??= await bcrypt.hash(PASSWORD, 4));
  const u: TestUser = { id: ulid(), username, email: (opts.email ?? `${username}@example.org`).toLowerCase(), role: opts.role ?? "viewer", status };
  await sql(
    `INSERT INTO users (id, username, email, role, status, password_hash, updated_at, welcomed_at) VALUES ($1,$2,$3,$4,$5,$6,now(),now())`,
    [u.id, u.username, u.email, u.role, u.status, pw],
  );
  return u;
}

export async function login(page: Page, username: string, password = PASSWORD) {
  await page.goto("/admin/login");
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign In" }).click();
}

export async function loginAs(page: Page, user: TestUser) {
  await login(page, user.username);
  await expect(page).toHaveURL(/\/admin$/);
}

export type Mail = { to: string[]; from: string; subject: string; text: string; html: string; file: string };

/** Every captured email, oldest first. */
export function mails(): Mail[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .sort()
    .map((f) => ({ ...(JSON.parse(readFileSync(path.join(MAIL_DIR, f), "utf8")) as Omit<Mail, "file">), file: f }));
}

/** Waits for the newest email to an address and returns it. */
export async function waitForMail(to: string, after = 0, timeoutMs = 20_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = mails().filter((m) => m.to.includes(to.toLowerCase()));
    if (found.length > after) return found[found.length - 1];
    if (Date.now() > deadline) throw new Error(`no email to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function linkIn(mail: Mail): string {
  const m = /(https?:\/\/[^\s"<>]+\/admin\/accept-invitation\?token=[A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in email to ${mail.to}`);
  return m[1];
}

/** The password reset link of a reset email. */
export function resetLinkIn(mail: Mail): string {
  const m = /(https?:\/\/[^\s"<>]+\/admin\/reset-password\?token=[A-Za-z0-9_%-]+)/.exec(mail.text);
  if (!m) throw new Error(`no password reset link in email to ${mail.to}`);
  return m[1];
}

/** The first-admin setup link the server printed at start. */
export function setupLinkFromLog(): string | null {
  const log = existsSync(SERVER_LOG) ? readFileSync(SERVER_LOG, "utf8") : "";
  const all = [...log.matchAll(/First-admin setup link: (\S+)/g)];
  return all.length ? all[all.length - 1][1] : null;
}

/** Everything the e2e server has logged so far (stdout and stderr). */
export function serverLog(): string {
  return existsSync(SERVER_LOG) ? readFileSync(SERVER_LOG, "utf8") : "";
}

/** The console's screens as page objects, on the test's own page (`provide` is Playwright's `use`). */
type Screens = { usersPage: UsersPage; activityPage: ActivityPage; accountPage: AccountPage };

// Every /api/v1 answer a spec receives through the `request` fixture is
// checked against the served OpenAPI document (tests/support/openapi-validator.ts):
// a status, media type or body the document does not describe fails the test.
let validator: Promise<OpenApiValidator> | undefined;
const CALLS = ["get", "post", "put", "patch", "delete", "fetch"] as const;

function validating(request: APIRequestContext, found: string[]): APIRequestContext {
  validator ??= request.get("/api/v1/openapi.json").then(async (r) => {
    expect(r.status(), "GET /api/v1/openapi.json").toBe(200);
    return new OpenApiValidator(await r.json());
  });
  return new Proxy(request, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (!(CALLS as readonly (string | symbol)[]).includes(prop) || typeof value !== "function") return value;
      return async (url: string, options: { method?: string } = {}) => {
        const res: APIResponse = await value.call(target, url, options);
        const method = prop === "fetch" ? (options.method ?? "GET").toUpperCase() : String(prop).toUpperCase();
        const pathname = new URL(res.url()).pathname;
        if (pathname.startsWith("/api/v1/")) {
          const body = (await res.body().catch(() => Buffer.alloc(0))).toString("utf8");
          const problems = (await validator!).check({ method, path: pathname, status: res.status(), contentType: res.headers()["content-type"], body });
          if (problems) found.push(...problems);
        }
        return res;
      };
    },
  });
}

export const test = base.extend<Screens>({
  usersPage: async ({ page }, provide) => {
    await provide(new UsersPage(page));
  },
  activityPage: async ({ page }, provide) => {
    await provide(new ActivityPage(page));
  },
  accountPage: async ({ page }, provide) => {
    await provide(new AccountPage(page));
  },

  request: async ({ request }, use) => {
    const found: string[] = [];
    await use(validating(request, found));
    expect(found, "answers the OpenAPI document does not describe").toEqual([]);
  },
});
export { expect };
