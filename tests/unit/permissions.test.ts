import { can, permissionsOf } from "@/lib/roles";
import { safeRedirect } from "@/lib/safe-redirect";

describe("permission map", () => {
  it("only admins manage users and read the whole activity log", () => {
    expect(can("admin", "users:write")).toBe(true);
    expect(can("admin", "activity:read")).toBe(true);
    for (const role of ["editor", "viewer"] as const) {
      expect(can(role, "users:read")).toBe(false);
      expect(can(role, "users:write")).toBe(false);
      expect(can(role, "activity:read")).toBe(false);
      expect(can(role, "dashboard:read")).toBe(true);
    }
  });

  it("editors are read-only like viewers for now", () => {
    expect(permissionsOf("editor")).toEqual(permissionsOf("viewer"));
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/admin/users?status=active", "/admin/users?status=active"],
    ["/admin", "/admin"],
    ["https://evil.example/", "/admin"],
    ["//evil.example/x", "/admin"],
    ["/\\evil.example", "/admin"],
    ["javascript:alert(1)", "/admin"],
    ["/admin/login?redirect=/x", "/admin"],
    [undefined, "/admin"],
  ])("%p -> %p", (input, out) => {
    expect(safeRedirect(input)).toBe(out);
  });
});
