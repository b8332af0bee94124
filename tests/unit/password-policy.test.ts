import { failedClientRules } from "@/lib/schemas/password";
import { assertStrongPassword, isCommonPassword, passwordProblems } from "@/lib/server/auth/passwords";

describe("password policy", () => {
  it("accepts a password that meets every rule", () => {
    expect(passwordProblems("Tulip-Harbor-93", "jane")).toEqual({});
  });

  it.each([
    ["Short-1a!", "length"],
    ["lowercase-only-42!", "uppercase"],
    ["UPPERCASE-ONLY-42!", "lowercase"],
    ["No-Digits-Here-At-All!", "number"],
    ["NoSpecialChars42abc", "special"],
    ["Has space 42 Ab", "special"],
  ])("%s breaks %s", (pw, rule) => {
    expect(Object.keys(passwordProblems(pw))).toContain(rule);
  });

  it("refuses a password containing the username, case-insensitively", () => {
    expect(passwordProblems("My-JaneDoe-Pass-1", "janedoe")).toHaveProperty("username");
  });

  it("refuses passwords from the common list of 10,000+ entries", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("PassWord")).toBe(true);
    expect(isCommonPassword("Tulip-Harbor-93")).toBe(false);
    expect(passwordProblems("passwordpassword")).toHaveProperty("common");
  });

  it("refuses more than 128 characters", () => {
    expect(passwordProblems("Aa1!" + "x".repeat(130))).toHaveProperty("max");
  });

  it("reports every unmet rule at once as weak_password", () => {
    try {
      assertStrongPassword("abc");
      throw new Error("should have thrown");
    } catch (e) {
      const err = e as { code: string; fieldErrors: Record<string, string> };
      expect(err.code).toBe("weak_password");
      expect(Object.keys(err.fieldErrors).sort()).toEqual(["password.length", "password.number", "password.special", "password.uppercase"]);
    }
  });

  it("the browser checklist and the server agree on the basic rules", () => {
    expect(failedClientRules("Tulip-Harbor-93")).toEqual([]);
    expect(failedClientRules("tulip")).toEqual(["length", "uppercase", "number", "special"]);
  });
});
