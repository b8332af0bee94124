import { createUserSchema, listUsersQuerySchema, ulidSchema, updateUserSchema } from "@/lib/schemas/user";

describe("user schemas", () => {
  it("trims and lower-cases email, defaults role to viewer", () => {
    expect(createUserSchema.parse({ username: "jane.doe", email: "  Jane@Example.COM " })).toEqual({
      username: "jane.doe",
      email: "jane@example.com",
      role: "viewer",
    });
  });

  it.each(["ab", "a".repeat(51), "-jane", "jane_", "ja ne", "jäne", "jane!"])("rejects username %p", (username) => {
    expect(createUserSchema.safeParse({ username, email: "a@b.org" }).success).toBe(false);
  });

  it.each(["abc", "jane.doe", "j-d_2", "A1".repeat(25)])("accepts username %p", (username) => {
    expect(createUserSchema.safeParse({ username, email: "a@b.org" }).success).toBe(true);
  });

  it("rejects bad emails and roles with field messages", () => {
    const r = createUserSchema.safeParse({ username: "jane", email: "not-an-email", role: "owner" });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["email", "role"]));
    expect(createUserSchema.safeParse({ username: "jane", email: `${"a".repeat(250)}@b.org` }).success).toBe(false);
  });

  it("update ignores blank values", () => {
    expect(updateUserSchema.parse({ username: "", email: "  ", role: "editor" })).toEqual({ role: "editor" });
  });

  it("list query: limits, filters and defaults", () => {
    expect(listUsersQuerySchema.parse({})).toMatchObject({ limit: 50 });
    expect(listUsersQuerySchema.parse({ limit: "100", status: "pending", role: "admin" })).toMatchObject({ limit: 100, status: "pending", role: "admin" });
    for (const bad of [{ limit: "0" }, { limit: "101" }, { limit: "x" }, { status: "deleted" }, { role: "root" }]) {
      expect(listUsersQuerySchema.safeParse(bad).success).toBe(false);
    }
  });

  it("ULIDs: 26 Crockford base32 characters", () => {
    expect(ulidSchema.safeParse("01HQXYZ123456789ABCDEFGHJK").success).toBe(true);
    expect(ulidSchema.safeParse("01HQXYZ123456789ABCDEFGHJ").success).toBe(false);
    expect(ulidSchema.safeParse("01HQXYZ123456789ABCDEFGHJU").success).toBe(false);
  });
});
