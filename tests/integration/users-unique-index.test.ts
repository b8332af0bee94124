// The unique indexes are the real guarantee; the pre-check in assertAvailable
// is only friendly. With the pre-check switched off (as when a concurrent
// transaction wins between check and write), the index violation must still
// come back as a 409 on the right field, never a 500, and roll back everything.
import { createUser } from "@/lib/server/users/create-user";
import { updateUser } from "@/lib/server/users/update-user";
import { adminCtx, closeTestDb, makeUser, resetDb } from "../helpers";
import { errOf, expectUnchanged } from "./users-support";

jest.mock("@/lib/server/users/common", () => ({
  ...jest.requireActual("@/lib/server/users/common"),
  assertAvailable: jest.fn(async () => undefined),
}));

beforeEach(resetDb);
afterAll(closeTestDb);

const USERNAME = { code: "conflict", message: "Username is already taken", fieldErrors: { username: "Username is already taken" } };
const EMAIL = { code: "conflict", message: "Email is already taken", fieldErrors: { email: "Email is already taken" } };

describe("unique index violations", () => {
  it("createUser maps them to the field", async () => {
    const { ctx } = await adminCtx();
    await makeUser({ username: "Taken", email: "taken@x.org" });
    expect(errOf(await expectUnchanged(() => createUser(ctx, { username: "TAKEN", email: "free@x.org" })))).toMatchObject(USERNAME);
    expect(errOf(await expectUnchanged(() => createUser(ctx, { username: "free", email: "Taken@X.org" })))).toMatchObject(EMAIL);
  });

  it("updateUser maps them to the field", async () => {
    const { ctx } = await adminCtx();
    await makeUser({ username: "Taken", email: "taken@x.org" });
    const u = await makeUser({ username: "mover", email: "mover@x.org" });
    expect(errOf(await expectUnchanged(() => updateUser(ctx, u.id, { username: "taken" })))).toMatchObject(USERNAME);
    expect(errOf(await expectUnchanged(() => updateUser(ctx, u.id, { email: "TAKEN@x.org" })))).toMatchObject(EMAIL);
    expect(errOf(await expectUnchanged(() => updateUser(ctx, u.id, { username: "taken", role: "editor" })))).toMatchObject(USERNAME);
  });
});
