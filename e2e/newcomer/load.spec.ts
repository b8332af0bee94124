// The newcomer's setup under load: on the embedded default, bursts of more
// than a hundred concurrent requests (at least 50 logins, accepts and
// password reset requests among page and API loads) answer without a single 500 and leave the database consistent,
// before and after a restart. The rate limits are raised (one client IP
// sends everything) so every request must succeed, not merely not fail.
import { expect, test } from "@playwright/test";
import { cookieSession } from "../../scripts/lib/bench-measure";
import { freePort, npmStart, scratchDataDir, setupLinkIn, sqlOn, tokenOf } from "./support/app";
import { apiLogin, burst, expectConsistent, expectNoFailures, PASSWORD, prepare } from "./support/load";

const LIMITS = { RATE_LIMIT_LOGIN_PER_MINUTE: "100000", RATE_LIMIT_PUBLIC_PER_MINUTE: "100000", RATE_LIMIT_API_PER_MINUTE: "100000" };

test("concurrent logins, accepts and resets with page loads: no 500, consistent data, also after a restart", async () => {
  const { dataDir, remove } = scratchDataDir();
  const port = await freePort();
  let app = npmStart(dataDir, port, LIMITS);
  try {
    await app.ready;
    const setup = tokenOf(setupLinkIn(app.output())!);
    const accepted = await fetch(`${app.base}/api/v1/accept-invitation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: setup, password: PASSWORD }),
    });
    expect(accepted.status).toBe(200);
    const admin = { token: await apiLogin(app.base, "admin"), cookie: await cookieSession(app.base, "admin", PASSWORD) };

    const first = await prepare(app, admin.token, "r1");
    expectNoFailures(await burst(app, first, admin), first);
    await expectConsistent(dataDir, first);

    await app.stop();
    app = npmStart(dataDir, port, LIMITS);
    await app.ready;
    // Sessions and tokens outlive the restart.
    expect((await fetch(`${app.base}/api/v1/admin/users?limit=1`, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
    const second = await prepare(app, admin.token, "r2");
    expectNoFailures(await burst(app, second, admin), second);
    await expectConsistent(dataDir, first);
    await expectConsistent(dataDir, second);
    const [{ n }] = await sqlOn<{ n: string }>(dataDir, `SELECT count(*) AS n FROM users WHERE status = 'active'`);
    expect(Number(n)).toBe(1 + 32 + 32);
    expect(app.output()).not.toMatch(/"level":(50|60)|prepared statement|ECONNRESET/);
  } finally {
    await app.stop().finally(remove);
  }
});
