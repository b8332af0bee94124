// Crashes on the newcomer's setup. SIGKILL to the app and its PostgreSQL in
// the middle of writes: the next `npm start` comes up by itself, every
// acknowledged write is there and nothing is half-written. SIGKILL to the
// app alone leaves its PostgreSQL running: the next start stops it and runs.
import { expect, test } from "@playwright/test";
import { alive, freePort, invitationLinkIn, npmStart, postgresPid, scratchDataDir, setupLinkIn, sqlOn, tokenOf, waitForOutput, type App } from "./support/app";
import { apiLogin, PASSWORD } from "./support/load";

const post = (url: string, data: unknown, token?: string) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(data) });

/** Creates users and accepts invitations until the server goes away; returns the usernames the server acknowledged. */
async function writeUntilGone(app: App, token: string, pending: { username: string; token: string }[]): Promise<{ created: string[]; accepted: string[] }> {
  const created: string[] = [];
  const accepted: string[] = [];
  const refused: string[] = [];
  let n = 0;
  const creator = async () => {
    for (;;) {
      const username = `crash.w${n++}`;
      try {
        const res = await post(`${app.base}/api/v1/admin/users`, { username, email: `${username}@example.org`, role: "viewer" }, token);
        if (res.status === 201) created.push(username);
        else refused.push(`${res.status} ${await res.text()}`);
      } catch {
        return; // the server is gone
      }
    }
  };
  const acceptor = async (p: { username: string; token: string }) => {
    try {
      const res = await post(`${app.base}/api/v1/accept-invitation`, { token: p.token, password: PASSWORD });
      if (res.status === 200) accepted.push(p.username);
    } catch {
      /* killed mid-request */
    }
  };
  const work = Promise.all([creator(), creator(), creator(), creator(), ...pending.map(acceptor)]);
  await expect.poll(() => created.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(15);
  await app.crash();
  await work;
  expect(refused).toEqual([]);
  return { created, accepted };
}

async function expectNothingHalfWritten(dataDir: string) {
  const q = <R = Record<string, unknown>>(sql: string) => sqlOn<R>(dataDir, sql);
  // Every user was created with its invitation, its queued email and its activity entry, or not at all.
  expect(await q(`SELECT username FROM users u WHERE NOT EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = u.id)`)).toEqual([]);
  expect(await q(`SELECT i.id FROM invitations i WHERE i.delivery_status = 'queued' AND NOT EXISTS (SELECT 1 FROM email_outbox o WHERE o.invitation_id = i.id)`)).toEqual([]);
  expect(await q(`SELECT username FROM users u WHERE NOT EXISTS (SELECT 1 FROM activity_logs a WHERE a.resource_id = u.id AND a.event_type = 'user.created')`)).toEqual([]);
  // Accepted means active with a password and a used invitation, and the reverse.
  expect(await q(`SELECT username FROM users u WHERE (u.status = 'active') <> EXISTS (SELECT 1 FROM invitations i WHERE i.user_id = u.id AND i.used_at IS NOT NULL)`)).toEqual([]);
  expect(await q(`SELECT username FROM users WHERE status = 'active' AND password_hash IS NULL`)).toEqual([]);
  expect(
    await q(`SELECT c.role, c.status FROM user_counts c WHERE c.n <> (SELECT count(*) FROM users u WHERE u.role = c.role AND u.status = c.status AND u.deleted_at IS NULL)`),
  ).toEqual([]);
}

test("SIGKILL during writes, then of the app alone: npm start recovers each time with consistent data", async () => {
  const { dataDir, remove } = scratchDataDir();
  const port = await freePort();
  let app = npmStart(dataDir, port);
  try {
    await app.ready;
    expect((await post(`${app.base}/api/v1/accept-invitation`, { token: tokenOf(setupLinkIn(app.output())!), password: PASSWORD })).status).toBe(200);
    let token = await apiLogin(app.base, "admin");
    const pending = [];
    for (let i = 0; i < 8; i++) {
      const username = `crash.p${i}`;
      expect((await post(`${app.base}/api/v1/admin/users`, { username, email: `${username}@example.org` }, token)).status).toBe(201);
      pending.push({ username, token: tokenOf(await waitForOutput(app, (out) => invitationLinkIn(out, `${username}@example.org`))) });
    }

    const acknowledged = await writeUntilGone(app, token, pending);
    app = npmStart(dataDir, port);
    await app.ready;
    const users = await sqlOn<{ username: string; status: string }>(dataDir, `SELECT username, status FROM users`);
    const byName = new Map(users.map((u) => [u.username, u.status]));
    for (const u of acknowledged.created) expect(byName.has(u), `${u} was acknowledged`).toBe(true);
    for (const u of acknowledged.accepted) expect(byName.get(u), `${u} was acknowledged`).toBe("active");
    await expectNothingHalfWritten(dataDir);
    token = await apiLogin(app.base, "admin");
    expect((await post(`${app.base}/api/v1/admin/users`, { username: "after.crash", email: "after.crash@example.org" }, token)).status).toBe(201);

    // Only the app dies; its PostgreSQL lives on with nobody owning it.
    const orphan = postgresPid(dataDir)!;
    await app.crash({ appOnly: true });
    expect(alive(orphan)).toBe(true);
    app = npmStart(dataDir, port);
    await app.ready;
    expect(app.output()).toContain(`Stopped the PostgreSQL (pid ${orphan}) that an earlier run left running`);
    expect(alive(orphan)).toBe(false);
    expect(await sqlOn(dataDir, `SELECT 1 FROM users WHERE username = 'after.crash'`)).toHaveLength(1);
    await expectNothingHalfWritten(dataDir);
    expect((await fetch(`${app.base}/api/v1/admin/users?limit=1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  } finally {
    await app.stop().finally(remove);
  }
});
