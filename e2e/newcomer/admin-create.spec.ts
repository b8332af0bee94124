// `npm run admin:create` on the embedded default: before the first start (it
// runs the database itself), its printed link survives `npm start`; while
// the app runs it reuses the app's database and prints a link to the app.
// A second `npm start` on the same data says the first one is running.
import { expect, test } from "@playwright/test";
import { freePort, npmRun, npmStart, scratchDataDir, tokenOf } from "./support/app";
import { acceptLink, logIn } from "./support/flows";

const urlIn = (out: string) => /Accept-invitation URL.*: (http\S+)/.exec(out)?.[1] ?? null;

test("admin:create before and while the app runs; one app per data folder", async ({ page, request }) => {
  const { dataDir, remove } = scratchDataDir();
  const port = await freePort();
  const base = `http://localhost:${port}`;

  const before = await npmRun(dataDir, port, "admin:create", ["--username", "ops.lead", "--email", "Ops@Example.org"]);
  expect(before.code, before.out).toBe(0);
  const printed = urlIn(before.out);
  expect(printed).toMatch(new RegExp(`^${base}/admin/accept-invitation\\?token=`));

  const app = npmStart(dataDir, port);
  try {
    await app.ready;
    // The pending admin's link is the one: no setup link that would supersede it.
    expect(app.output()).not.toContain("First-admin setup link");
    expect(app.output()).toMatch(/No active admin yet; invited: ops\.lead \(link valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    await acceptLink(page, printed!, "Signal-Tower-2026!");
    await logIn(page, base, "ops.lead", "Signal-Tower-2026!", true);

    const during = await npmRun(dataDir, port, "admin:create", ["--username", "second.admin", "--email", "second@example.org"]);
    expect(during.code, during.out).toBe(0);
    const second = urlIn(during.out);
    expect(second).toMatch(new RegExp(`^${base}/admin/accept-invitation\\?token=`));
    const accepted = await request.post(`${base}/api/v1/accept-invitation`, { data: { token: tokenOf(second!), password: "Granite-Ridge-2026!" } });
    expect(accepted.status(), await accepted.text()).toBe(200);
    const login = await request.post(`${base}/api/v1/admin/login`, { data: { username: "second.admin", password: "Granite-Ridge-2026!" } });
    expect(login.status()).toBe(200);

    const migrate = await npmRun(dataDir, port, "db:migrate", []);
    expect(migrate.code, migrate.out).toBe(0);
    expect(migrate.out).toMatch(/Database is up to date \(\d+ migration\(s\)\)/);

    const otherPort = await freePort();
    const twin = npmStart(dataDir, otherPort);
    expect(await twin.exited).toBe(1);
    expect(twin.output()).toContain(`SEL Admin is already running on this data folder (${dataDir})`);
    expect(twin.output()).toContain(`serving ${base}`);
    expect((await request.get(`${base}/admin/login`)).status()).toBe(200);
  } finally {
    await app.stop().finally(remove);
  }
});
