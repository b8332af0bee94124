// The users server actions, called as Next calls them (plain async exports in
// Jest), with the cookie-session lookup and revalidatePath mocked: admins get
// the service's result and a revalidation, others a 401/403, bad input a 400.
import type { Result } from "@/lib/result-types";
import type { Ctx } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db";
import {
  activateUserAction,
  createUserAction,
  deactivateUserAction,
  deleteUserAction,
  resendInvitationAction,
  updateUserAction,
} from "@/app/admin/(console)/users/actions";
import { actionCtx } from "@/lib/server/auth/session";
import { revalidatePath } from "next/cache";
import { closeTestDb, ctxOf, makeUser, META, resetDb, unwrap } from "../helpers";
import { activities, errOf, expectUnchanged, UNKNOWN_ID, userRow } from "./users-support";

jest.mock("next/cache", () => ({ revalidatePath: jest.fn() }));
jest.mock("@/lib/server/auth/session", () => ({ actionCtx: jest.fn() }));

const mockedCtx = actionCtx as jest.MockedFunction<typeof actionCtx>;
const revalidate = revalidatePath as jest.MockedFunction<typeof revalidatePath>;
const signIn = (ctx: Ctx) => mockedCtx.mockResolvedValue(ctx);

beforeEach(async () => {
  await resetDb();
  mockedCtx.mockReset();
  revalidate.mockReset();
});
afterAll(closeTestDb);

const expectRevalidated = () => {
  expect(revalidate).toHaveBeenCalledWith("/admin/users");
  expect(revalidate).toHaveBeenCalledWith("/admin");
};

describe("users server actions as an admin", () => {
  it("create, update, deactivate, activate, resend and delete all work and revalidate", async () => {
    const admin = await makeUser({ role: "admin", username: "boss" });
    signIn(ctxOf(admin));

    const created = unwrap(await createUserAction({ username: "newbie", email: "Newbie@X.org", role: "editor" }));
    expect(created).toMatchObject({ username: "newbie", email: "newbie@x.org", status: "pending" });
    expectRevalidated();
    expect(await activities("user.created", created.id)).toEqual([expect.objectContaining({ actorId: admin.id, ipAddress: META.ip })]);

    revalidate.mockReset();
    expect(unwrap(await resendInvitationAction(created.id)).message).toBe("New invitation link for newbie@x.org. Email is not configured: copy the invitation link");
    expectRevalidated();

    const worker = await makeUser({ username: "worker" });
    revalidate.mockReset();
    expect(unwrap(await updateUserAction(worker.id, { role: "editor" })).role).toBe("editor");
    expectRevalidated();

    revalidate.mockReset();
    expect(unwrap(await deactivateUserAction(worker.id)).status).toBe("inactive");
    expectRevalidated();

    revalidate.mockReset();
    expect(unwrap(await activateUserAction(worker.id)).status).toBe("active");
    expectRevalidated();

    revalidate.mockReset();
    expect(unwrap(await deleteUserAction(worker.id))).toEqual({ id: worker.id, self: false });
    expectRevalidated();
    expect((await userRow(worker.id)).deletedAt).not.toBeNull();
    expect((await db().activityLog.findMany({ where: { resourceId: worker.id }, orderBy: { id: "asc" } })).map((a) => a.eventType)).toEqual([
      "user.updated",
      "user.deactivated",
      "user.activated",
      "user.deleted",
    ]);
  });

  it("does not revalidate when the service refuses", async () => {
    const admin = await makeUser({ role: "admin" });
    signIn(ctxOf(admin));
    const r = errOf(await expectUnchanged(() => deleteUserAction(admin.id)));
    expect(r).toMatchObject({ code: "conflict", message: "At least one active admin must remain" });
    expect(revalidate).not.toHaveBeenCalled();
  });
});

/** Every action, with input that would be fine for an admin. */
function everyAction(ids: { active: string; inactive: string; pending: string }): [string, () => Promise<Result<unknown>>][] {
  return [
    ["createUserAction", () => createUserAction({ username: "sneaky", email: "sneaky@x.org", role: "admin" })],
    ["updateUserAction", () => updateUserAction(ids.active, { role: "admin" })],
    ["deactivateUserAction", () => deactivateUserAction(ids.active)],
    ["activateUserAction", () => activateUserAction(ids.inactive)],
    ["deleteUserAction", () => deleteUserAction(ids.active)],
    ["resendInvitationAction", () => resendInvitationAction(ids.pending)],
  ];
}

async function targets() {
  await makeUser({ role: "admin" });
  return {
    active: (await makeUser()).id,
    inactive: (await makeUser({ status: "inactive" })).id,
    pending: (await makeUser({ status: "pending" })).id,
  };
}

describe("users server actions refuse non-admins", () => {
  it("an editor (and a viewer) get forbidden from every action, and nothing changes", async () => {
    const ids = await targets();
    for (const role of ["editor", "viewer"] as const) {
      signIn(ctxOf(await makeUser({ role })));
      for (const [name, call] of everyAction(ids)) {
        const r = errOf(await expectUnchanged(() => call()));
        expect({ name, code: r.code }).toEqual({ name, code: "forbidden" });
      }
    }
    expect(revalidate).not.toHaveBeenCalled();
  });

  it("an anonymous caller gets unauthorized from every action, and nothing changes", async () => {
    const ids = await targets();
    signIn({ actor: null, meta: META });
    for (const [name, call] of everyAction(ids)) {
      const r = errOf(await expectUnchanged(() => call()));
      expect({ name, code: r.code, message: r.message }).toEqual({ name, code: "unauthorized", message: "Authentication required" });
    }
    expect(revalidate).not.toHaveBeenCalled();
  });

  it("a failing session lookup becomes a server_error value, not a thrown error", async () => {
    mockedCtx.mockRejectedValue(new Error("cookie store unavailable"));
    const r = errOf(await expectUnchanged(() => createUserAction({ username: "someone", email: "someone@x.org" })));
    expect(r.code).toBe("server_error");
    expect(r.message).not.toMatch(/cookie store/);
  });
});

describe("users server actions with bad input", () => {
  // What a hostile client can POST whatever the actions' types say (hence the casts).
  const junk: never[] = [undefined, null, 42, "text", [], { username: { $gt: "" } }] as never[];

  it("answer validation (never server_error) and change nothing", async () => {
    const admin = await makeUser({ role: "admin" });
    const u = await makeUser();
    signIn(ctxOf(admin));
    for (const input of junk) {
      expect(errOf(await expectUnchanged(() => createUserAction(input))).code).toBe("validation");
      expect(errOf(await expectUnchanged(() => updateUserAction(u.id, { email: input ?? "bad" }))).code).toBe("validation");
      for (const id of [input, "nope", `${u.id}x`]) {
        for (const call of [updateUserAction, deactivateUserAction, activateUserAction, deleteUserAction, resendInvitationAction]) {
          const r = errOf(await expectUnchanged(() => (call as (id: unknown, x?: unknown) => Promise<never>)(id, { role: "editor" })));
          expect({ call: call.name, id, code: r.code }).toEqual({ call: call.name, id, code: "validation" });
        }
      }
    }
    expect(errOf(await expectUnchanged(() => updateUserAction(u.id, "not an object" as never))).code).toBe("validation");
    expect(errOf(await expectUnchanged(() => deleteUserAction(UNKNOWN_ID))).code).toBe("not_found");
    expect(revalidate).not.toHaveBeenCalled();
  });
});
