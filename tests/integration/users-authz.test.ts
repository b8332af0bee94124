// Every users service refuses editors and viewers (403) and anonymous callers
// (401) before looking at input, and changes nothing.
import type { Ctx } from "@/lib/server/auth/actor";
import { createUser } from "@/lib/server/users/create-user";
import { deleteUser } from "@/lib/server/users/delete-user";
import { getUser } from "@/lib/server/users/get-user";
import { listUsers } from "@/lib/server/users/list-users";
import { resendInvitation } from "@/lib/server/users/resend-invitation";
import { activateUser, deactivateUser } from "@/lib/server/users/set-user-active";
import { updateUser } from "@/lib/server/users/update-user";
import { closeTestDb, ctxOf, makeUser, META, resetDb } from "../helpers";
import { errOf, expectUnchanged } from "./users-support";

beforeAll(resetDb);
afterAll(closeTestDb);

type Ids = { active: string; inactive: string; pending: string };

/** Each service called with input that would succeed for an admin. */
const calls: [string, (ctx: Ctx, ids: Ids) => Promise<{ ok: boolean }>][] = [
  ["createUser", (ctx) => createUser(ctx, { username: "newbie", email: "newbie@x.org", role: "admin" })],
  ["listUsers", (ctx) => listUsers(ctx, {})],
  ["getUser", (ctx, ids) => getUser(ctx, ids.active)],
  ["updateUser", (ctx, ids) => updateUser(ctx, ids.active, { role: "admin" })],
  ["deactivateUser", (ctx, ids) => deactivateUser(ctx, ids.active)],
  ["activateUser", (ctx, ids) => activateUser(ctx, ids.inactive)],
  ["deleteUser", (ctx, ids) => deleteUser(ctx, ids.active)],
  ["resendInvitation", (ctx, ids) => resendInvitation(ctx, ids.pending)],
];

/** The same services with garbage input: authorization must still come first. */
const badCalls: [string, (ctx: Ctx) => Promise<{ ok: boolean }>][] = [
  ["createUser", (ctx) => createUser(ctx, { username: "!" })],
  ["listUsers", (ctx) => listUsers(ctx, { limit: -1 })],
  ["getUser", (ctx) => getUser(ctx, "nope")],
  ["updateUser", (ctx) => updateUser(ctx, "nope", { role: "god" })],
  ["deactivateUser", (ctx) => deactivateUser(ctx, "nope")],
  ["activateUser", (ctx) => activateUser(ctx, "nope")],
  ["deleteUser", (ctx) => deleteUser(ctx, "nope")],
  ["resendInvitation", (ctx) => resendInvitation(ctx, "nope")],
];

let ids: Ids;
let editor: Ctx;
let viewer: Ctx;
const anonymous: Ctx = { actor: null, meta: META };

beforeAll(async () => {
  await makeUser({ role: "admin" });
  ids = {
    active: (await makeUser({ role: "viewer" })).id,
    inactive: (await makeUser({ status: "inactive" })).id,
    pending: (await makeUser({ status: "pending" })).id,
  };
  editor = ctxOf(await makeUser({ role: "editor" }));
  viewer = ctxOf(await makeUser({ role: "viewer" }));
});

describe.each(calls)("%s", (_name, call) => {
  it("is forbidden for an editor and a viewer, changing nothing", async () => {
    for (const ctx of [editor, viewer]) {
      const r = errOf((await expectUnchanged(() => call(ctx, ids))) as never);
      expect(r).toMatchObject({ code: "forbidden", message: "You do not have permission to do this" });
    }
  });

  it("is unauthorized for an anonymous caller, changing nothing", async () => {
    const r = errOf((await expectUnchanged(() => call(anonymous, ids))) as never);
    expect(r).toMatchObject({ code: "unauthorized", message: "Authentication required" });
  });
});

describe.each(badCalls)("%s with bad input", (_name, call) => {
  it("still answers forbidden / unauthorized, not validation", async () => {
    expect(errOf((await call(viewer)) as never).code).toBe("forbidden");
    expect(errOf((await call(anonymous)) as never).code).toBe("unauthorized");
  });
});

describe("the same calls as an admin", () => {
  it("all succeed, so the refusals above were about the actor and not the input", async () => {
    const { db } = await import("@/lib/server/db");
    const admin = await db().user.findFirstOrThrow({ where: { role: "admin" } });
    for (const [name, call] of calls) {
      const r = await call(ctxOf(admin), ids);
      expect({ name, ok: r.ok }).toEqual({ name, ok: true });
    }
  });
});
