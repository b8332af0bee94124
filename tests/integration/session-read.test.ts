// next-auth's session read (GET /api/auth/session) re-checks the user like
// every other request: the cookie of a deactivated, deleted, demoted or
// password-changed user reads as no session (found by the authorization matrix).
import { authOptions } from "@/lib/server/auth/next-auth";
import { db } from "@/lib/server/db";
import { closeTestDb, makeUser, resetDb } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

const read = (token: Record<string, unknown>) =>
  authOptions().callbacks!.session!({ session: { expires: "2099-01-01T00:00:00.000Z", user: {} }, token } as never);

describe("the session callback", () => {
  it("names a live user, and nobody once their session version moved on", async () => {
    const u = await makeUser({ username: "livia" });
    const token = { uid: u.id, sv: u.sessionVersion, name: "livia" };
    expect(await read(token)).toEqual({ expires: "2099-01-01T00:00:00.000Z", user: { name: "livia" } });
    await db().user.update({ where: { id: u.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await read(token)).toEqual({});
  });

  it("reads no session for a deactivated or deleted user, or a token without claims", async () => {
    const off = await makeUser({ status: "inactive" });
    const gone = await makeUser({ deleted: true });
    expect(await read({ uid: off.id, sv: off.sessionVersion, name: off.username })).toEqual({});
    expect(await read({ uid: gone.id, sv: gone.sessionVersion, name: gone.username })).toEqual({});
    expect(await read({ name: "nobody" })).toEqual({});
  });
});
