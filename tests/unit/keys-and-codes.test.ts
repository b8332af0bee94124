// Small pure pieces the doors rely on: the one function that builds
// rate-limit keys (the limiter and the X-RateLimit-* headers both use it),
// and the mapping of the driver's unique-violation codes to a field.
import { limitKey } from "@/lib/server/rate-limit";
import { uniqueViolation } from "@/lib/server/users/common";

const ctx = { actor: { id: "01HQXYZ123456789ABCDEFGHJK" }, meta: { ip: "2001:DB8::1" } };

describe("limitKey", () => {
  it("keys each limit as before: by IP, by account, by user; accept and reset apart", () => {
    expect(limitKey("login-ip", ctx)).toBe("2001:db8::1");
    expect(limitKey("login-user", ctx, "  Jane.Doe ")).toBe("jane.doe");
    expect(limitKey("accept-ip", ctx)).toBe("accept:2001:db8::1");
    expect(limitKey("reset-ip", ctx)).toBe("reset:2001:db8::1");
    expect(limitKey("api-user", ctx)).toBe("01hqxyz123456789abcdefghjk");
    expect(limitKey("accept-ip", { actor: null, meta: { ip: null } })).toBe("accept:unknown");
  });
});

describe("uniqueViolation", () => {
  const prismaError = (index: string) => ({
    code: "P2002",
    meta: { driverAdapterError: { cause: { originalCode: "23505", kind: "UniqueConstraintViolation", constraint: { index } } } },
  });

  it("names the field from the violated index", () => {
    expect(uniqueViolation(prismaError("users_email_lower_key"))).toMatchObject({ code: "conflict", fieldErrors: { email: "Email is already taken" } });
    expect(uniqueViolation(prismaError("users_username_lower_key"))).toMatchObject({ code: "conflict", fieldErrors: { username: "Username is already taken" } });
    expect(uniqueViolation({ code: "23505", constraint: "users_email_lower_key" })).toMatchObject({ fieldErrors: { email: "Email is already taken" } });
  });

  it("leaves everything else alone, whatever its message says", () => {
    expect(uniqueViolation(prismaError("api_tokens_token_hash_key"))).toBeNull();
    expect(uniqueViolation(new Error("duplicate key value violates unique constraint users_email_lower_key"))).toBeNull();
    expect(uniqueViolation({ code: "P2025" })).toBeNull();
    expect(uniqueViolation(null)).toBeNull();
  });
});
