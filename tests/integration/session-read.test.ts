// next-auth's session read (GET /api/auth/session) re-checks the session and
// the user like every other request: the cookie of a signed-out, deactivated,
// deleted, demoted or password-changed user reads as no session (found by the
// authorization matrix).
import { openSession } from "@/lib/server/auth/sessions";
import { authOptions } from "@/lib/server/auth/next-auth";
import { db } from "@/lib/server/db";
import { closeTestDb, makeUser, META, resetDb } from "../helpers";

beforeEach(resetDb);
afterAll(closeTestDb);

const read = (token: Record<string, unknown>) =>
  authOptions().callbacks!.session!({ session: { expires: "2099-01-01T00:00:00.000Z", user: {} }, token } as never);

describe("the session callback", () => {
  it("names the user of a live session, and nobody once the session ended", async () => {
    const u = await makeUser({ username: "livia" });
    const s = await openSession(u.id, "browser", META);
    const token = { uid: u.id, st: s.token, name: "livia" };
    expect(await read(token)).toEqual({ expires: "2099-01-01T00:00:00.000Z", user: { name: "livia" } });
    await db().session.update({ where: { id: s.id }, data: { revokedAt: new Date() } });
    expect(await read(token)).toEqual({});
  });

  it("reads no session for a deactivated or deleted user, an API session, or a token without claims", async () => {
    for (const u of [await makeUser({ status: "inactive" }), await makeUser({ deleted: true })]) {
      const s = await openSession(u.id, "browser", META);
      expect(await read({ uid: u.id, st: s.token, name: u.username })).toEqual({});
    }
    const api = await openSession((await makeUser()).id, "api", META);
    expect(await read({ st: api.token, name: "x" })).toEqual({});
    expect(await read({ name: "nobody" })).toEqual({});
  });
});
