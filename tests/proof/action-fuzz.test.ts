// Malformed input to every server action: fast-check generates the
// arguments a hostile client can make React decode (strings, numbers,
// objects shaped by the action's zod schema with wrong, hostile and extra
// fields, arrays, null, undefined, Dates, BigInts, Maps, Sets, typed arrays,
// objects without a prototype) and calls each action as Next.js does, with a
// real admin session cookie. Goals: never a server_error, and the business
// tables unchanged (tests/proof/db-snapshot.ts). PROOF_SEED / PROOF_RUNS as
// in the HTTP run (defaults: a fixed seed, 1000 calls).
import fc from "fast-check";
import { randomInt } from "node:crypto";
import path from "node:path";
import type { Result } from "@/lib/result-types";
import { changePasswordSchema } from "@/lib/schemas/account";
import { acceptInvitationSchema } from "@/lib/schemas/password";
import { confirmPasswordResetSchema, requestPasswordResetSchema } from "@/lib/schemas/password-reset";
import { userSearchSchema } from "@/lib/schemas/search";
import { confirmTwoFactorSchema, disableTwoFactorSchema, regenerateRecoveryCodesSchema } from "@/lib/schemas/two-factor";
import { createUserSchema, updateUserSchema } from "@/lib/schemas/user";
import { db, pool } from "@/lib/server/db";
import { hostileJson, keysOf, objectFor, ulidish } from "./arbitraries";
import { openInvitation, openReset, sessionCookie } from "./credentials";
import { changedTables, snapshotDb } from "./db-snapshot";
import { scanDoors } from "./doors";
import { writeFigures } from "./report";
import { setRequest } from "./request-double";
import { closeTestDb, makeUser, resetDb } from "../helpers";

jest.mock("next/headers", () => jest.requireActual<typeof import("./request-double")>("./request-double").nextHeaders);
jest.mock("next/cache", () => ({ revalidatePath: jest.fn(), revalidateTag: jest.fn() }));

const seedEnv = process.env.PROOF_SEED;
const SEED = !seedEnv ? 20260212 : seedEnv === "random" ? randomInt(2 ** 31) : Number(seedEnv);
const RUNS = Number(process.env.PROOF_RUNS || 1000);

const actions = scanDoors(path.resolve(__dirname, "../..")).doors.filter((d) => d.kind === "action");

// The schema each action parses its object argument with: generated objects carry its keys.
const SCHEMAS: Record<string, unknown> = {
  createUserAction: createUserSchema,
  updateUserAction: updateUserSchema,
  acceptInvitationAction: acceptInvitationSchema,
  requestPasswordResetAction: requestPasswordResetSchema,
  confirmPasswordResetAction: confirmPasswordResetSchema,
  changePasswordAction: changePasswordSchema,
  searchUsersAction: userSearchSchema,
  confirmTwoFactorAction: confirmTwoFactorSchema,
  disableTwoFactorAction: disableTwoFactorSchema,
  regenerateRecoveryCodesAction: regenerateRecoveryCodesSchema,
};
// Arguments that would be a legitimate success are not malformed input: not sent.
const REFUSE_VALID: Record<string, { safeParse: (v: unknown) => { success: boolean } }> = { createUserAction: createUserSchema, searchUsersAction: userSearchSchema };
// Actions for which any input is fine (they read none, or answer alike by design): "ok" is no failure.
// Starting a two-factor setup stores nothing (its answer carries the sealed secret).
const TAKES_NO_INPUT = ["dismissWelcomeAction", "endOtherSessionsAction", "requestPasswordResetAction", "activityIntegrityAction", "verifyActivityAction", "startTwoFactorSetupAction"];
// Every well-formed reset request takes 300 ms on purpose (no timing oracle): fewer of them.
const SHARE: Record<string, number> = { requestPasswordResetAction: 0.3 };

/** Anything React's decodeReply can hand a server action, exotic values included. */
const exotic = fc.anything({
  maxDepth: 2,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
  withObjectString: true,
});

function argsFor(name: string): fc.Arbitrary<unknown[]> {
  const keys = keysOf(SCHEMAS[name]);
  const arg = fc.oneof({ weight: 4, arbitrary: objectFor(keys) }, { weight: 3, arbitrary: ulidish }, { weight: 2, arbitrary: hostileJson }, { weight: 2, arbitrary: exotic }, { weight: 1, arbitrary: fc.constant(undefined) });
  const refuse = REFUSE_VALID[name];
  return fc.array(arg, { maxLength: 3 }).filter((args) => !refuse || !args.some((a) => refuse.safeParse(a).success));
}

beforeAll(resetDb);
afterAll(closeTestDb);

it("no server action answers malformed input with a server error, and nothing changes", async () => {
  // Something in every table for the services to trip over.
  const admin = await makeUser({ role: "admin" });
  await db().user.update({ where: { id: admin.id }, data: { welcomedAt: new Date() } });
  await makeUser({ role: "admin" });
  for (const status of ["active", "inactive", "pending"] as const) await makeUser({ status });
  await openInvitation();
  await openReset();
  const cookies = await sessionCookie(admin.username);
  const q = (sql: string) => pool().query(sql).then((r) => r.rows);
  const before = await snapshotDb(q);

  const codes: Record<string, number> = {};
  const failures: string[] = [];
  let calls = 0;
  const weights = actions.map((a) => SHARE[a.target] ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  for (const [i, door] of actions.entries()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the doors are found at run time by scanning the tree, so their paths are not static imports
    const fn = require(path.resolve(__dirname, "../..", door.file))[door.target] as (...a: unknown[]) => Promise<Result<unknown>>;
    const runs = Math.max(10, Math.ceil((RUNS * weights[i]) / sum));
    const result = await fc.check(
      fc.asyncProperty(argsFor(door.target), async (args) => {
        setRequest({ cookies });
        calls += 1;
        const r = await fn(...args);
        const code = r.ok ? "ok" : r.code;
        codes[code] = (codes[code] ?? 0) + 1;
        if (!r.ok && r.code === "server_error") throw new Error(`${door.target} answered server_error: ${r.message}`);
        if (r.ok && !TAKES_NO_INPUT.includes(door.target)) throw new Error(`${door.target} accepted malformed input`);
      }),
      { seed: SEED + i, numRuns: runs, endOnFailure: true },
    );
    if (result.failed) failures.push(`${door.target}: ${fc.defaultReportMessage(result)}`);
  }
  const changed = changedTables(before, await snapshotDb(q));
  writeFigures("fuzz-actions", { seed: SEED, runs: RUNS, calls, actions: actions.length, codes, serverErrors: codes.server_error ?? 0, tablesCompared: Object.keys(before).length, tablesChanged: changed, failures });
  expect(failures).toEqual([]);
  expect(changed).toEqual([]);
}, Math.max(600_000, RUNS * 200));
