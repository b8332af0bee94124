import { passwordStrength } from "@/lib/password-strength";
import { failedClientRules, STRENGTH_MIN_SCORE, strengthInputs } from "@/lib/schemas/password";
import { assertStrongPassword, passwordProblems } from "@/lib/server/auth/passwords";
import { COMMON_PASSWORDS, PRODUCT_PASSWORDS, randomStrongPassword } from "../password-samples";


const jane = { username: "jane.doe", email: "jane.doe@example.org" };

describe("password policy", () => {
  it("accepts a password that meets every rule", () => {
    expect(passwordProblems("Tulip-Harbor-93", jane)).toEqual({});
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
    expect(passwordProblems("My-JaneDoe-Pass-1", { username: "janedoe" })).toHaveProperty("username");
  });

  it.each(COMMON_PASSWORDS)("refuses the common pick %s although it meets the character rules", (pw) => {
    expect(failedClientRules(pw)).toEqual([]);
    const problems = passwordProblems(pw, jane);
    expect(Object.keys(problems)).toEqual(["common"]);
    expect(problems.common).toMatch(new RegExp(`^Password is too easy to guess \\(strength [0-3] of 4, ${STRENGTH_MIN_SCORE} needed\\): .+`));
  });

  it.each(PRODUCT_PASSWORDS)("refuses the product name plus digits: %s", (pw) => {
    expect(passwordProblems(pw, jane)).toHaveProperty("common");
  });

  it("refuses the person's own name and the node's host name plus digits", () => {
    expect(passwordProblems("Jane.Doe2024!!", jane)).toHaveProperty("common");
    const inputs = strengthInputs({ ...jane, site: "admin.quillmoor-events.org" });
    expect(passwordStrength("Quillmoor2024!", inputs).ok).toBe(false);
    expect(passwordStrength("Quillmoor2024!", strengthInputs(jane)).ok).toBe(true);
  });

  it("accepts 200 random passwords of 14-24 characters and memorable passphrases", () => {
    for (let i = 0; i < 200; i++) {
      const pw = randomStrongPassword(14 + (i % 11));
      expect({ pw, problems: passwordProblems(pw, jane) }).toEqual({ pw, problems: {} });
    }
    for (const pw of ["Correct-Horse-42!", "Blue-Coffee-Mug7", "Rainy.Tuesday.42", "horse battery Staple9!"]) expect(passwordProblems(pw, jane)).toEqual({});
  });

  it("stays fast on hostile input: 128 symbols is judged in well under a second", () => {
    const started = Date.now();
    expect(passwordProblems("@!$%4310".repeat(16))).toHaveProperty("common");
    expect(Date.now() - started).toBeLessThan(5000);
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
      expect(Object.keys(err.fieldErrors).sort()).toEqual(["password.common", "password.length", "password.number", "password.special", "password.uppercase"]);
    }
  });

  it("the browser checklist and the server agree on the basic rules", () => {
    expect(failedClientRules("Tulip-Harbor-93")).toEqual([]);
    expect(failedClientRules("tulip")).toEqual(["length", "uppercase", "number", "special"]);
  });
});
