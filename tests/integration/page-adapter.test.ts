// The page door: anonymous visitors go to the login page (and come back),
// roles without the page's permission get "forbidden" before any loader
// runs, permitted ones get the loader's typed result with their context.
import type { Ctx } from "@/lib/server/auth/actor";
import { page } from "@/lib/server/adapters/page";
import { actionCtx } from "@/lib/server/auth/session";
import { listUsers } from "@/lib/server/users/list-users";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { closeTestDb, ctxOf, makeUser, META, resetDb, unwrap } from "../helpers";

jest.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-url": "/admin/users?status=active", "user-agent": "jest", "x-sel-peer": "203.0.113.7" }),
}));
jest.mock("next/navigation", () => ({
  redirect: jest.fn((to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  }),
}));
jest.mock("@/lib/server/auth/session", () => ({ actionCtx: jest.fn() }));

const mockedCtx = actionCtx as jest.MockedFunction<typeof actionCtx>;
const signIn = (ctx: Ctx) => mockedCtx.mockResolvedValue(ctx);

beforeEach(async () => {
  await resetDb();
  mockedCtx.mockReset();
  (redirect as unknown as jest.Mock).mockClear();
});
afterAll(closeTestDb);

describe("page()", () => {
  it("runs the loader for a role with the permission and hands back its typed result", async () => {
    const admin = await makeUser({ role: "admin", username: "boss" });
    signIn(ctxOf(admin));
    const r = await page("users:read", (ctx) => listUsers(ctx, { limit: 5 }));
    if (!r.ok) throw new Error("expected the page to load");
    expect(r.ctx.actor.id).toBe(admin.id);
    expect(unwrap(r.data).items.map((u) => u.username)).toEqual(["boss"]);
  });

  it("answers forbidden to other roles without running the loader", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const user = await makeUser({ role });
      signIn(ctxOf(user));
      const load = jest.fn(async () => "secret");
      const r = await page("users:read", load);
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
      expect(r.ctx.actor.id).toBe(user.id);
      expect(load).not.toHaveBeenCalled();
      // Every role may enter the console itself.
      expect((await page("dashboard:read", async () => 1)).ok).toBe(true);
    }
  });

  it("sends a visitor without a session to the login page, with the way back", async () => {
    signIn({ actor: null, meta: META });
    const load = jest.fn(async () => "secret");
    await expect(page("dashboard:read", load)).rejects.toMatchObject({ to: `/admin/login?redirect=${encodeURIComponent("/admin/users?status=active")}` });
    expect(load).not.toHaveBeenCalled();
  });

  it("public pages get the request's context and no session lookup", async () => {
    const r = await page("public", async (ctx) => ctx);
    expect(r.ok).toBe(true);
    expect(r.data).toEqual({ actor: null, meta: { ip: "203.0.113.7", userAgent: "jest" } });
    expect(mockedCtx).not.toHaveBeenCalled();
  });
});

describe("page() under REQUIRE_2FA_FOR_ADMINS", () => {
  afterEach(() => {
    delete process.env.REQUIRE_2FA_FOR_ADMINS;
    resetEnvForTests();
  });

  it("sends an admin without a second factor to My account from every other page; My account itself loads; others are not held", async () => {
    process.env.REQUIRE_2FA_FOR_ADMINS = "true";
    resetEnvForTests();
    const admin = await makeUser({ role: "admin" });
    signIn(ctxOf(admin));
    const load = jest.fn(async () => "secret");
    for (const access of ["dashboard:read", "users:read", "activity:read"] as const) {
      await expect(page(access, load)).rejects.toMatchObject({ to: "/admin/account?setup=two-factor#two-factor" });
    }
    expect(load).not.toHaveBeenCalled();
    expect(await page("account:manage", async () => "mine")).toMatchObject({ ok: true, data: "mine" });

    const viewer = await makeUser({ role: "viewer" });
    signIn(ctxOf(viewer));
    expect((await page("dashboard:read", async () => 1)).ok).toBe(true);

    // With a second factor the admin goes everywhere.
    const enrolled = await db().user.update({ where: { id: admin.id }, data: { totpEnabledAt: new Date() } });
    signIn(ctxOf(enrolled));
    expect((await page("users:read", async () => 1)).ok).toBe(true);
  });
});
