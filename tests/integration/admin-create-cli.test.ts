import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { db } from "@/lib/server/db";
import { checkInvitation } from "@/lib/server/invitations/accept";
import { firstAdminSetupLink, pendingAdminInvitations } from "@/lib/server/invitations/first-admin";
import { closeTestDb, makeUser, resetDb } from "../helpers";

const run = promisify(execFile);
const cli = (args: string[]) =>
  run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/create-admin.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "silent" },
  });

beforeEach(resetDb);
afterAll(closeTestDb);

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

describe("npm run admin:create", () => {
  it("creates a pending admin and prints a working accept-invitation URL", async () => {
    const { stdout } = await cli(["--username", "ops.lead", "--email", "Ops@Example.org"]);
    const link = /Accept-invitation URL.*: (http\S+)/.exec(stdout)?.[1];
    expect(link).toMatch(/^http:\/\/sel\.test\/admin\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/);
    expect(await checkInvitation(tokenOf(link!))).toMatchObject({ state: "valid", username: "ops.lead", email: "ops@example.org", role: "admin" });
    const user = await db().user.findFirstOrThrow({ where: { username: "ops.lead" } });
    expect(user).toMatchObject({ role: "admin", status: "pending" });
    expect(await db().emailOutbox.count({ where: { toAddress: "ops@example.org" } })).toBe(1);
  }, 60_000);

  it("refuses a taken email with a clear message and creates nothing", async () => {
    await makeUser({ email: "taken@example.org" });
    await expect(cli(["--username", "someone", "--email", "TAKEN@example.org"])).rejects.toMatchObject({
      stderr: expect.stringContaining("Email is already taken"),
    });
    expect(await db().user.count()).toBe(1);
  }, 60_000);

  it("explains its usage when arguments are missing", async () => {
    await expect(cli(["--username", "x"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("usage:") });
  }, 60_000);
});

describe("first-start setup link", () => {
  it("is issued only while the node has no admin at all, and a restart keeps the printed link working", async () => {
    const first = await firstAdminSetupLink();
    expect(first).toMatch(/^http:\/\/sel\.test\/admin\/accept-invitation\?token=/);
    // The next start finds the pending admin: no new link, the printed one still works.
    expect(await firstAdminSetupLink()).toBeNull();
    expect(await checkInvitation(tokenOf(first!))).toMatchObject({ state: "valid", username: "admin", role: "admin" });
    expect(await db().user.count({ where: { role: "admin" } })).toBe(1);
    expect(await pendingAdminInvitations()).toEqual([{ username: "admin", expiresAt: expect.any(Date) }]);
  });

  it("is not issued after admin:create, whose printed link stays valid", async () => {
    const { stdout } = await cli(["--username", "ops.lead", "--email", "ops@example.org"]);
    const link = /Accept-invitation URL.*: (http\S+)/.exec(stdout)![1];
    expect(await firstAdminSetupLink()).toBeNull();
    expect(await checkInvitation(tokenOf(link))).toMatchObject({ state: "valid", username: "ops.lead" });
    expect(await db().user.count({ where: { username: "admin" } })).toBe(0);
  }, 60_000);

  it("is issued when every admin is deactivated or deleted, and never once one is active", async () => {
    await makeUser({ role: "admin", status: "inactive" });
    await makeUser({ role: "admin", status: "pending", deleted: true });
    expect(await firstAdminSetupLink()).not.toBeNull();
    await makeUser({ role: "admin" });
    expect(await firstAdminSetupLink()).toBeNull();
    expect(await pendingAdminInvitations()).toEqual([]);
  });

  it("reports an expired invitation of a pending admin as such", async () => {
    const link = await firstAdminSetupLink();
    await db().invitation.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(link).not.toBeNull();
    expect(await pendingAdminInvitations()).toEqual([{ username: "admin", expiresAt: null }]);
  });
});
