// The authorization matrix of the server actions: every exported function of
// every "use server" file x every kind of caller, compared with
// tests/proof/access-table.ts. Each action is called as Next.js calls it,
// with the caller's real session cookie (next/headers is the only double:
// next-auth decodes the cookie, the user is re-read from the database).
// Callers: anonymous, viewer, editor, admin, the still-held cookies of four
// admins who were then deactivated, deleted, demoted and made to change
// their password (through the services), and an admin's API token without
// a cookie (actions take cookies only).
import path from "node:path";
import type { Result } from "@/lib/result-types";
import { deleteUser } from "@/lib/server/users/delete-user";
import { deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";
import { confirmPasswordReset } from "@/lib/server/password-reset/confirm";
import { ACTIONS, CALLER_CLASSES, expected, type CallerClass } from "./access-table";
import { apiToken, openInvitation, openReset, sessionCookie } from "./credentials";
import { scanDoors } from "./doors";
import { writeFigures } from "./report";
import { setRequest } from "./request-double";
import { openSession } from "@/lib/server/auth/sessions";
import { db } from "@/lib/server/db";
import { seal } from "@/lib/server/two-factor/seal";
import { hashRecoveryCode } from "@/lib/server/two-factor/totp";
import { sealSetup } from "@/lib/server/two-factor/service";
import bcrypt from "bcryptjs";
import { Secret, TOTP } from "otpauth";
import { closeTestDb, ctxOf, makeUser, META, PASSWORD, resetDb, unwrap } from "../helpers";

jest.mock("next/headers", () => jest.requireActual<typeof import("./request-double")>("./request-double").nextHeaders);
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const STRONG = "Proof-Strong-Pass-91!";
const actions = scanDoors(path.resolve(__dirname, "../..")).doors.filter((d) => d.kind === "action");

// Arguments the permitted caller would send successfully; each call gets fresh targets.
const fresh = async (status: "active" | "inactive" | "pending" = "active") => (await makeUser({ status })).id;
const locked = async () => {
  const id = await fresh();
  await db().user.update({ where: { id }, data: { lockedUntil: new Date(Date.now() + 3600e3), failedLoginCount: 10, failedLoginSince: new Date() } });
  return id;
};
// Two-factor states for a caller (or a fresh user): off with a setup to confirm, or on with one known recovery code.
const otpCode = (secret: string) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
async function pendingSetup(userId: string): Promise<string> {
  // changePasswordAction may have run first: these actions check PASSWORD.
  await db().user.update({ where: { id: userId }, data: { passwordHash: await bcrypt.hash(PASSWORD, 4) } });
  const secret = new Secret({ size: 20 }).base32;
  await db().user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  return secret;
}
async function twoFactorOn(userId: string): Promise<string> {
  const secret = await pendingSetup(userId);
  await db().user.update({ where: { id: userId }, data: { totpSecret: seal(secret, userId), totpEnabledAt: new Date() } });
  const code = `mx${++n}`.padEnd(10, "k").slice(0, 10);
  await db().recoveryCode.deleteMany({ where: { userId } });
  await db().recoveryCode.create({ data: { userId, codeHash: hashRecoveryCode(code) } });
  return code;
}
const offFor = async (userId: string) => db().user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
let n = 0;
const ARGS: Record<string, (caller: Caller) => Promise<unknown[]>> = {
  createUserAction: async () => [{ username: `mxnew${++n}`, email: `mxnew${n}@example.org`, role: "viewer" }],
  updateUserAction: async () => [await fresh(), { role: "editor" }],
  deactivateUserAction: async () => [await fresh()],
  activateUserAction: async () => [await fresh("inactive")],
  deleteUserAction: async () => [await fresh()],
  resendInvitationAction: async () => [await fresh("pending")],
  copyInvitationLinkAction: async () => [await fresh("pending")],
  revokeInvitationAction: async () => [(await openInvitation()).userId],
  sendPasswordResetAction: async () => [await fresh()],
  unlockUserAction: async () => [await locked()],
  resetTwoFactorAction: async () => {
    const id = await fresh();
    await twoFactorOn(id);
    return [id];
  },
  startTwoFactorSetupAction: async (c) => {
    if (c.userId) await offFor(c.userId);
    return [];
  },
  confirmTwoFactorAction: async (c) => {
    const id = c.userId ?? (await fresh());
    const secret = await pendingSetup(id);
    return [{ setup_token: sealSetup(secret, id), password: PASSWORD, code: otpCode(secret) }];
  },
  regenerateRecoveryCodesAction: async (c) => {
    await twoFactorOn(c.userId ?? (await fresh()));
    return [{ password: PASSWORD }];
  },
  disableTwoFactorAction: async (c) => [{ password: PASSWORD, code: await twoFactorOn(c.userId ?? (await fresh())) }],
  // The caller's own account: another of its sessions to end, its password to change.
  changePasswordAction: async () => [{ current_password: PASSWORD, password: `${STRONG}${++n}` }],
  endSessionAction: async (c) => [(await openSession(c.userId ?? (await fresh()), "browser", META)).id],
  endOtherSessionsAction: async () => [],
  dismissWelcomeAction: async () => [],
  searchUsersAction: async () => [{ q: "mx" }],
  activityIntegrityAction: async () => [],
  verifyActivityAction: async () => [],
  acceptInvitationAction: async () => [{ token: (await openInvitation()).token, password: STRONG }],
  requestPasswordResetAction: async () => [{ email: `nobody${++n}@example.org` }],
  confirmPasswordResetAction: async () => [{ token: (await openReset()).token, password: STRONG }],
};

type Caller = { userId?: string; cookies?: Record<string, string>; headers?: Record<string, string> };

async function callers(): Promise<Record<CallerClass, Caller>> {
  const mk = async (role: "viewer" | "editor" | "admin") => {
    const u = await makeUser({ role });
    return { user: u, userId: u.id, cookies: await sessionCookie(u.username) };
  };
  const viewer = await mk("viewer");
  const editor = await mk("editor");
  const admin = await mk("admin");
  const boss = ctxOf(await makeUser({ role: "admin" }));
  const stale = { deactivated: await mk("admin"), deleted: await mk("admin"), demoted: await mk("admin"), password: await mk("admin") };
  unwrap(await deactivateUser(boss, stale.deactivated.user.id));
  unwrap(await deleteUser(boss, stale.deleted.user.id));
  unwrap(await updateUser(boss, stale.demoted.user.id, { role: "viewer" }));
  const link = await openReset(stale.password.user.id);
  unwrap(await confirmPasswordReset({ actor: null, meta: META }, { token: link.token, password: "Changed-Pass-word-77!" }));
  return {
    anon: {},
    viewer,
    editor,
    admin,
    "stale-deactivated": stale.deactivated,
    "stale-deleted": stale.deleted,
    "stale-demoted": stale.demoted,
    "stale-password-changed": stale.password,
    crossed: { headers: { authorization: `Bearer ${await apiToken(admin.user.username)}` } },
  };
}

beforeAll(resetDb);
afterAll(closeTestDb);

describe("server actions x callers", () => {
  it("every exported server action has a row in the access table and arguments here", () => {
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => !ACTIONS[a.target]).map((a) => `${a.target} (${a.file}): add a row to tests/proof/access-table.ts`)).toEqual([]);
    expect(actions.filter((a) => !ARGS[a.target]).map((a) => `${a.target} (${a.file}): add its arguments to ARGS`)).toEqual([]);
  });

  it("answers every caller as the table says", async () => {
    const c = await callers();
    const mismatches: string[] = [];
    let cells = 0;
    for (const door of actions) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the doors are found at run time by scanning the tree, so their paths are not static imports
      const fn = require(path.resolve(__dirname, "../..", door.file))[door.target] as (...a: unknown[]) => Promise<Result<unknown>>;
      for (const who of CALLER_CLASSES) {
        const args = await ARGS[door.target](c[who]);
        setRequest(c[who]);
        const r = await fn(...args);
        const got = r.ok ? "ok" : r.code;
        const want = expected(ACTIONS[door.target], who);
        cells += 1;
        if (got !== want) mismatches.push(`${door.target} as ${who}: expected ${want}, got ${got}${r.ok ? "" : ` (${r.message})`}`);
      }
    }
    writeFigures("matrix-actions", { actions: actions.length, callerClasses: CALLER_CLASSES.length, cells, mismatches: mismatches.length, mismatchList: mismatches });
    expect(mismatches).toEqual([]);
    // Every door adds nine calls, some with a bcrypt hash: more than Jest's default 30 s on a busy 2-core host.
  }, 180_000);
});
